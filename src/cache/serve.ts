import type { Context } from "hono";
import { getEvent } from "../db/queries/events";
import { currentEventIndex, type EventIndex, mayHaveEvent } from "./event-index";
import { bodyBytes, bodyTemplate } from "./encoded";
import { lastKnownGoodKey } from "./keys";
import type { PageGeneration } from "../db/queries/pages";
import { generationIn, languagesIn, logCacheError, pageIdForHost, readSite, SiteUnavailable, type Site } from "./routing";
import { type CachedBody, type ContentKind, readBody, readBodyMemo, strongEtag, writeBody } from "./store";
import type { AppEnv } from "../env";
import { type Locale, matchLocale, pickLocale } from "../i18n/locales";
import { type Voice, voiceOf } from "../i18n/words";
import { PUBLIC_CACHE_CONTROL, STALE_CACHE_CONTROL } from "../http/cache-control";
import { etagMatches } from "../http/etag";
import { sendHtml } from "../http/html-response";
import { statusUnavailable, withDeadline } from "../http/unavailable";

export { etagMatches };

// A body filled by a read (not by a write) may have lost a race with a write: let it expire soon.
const READ_FILL_TTL_SECONDS = 60;

const STALE_HEADER = "Edge-Status-Stale";

const CONTENT_TYPES: Record<ContentKind, string> = {
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
};

export interface Found {
  cached: CachedBody;
  hit: boolean;
  /** A last known good copy, served because D1 failed: `cached.generatedAt` says from when. */
  stale: boolean;
}

/** A JSON object body with `stale: true` and when it was built, for every reader to see. */
function markStale(body: string, asOf: number): string {
  if (!body.startsWith("{") || body === "{}") return body;
  return `{"stale":true,"stale_as_of":"${new Date(asOf).toISOString()}",${body.slice(1)}`;
}

/**
 * What every surface says about a body it found: where it came from (Cache-Status), how long to keep
 * it (`freshFor` unless it is a last known good copy) and, for such a copy, from when. Its ETag is
 * the stored one, marked for a stale copy so it never validates a fresh one.
 */
export function foundHeaders(found: Found, freshFor = PUBLIC_CACHE_CONTROL): { ETag: string } & Record<string, string> {
  const { cached, hit, stale } = found;
  if (stale) {
    return {
      ETag: `"${cached.etag.slice(1, -1)}-stale"`,
      "Cache-Control": STALE_CACHE_CONTROL,
      "Cache-Status": "edge-status; hit; detail=last-known-good",
      [STALE_HEADER]: new Date(cached.generatedAt).toISOString(),
    };
  }
  return { ETag: cached.etag, "Cache-Control": freshFor, "Cache-Status": hit ? "edge-status; hit" : "edge-status; fwd=miss; stored" };
}

function respond(c: Context<AppEnv>, found: Found): Response {
  const { cached, stale } = found;
  const { ETag, ...headers } = foundHeaders(found);
  if (cached.contentType === "html") {
    return sendHtml(c, bodyTemplate(cached), { etag: cached.etag, headers, ...(stale ? { staleAsOf: cached.generatedAt } : {}) });
  }
  headers.ETag = ETag;
  if (etagMatches(c.req.header("if-none-match"), headers.ETag)) return c.body(null, 304, headers);
  const body = stale && cached.contentType === "json" ? markStale(cached.body, cached.generatedAt) : bodyBytes(cached);
  return c.body(body, 200, { ...headers, "Content-Type": CONTENT_TYPES[cached.contentType] });
}

/** The routing record (and heartbeat) of this request, read once; 503 only when D1 and KV both fail. */
export async function publicSite(c: Context<AppEnv>): Promise<Site> {
  const known = c.get("site");
  if (known) return known;
  try {
    const site = await readSite(c.env.CACHE, c.get("db"), c.get("now"), (p) => c.executionCtx.waitUntil(p));
    c.set("site", site);
    return site;
  } catch (error) {
    if (error instanceof SiteUnavailable) {
      console.error("no routing from D1 or KV", c.get("requestId"), error.cause);
      throw statusUnavailable();
    }
    throw error;
  }
}

export interface PublicPage {
  id: string;
  timeZone: string;
  generation: PageGeneration;
  /** The languages it speaks, its own first. */
  languages: Locale[];
}

/** The page this host serves (no D1 query on a warm cache); null if none. */
export async function publicPage(c: Context<AppEnv>): Promise<PublicPage | null> {
  const site = await publicSite(c);
  const id = pageIdForHost(site, new URL(c.req.url).hostname);
  return id ? { id, timeZone: site.zones?.[id] ?? "Etc/UTC", generation: generationIn(site, id), languages: languagesIn(site, id) } : null;
}

/**
 * The language this reader gets, among the ones the page speaks: the one a link chose (`?lang=`),
 * else the best match of Accept-Language, else the page's own. Kept on the context for what the
 * response adds (its notices), and, when the page speaks several, the response varies on the header.
 */
