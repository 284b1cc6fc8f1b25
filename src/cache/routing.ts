import { loadRouting, type PageGeneration, type Routing } from "../db/queries/pages";
import type { Heartbeat } from "../domain/heartbeat";
import type { Db } from "../env";
import type { Locale } from "../i18n/locales";
import { lastKnownGoodKey, ROUTING_KEY } from "./keys";
import { type CachedBody, derivedFrom, parsedOrNull, readBodyMemo, writeBody } from "./store";

const sites = new WeakMap<CachedBody, Site | null>();

/** Routing plus the heartbeat: the one small record a public read needs before its body. */
export interface Site extends Routing {
  heartbeat?: Heartbeat;
}

// The longest host name DNS allows: anything longer names no page.
const MAX_HOST_LENGTH = 253;

/**
 * The page a host name claimed, else the default page. Only the record's own keys count: a host
 * called "__proto__" or "constructor" is a host like any other, not a way into the object.
 */
export function pageIdForHost(routing: Routing, host: string): string | null {
  const claimed = host.length <= MAX_HOST_LENGTH && Object.hasOwn(routing.hosts, host) ? routing.hosts[host] : undefined;
  return typeof claimed === "string" ? claimed : routing.defaultId;
}

/** A page's generations as the routing record knows them (none yet: every body is current). */
export function generationIn(site: Routing, pageId: string): PageGeneration {
  return site.generations?.[pageId] ?? { current: 0, servableFrom: 0 };
}

/** The languages a page speaks, its own first (English for a record written before pages had one). */
export function languagesIn(site: Routing, pageId: string): Locale[] {
  return site.languages?.[pageId] ?? ["en"];
}

/** Whether two routing records say the same (the heartbeat aside). */
export const sameRouting = (a: Routing, b: Routing) => JSON.stringify(routingFields(a)) === JSON.stringify(routingFields(b));

const routingFields = (r: Routing) => [r.hosts, r.defaultId, r.zones, r.names ?? {}, r.generations ?? {}, r.languages ?? {}];

/** Thrown when neither D1 nor KV can say which page this is: only then does a reader get a 503. */
export class SiteUnavailable extends Error {
  constructor(cause: unknown) {
    super("status data unavailable", { cause });
  }
}

/**
 * Host → page routing from KV; on a miss, from D1 (stored briefly, with a never-expiring copy; page
 * writes store it durably); if D1 fails too, the last known good copy.
 */
export async function readSite(kv: KVNamespace, db: Db, now: number, waitUntil: (p: Promise<unknown>) => void): Promise<Site> {
  const stored = await readBodyMemo(kv, ROUTING_KEY, waitUntil).catch(() => null);
  const cached = stored ? derivedFrom(sites, stored, parsedOrNull<Site>) : null;
  if (cached) return cached;
  let routing: Routing;
  try {
    routing = await loadRouting(db);
  } catch (error) {
    const copy = await kv.get<Site>(lastKnownGoodKey(ROUTING_KEY), "json").catch(() => null);
    if (copy) return copy;
    throw new SiteUnavailable(error);
  }
  if (routing.defaultId) {
    const body = JSON.stringify(routing);
    waitUntil(writeBody(kv, ROUTING_KEY, body, { now, ttl: 60 }).catch(logCacheError));
    waitUntil(writeBody(kv, lastKnownGoodKey(ROUTING_KEY), body, { now, skipIfSame: true }).catch(logCacheError));
  }
  return routing;
}

/**
 * Stores routing from D1, keeping the heartbeat the scheduler wrote (or `heartbeat`, when given).
 * Written only when it says something new: every public read loads it, and KV allows one write a
 * second per key.
 */
export async function storeSite(kv: KVNamespace, routing: Routing, now: number, heartbeat?: Heartbeat) {
  const current = await kv.get<Site>(ROUTING_KEY, "json").catch(() => null);
  const beat = heartbeat ?? current?.heartbeat;
  const site: Site = beat ? { ...routing, heartbeat: beat } : routing;
  return writeBody(kv, ROUTING_KEY, JSON.stringify(site), { now, skipIfSame: true });
}

export function logCacheError(error: unknown): void {
  console.error("cache write failed", error);
}
