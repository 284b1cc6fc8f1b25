import { env } from "cloudflare:workers";

// Injected faults, as D1 and KV report them in production. Every proxy leaves the real binding
// untouched, so a test can compare the state afterwards through `env`.

export const D1_DOWN = "D1_ERROR: Network connection lost.";

type Mode = "reads" | "writes" | "all" | "hang";

/** Fails after a turn of the event loop, as a binding whose network call failed does. */
const failLater = (message: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), 0));

/** `target`, with the properties `override` answers for replaced; every other one passes through. */
export function passThrough<T extends object>(target: T, override: (prop: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(t, prop) {
      const replaced = override(prop);
      if (replaced !== undefined) return replaced;
      const value = Reflect.get(t, prop);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

const isWrite = (sql: string) => !/^\s*(select|with)\b/i.test(sql);

const broken = new WeakSet<object>();

/** A statement that fails (or never answers) when executed, as a D1 outage does. */
function brokenStatement(mode: Mode): D1PreparedStatement {
  const fail = () => (mode === "hang" ? new Promise<never>(() => {}) : failLater(D1_DOWN));
  const statement: D1PreparedStatement = passThrough({} as D1PreparedStatement, (prop) => {
    if (prop === "bind") return () => statement;
    if (prop === "all" || prop === "raw" || prop === "first" || prop === "run") return fail;
    return undefined;
  });
  broken.add(statement);
  return statement;
}

/**
 * D1 failing: "reads" breaks SELECTs, "writes" breaks batches and other statements, "all" breaks
 * everything, "hang" never answers. Statements that work still go to the real database.
 */
export function failingD1(mode: Mode): D1Database {
  const breaks = (sql: string) => mode === "all" || mode === "hang" || (mode === "reads" ? !isWrite(sql) : isWrite(sql));
  return passThrough(env.DB, (prop) => {
    if (prop === "prepare") return (sql: string) => (breaks(sql) ? brokenStatement(mode) : env.DB.prepare(sql));
    if (prop === "batch") {
      return (statements: D1PreparedStatement[]) => {
        if (mode === "hang") return new Promise<never>(() => {});
        if ((mode === "reads" || mode === "writes") && !statements.some((st) => broken.has(st))) return env.DB.batch(statements);
        return failLater(D1_DOWN);
      };
    }
    return undefined;
  });
}

/** KV failing on every call. */
export function failingKv(): KVNamespace {
  const fail = () => failLater("KV GET failed: 503 Service Unavailable");
  return passThrough(env.CACHE, (prop) => (["get", "getWithMetadata", "put", "delete", "list"].includes(String(prop)) ? fail : undefined));
}

export function withFaults(faults: { d1?: Mode; kv?: boolean }): Env {
  return { ...env, ...(faults.d1 ? { DB: failingD1(faults.d1) } : {}), ...(faults.kv ? { CACHE: failingKv() } : {}) };
}

/** Every KV key and its value: equal before and after means the cache was not touched. */
export async function kvSnapshot(): Promise<string> {
  const { keys } = await env.CACHE.list();
  const parts: string[] = [];
  for (const { name } of keys) parts.push(`${name}=${await env.CACHE.get(name)}`);
  return parts.join("\n");
}
