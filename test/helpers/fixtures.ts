import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import { loadDemo } from "../../src/demo/load";
import { adminJson } from "./http";

export const NOW = Date.parse("2026-11-22T12:00:00Z");

/** Creates a page through the admin API (the first page is the default one). */
export async function createPage(overrides: Record<string, unknown> = {}) {
  const { status, json } = await adminJson("POST", "/pages", {
    name: "Acme",
    url: "https://status.acme.test",
    time_zone: "Etc/UTC",
    ...overrides,
  });
  if (status !== 201) throw new Error(`createPage: ${status} ${JSON.stringify(json)}`);
  return json.page as { id: string; time_zone: string };
}

export async function createComponent(body: Record<string, unknown>) {
  const { status, json } = await adminJson("POST", "/components", body);
  if (status !== 201) throw new Error(`createComponent: ${status} ${JSON.stringify(json)}`);
  return json.component as { id: string; name: string; status: string };
}

export async function createIncident(body: Record<string, unknown>) {
  const { status, json } = await adminJson("POST", "/incidents", { status: "investigating", body: "Investigating.", ...body });
  if (status !== 201) throw new Error(`createIncident: ${status} ${JSON.stringify(json)}`);
  return json.incident as any;
}

/** Loads the Blip demo page from the seeds, through the same services the admin API uses. */
export function seedDemo(now = NOW) {
  return loadDemo(createDb(env.DB), env.CACHE, now);
}

// Console sessions and job heartbeats are left out: signing in and a scheduler tick are not writes of the page.
const TABLES = [
  "pages",
  "components",
  "incidents",
  "incident_updates",
  "update_components",
  "incident_components",
  "component_status_changes",
  "outbox",
  "audit_log",
  "templates",
  "idempotency_keys",
  "subscribers",
  "notifications",
  "deliveries",
  "mail_log",
  "import_sources",
];

/** A fingerprint of every row of every table a write touches: equal before and after means nothing was written. */
export async function dbFingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const { results } = await env.DB.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    parts.push(`${table}:${JSON.stringify(results)}`);
  }
  return parts.join("\n");
}

/** Env whose D1 counts every statement prepared (batches included) and every KV read/write. */
export function countingEnv(): { env: Env; d1: () => number; kvWrites: () => number } {
  let d1 = 0;
  let kvWrites = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => (d1++, target.prepare(sql));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const kv = new Proxy(env.CACHE, {
    get(target, prop) {
      if (prop === "put") return (...args: Parameters<KVNamespace["put"]>) => (kvWrites++, target.put(...args));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: { ...env, DB: db, CACHE: kv }, d1: () => d1, kvWrites: () => kvWrites };
}
