// Wraps a D1 binding so every statement it runs is counted. A batch is one round trip of several
// statements; a prepared statement run alone (all/first/run/raw) is one of each.

// ms: time spent awaiting D1 (overlapping calls add up); sqlMs: execution time D1 itself reports
// (meta.duration), where the call returns it (raw() does not).
export const newTally = () => ({ statements: 0, roundTrips: 0, ms: 0, sqlMs: 0, sql: [] });

const RUNS = new Set(["all", "first", "run", "raw"]);
// Column lists say little: keep what is read from where.
const shortSql = (sql) =>
  sql
    .replace(/\s+/g, " ")
    .replace(/^select (.+?) from /i, (_, cols) => `select ${cols.length > 40 ? "…" : cols} from `)
    .slice(0, 220);

export function countingD1(db, tally) {
  const targets = new WeakMap();
  const timed = async (promise) => {
    const started = Date.now();
    try {
      const result = await promise;
      for (const r of Array.isArray(result) ? result : [result]) tally.sqlMs += r?.meta?.duration ?? 0;
      return result;
    } finally {
      tally.ms += Date.now() - started;
    }
  };
  const wrapStatement = (statement, sql) => {
    const proxy = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...args) => wrapStatement(target.bind(...args), sql);
        if (RUNS.has(prop)) {
          return (...args) => {
            tally.statements++;
            tally.roundTrips++;
            tally.sql.push(shortSql(sql));
            return timed(target[prop](...args));
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    targets.set(proxy, { target: statement, sql });
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql) => wrapStatement(target.prepare(sql), sql);
      if (prop === "batch") {
        return async (statements) => {
          tally.roundTrips++;
          tally.statements += statements.length;
          let results = [];
          try {
            results = await timed(target.batch(statements.map((s) => targets.get(s)?.target ?? s)));
            return results;
          } finally {
            statements.forEach((s, i) => {
              const ms = results[i]?.meta?.duration;
              tally.sql.push(`[batch${ms === undefined ? "" : ` ${ms.toFixed(1)} ms`}] ${shortSql(targets.get(s)?.sql ?? "?")}`);
            });
          }
        };
      }
      if (prop === "exec") {
        return (sql) => {
          const lines = sql.split("\n").filter((l) => l.trim());
          tally.statements += lines.length;
          tally.roundTrips++;
          tally.sql.push(`[exec] ${shortSql(sql)}`);
          return timed(target.exec(sql));
        };
      }
      if (prop === "withSession") return (...args) => countingD1(target.withSession(...args), tally);
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
