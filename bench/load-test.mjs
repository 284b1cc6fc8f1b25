// Throughput and latency per route with autocannon, in this process (the server is workerd, a
// separate process; the two share the machine's cores). All routes are warmed up together first
// (they share the KV simulator, so a route measured first must not pay for warming it), then
// measured in interleaved rounds (every route once per round) so a change in background load hits
// all of them alike. Each measured run starts with a short settling time whose responses are not
// counted: only those completed inside the measured window are.
import autocannon from "autocannon";

function run(url, { connections, settleSeconds, seconds }, window) {
  return new Promise((resolve, reject) => {
    const opts = { url, connections, duration: settleSeconds + seconds, pipelining: 1, timeout: 10 };
    const started = performance.now();
    const [from, to] = [started + settleSeconds * 1000, started + (settleSeconds + seconds) * 1000];
    const instance = autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on("response", (_client, status, _bytes, ms) => {
      const now = performance.now();
      if (now < from || now > to) return;
      window.responses++;
      window.latencies.push(ms);
      if (status < 200 || status >= 300) {
        window.non2xx++;
        window.statuses[status] = (window.statuses[status] ?? 0) + 1;
      }
    });
  });
}

/** Long enough for the connections to be open and busy, short next to the window. */
const settleFor = (seconds) => Math.min(0.5, seconds / 10);

const percentile = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

export async function measureRoutes(origin, routes, { connections, seconds, warmupSeconds, rounds }, log) {
  const totals = new Map(routes.map((r) => [r.name, { responses: 0, seconds: 0, non2xx: 0, statuses: {}, errors: 0, latencies: [], perRound: [] }]));
  // One warm-up run: each connection requests every route in turn.
  await new Promise((resolve, reject) => {
    const requests = routes.map((r) => ({ method: "GET", path: r.path }));
    autocannon({ url: origin, requests, connections, duration: warmupSeconds }, (error) => (error ? reject(error) : resolve()));
  });
  const settleSeconds = settleFor(seconds);
  for (let round = 1; round <= rounds; round++) {
    for (const route of routes) {
      const t = totals.get(route.name);
      const before = t.responses;
      const result = await run(origin + route.path, { connections, settleSeconds, seconds }, t);
      t.seconds += seconds;
      t.errors += result.errors + result.timeouts;
      t.perRound.push(Math.round((t.responses - before) / seconds));
    }
    log(`  round ${round}/${rounds} done`);
  }
  return routes.map((route) => {
    const t = totals.get(route.name);
    const sorted = t.latencies.sort((a, b) => a - b);
    return {
      name: route.name,
      path: route.path,
      requests: t.responses,
      reqPerSec: Math.round(t.responses / t.seconds),
      perRound: t.perRound,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      non2xx: t.non2xx,
      non2xxStatuses: t.statuses,
      errors: t.errors,
    };
  });
}