export function readerWords(c: Context<AppEnv>, languages: readonly Locale[]): Voice {
  // One choice per request: a 404 page that asks again gets the same words, and Vary is named once.
  const chosen = c.get("words");
  if (chosen) return chosen;
  const [own = "en", ...others] = languages;
  const linked = matchLocale(c.req.query("lang"), languages);
  const locale = linked ?? pickLocale(c.req.header("accept-language"), languages, own);
  if (others.length > 0 && linked === undefined) c.header("Vary", "Accept-Language", { append: true });
  const voice = voiceOf(locale, languages);
  c.set("words", voice);
  return voice;
}

/** Whether this page may have this event, asking KV's index first and D1 only as event-index.ts allows. */
export async function publicEventMayExist(c: Context<AppEnv>, page: PublicPage, kind: "incident" | "maintenance", id: string): Promise<boolean> {
  const index = await publicEventIndex(c, page);
  return mayHaveEvent(index, kind, id, c.get("now"), async () => (await getEvent(c.get("db"), page.id, kind, id)) !== undefined);
}

/** The page's "not found" index when it can be trusted, else null (see event-index.ts). */
export function publicEventIndex(c: Context<AppEnv>, page: PublicPage): Promise<EventIndex | null> {
  return currentEventIndex(c.env.CACHE, page.id, page.generation, (work) => c.executionCtx.waitUntil(work));
}

/** The name and zone of a page as the routing record knows them: what an error page shows, without D1. */
export function pageIdentity(site: Site, pageId: string): { name: string; timeZone: string } {
  return { name: site.names?.[pageId] ?? "Status", timeZone: site.zones?.[pageId] ?? "Etc/UTC" };
}

export interface CachedSource {
  key: string;
  /** The page's generations: an older body is rebuilt, and one older than `servableFrom` never served. */
  generation: PageGeneration;
  contentType: ContentKind;
  /** Builds the body from D1 on a cache miss; null when the thing does not exist. */
  build: () => Promise<string | null>;
  /** Asked before `build`: false when KV already knows the thing does not exist, so D1 is not asked. */
  mayExist?: () => Promise<boolean>;
  /** The answer when `build` finds nothing. */
  missing: () => Response | Promise<Response>;
  /**
   * Another key holding the same thing (the page in its own language) that may stand in, stale,
   * when D1 fails and this key has no copy left: a reader in the wrong language beats a 503.
   */
  standIn?: string;
}

/**
 * The newest copy of `key` a reader may still be shown, if any: its stored body (`stored`, when
 * already read) or its last known good copy. An older generation's copy still says what was true
 * then; one from before a rename or a deletion would show what is gone, so it is never served.
 */
async function servableCopy(kv: KVNamespace, key: string, servableFrom: number, stored?: CachedBody | null): Promise<CachedBody | null> {
  const read = (k: string) => readBody(kv, k).catch(() => null);
  const copies = await Promise.all([stored === undefined ? read(key) : stored, read(lastKnownGoodKey(key))]);
  const servable = copies.filter((copy): copy is CachedBody => copy !== null && copy.generation >= servableFrom);
  return servable.sort((a, b) => b.generatedAt - a.generatedAt)[0] ?? null;
}

/**
 * A cached body of the page's current generation; otherwise one built from D1 and stored for the
 * next reader (briefly, plus a never-expiring last known good copy); if D1 fails or is too slow, the
 * newest copy still servable, marked stale. Null when `build` finds nothing; a 503 only when neither
 * D1 nor KV can answer.
 */
export async function readThrough(c: Context<AppEnv>, source: Omit<CachedSource, "missing">): Promise<Found | null> {
  const kv = c.env.CACHE;
  const { generation } = source;
  const cached = await readBodyMemo(kv, source.key, (work) => c.executionCtx.waitUntil(work)).catch(() => null);
  if (cached && cached.generation >= generation.current) return { cached, hit: true, stale: false };
  if (source.mayExist && !(await source.mayExist())) return null;
  let body: string | null;
  try {
    body = await withDeadline(source.build());
  } catch (error) {
    console.error("building from D1 failed; trying the last known good copy", c.get("requestId"), error);
    const { servableFrom } = generation;
    const copy = (await servableCopy(kv, source.key, servableFrom, cached)) ?? (source.standIn ? await servableCopy(kv, source.standIn, servableFrom) : null);
    if (copy) return { cached: copy, hit: true, stale: true };
    throw statusUnavailable();
  }
  if (body === null) return null;
  const now = c.get("now");
  const options = { now, contentType: source.contentType, generation: generation.current };
  c.executionCtx.waitUntil(writeBody(kv, source.key, body, { ...options, ttl: READ_FILL_TTL_SECONDS }).catch(logCacheError));
  c.executionCtx.waitUntil(writeBody(kv, lastKnownGoodKey(source.key), body, { ...options, skipIfSame: true }).catch(logCacheError));
  return {
    cached: { body, etag: await strongEtag(body), generatedAt: now, contentType: source.contentType, generation: generation.current },
    hit: false,
    stale: false,
  };
}

/** Serves a cached body; on a miss builds it from D1, answers, and stores it for the next reader. */
export async function serveCached(c: Context<AppEnv>, source: CachedSource): Promise<Response> {
  const found = await readThrough(c, source);
  return found ? respond(c, found) : source.missing();
}
