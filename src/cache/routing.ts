import { loadRouting, type Routing } from "../db/queries/pages";
import type { Db } from "../env";
import { ROUTING_KEY } from "./keys";
import { writeBody } from "./store";

export function pageIdForHost(routing: Routing, host: string): string | null {
  return routing.hosts[host] ?? routing.defaultId;
}

/** Host → page routing from KV; on a miss, from D1, stored briefly (page writes store it durably). */
export async function readRouting(kv: KVNamespace, db: Db, now: number, waitUntil: (p: Promise<unknown>) => void): Promise<Routing> {
  const cached = await kv.get<Routing>(ROUTING_KEY, "json").catch(() => null);
  if (cached) return cached;
  const routing = await loadRouting(db);
  if (routing.defaultId) waitUntil(writeBody(kv, ROUTING_KEY, JSON.stringify(routing), { now, ttl: 60 }).catch(logCacheError));
  return routing;
}

export async function storeRouting(kv: KVNamespace, db: Db, now: number) {
  return writeBody(kv, ROUTING_KEY, JSON.stringify(await loadRouting(db)), { now, skipIfSame: true });
}

export function logCacheError(error: unknown): void {
  console.error("cache write failed", error);
}
