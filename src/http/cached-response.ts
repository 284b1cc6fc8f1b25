import type { Context } from "hono";
import { logCacheError, pageIdForHost, readRouting } from "../cache/routing";
import { type CachedBody, type ContentKind, readBody, strongEtag, writeBody } from "../cache/store";
import type { AppEnv } from "../env";

// Browsers and the edge may reuse a body briefly; admin writes replace it in KV at once.
const PUBLIC_CACHE_CONTROL = "public, max-age=10, stale-while-revalidate=30";
// A body filled by a read (not by a write) may have lost a race with a write: let it expire soon.
const READ_FILL_TTL_SECONDS = 60;

const CONTENT_TYPES: Record<ContentKind, string> = {
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
};

/** Only /embed/status may be framed: the status page itself must not be dressed up by another site. */
export const NO_FRAMING = { "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" };

/** True when the request's If-None-Match names this ETag (weak comparison, as RFC 9110 asks for). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === bare;
  });
}

function respond(c: Context<AppEnv>, cached: CachedBody, hit: boolean): Response {
  const headers = {
    ETag: cached.etag,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Cache-Status": hit ? "edge-status; hit" : "edge-status; fwd=miss; stored",
  };
  if (etagMatches(c.req.header("if-none-match"), cached.etag)) return c.body(null, 304, headers);
  const framing: Record<string, string> = cached.contentType === "html" ? NO_FRAMING : {};
  return c.body(cached.body, 200, { ...headers, ...framing, "Content-Type": CONTENT_TYPES[cached.contentType] });
}

/** The page this host serves, from the KV routing table (no D1 query on a warm cache); null if none. */
export async function publicPage(c: Context<AppEnv>): Promise<{ id: string; timeZone: string } | null> {
  const routing = await readRouting(c.env.CACHE, c.get("db"), c.get("now"), (p) => c.executionCtx.waitUntil(p));
  const id = pageIdForHost(routing, new URL(c.req.url).hostname);
  return id ? { id, timeZone: routing.zones?.[id] ?? "Etc/UTC" } : null;
}

export async function publicPageId(c: Context<AppEnv>): Promise<string | null> {
  return (await publicPage(c))?.id ?? null;
}

export interface CachedSource {
  key: string;
  contentType: ContentKind;
  /** Builds the body from D1 on a cache miss; null when the thing does not exist. */
  build: () => Promise<string | null>;
  /** The answer when `build` finds nothing. */
  missing: () => Response | Promise<Response>;
}

/** A cached body, or on a miss one built from D1 and stored for the next reader; null when `build` finds nothing. */
export async function readThrough(c: Context<AppEnv>, source: Omit<CachedSource, "missing">): Promise<{ cached: CachedBody; hit: boolean } | null> {
  const cached = await readBody(c.env.CACHE, source.key).catch(() => null);
  if (cached) return { cached, hit: true };
  const body = await source.build();
  if (body === null) return null;
  const now = c.get("now");
  const { contentType } = source;
  c.executionCtx.waitUntil(writeBody(c.env.CACHE, source.key, body, { now, ttl: READ_FILL_TTL_SECONDS, contentType }).catch(logCacheError));
  return { cached: { body, etag: await strongEtag(body), generatedAt: now, contentType }, hit: false };
}

/** Serves a cached body; on a miss builds it from D1, answers, and stores it for the next reader. */
export async function serveCached(c: Context<AppEnv>, source: CachedSource): Promise<Response> {
  const found = await readThrough(c, source);
  return found ? respond(c, found.cached, found.hit) : source.missing();
}
