import type { Context } from "hono";
import { eventBodyKey, pageBodyKey } from "../cache/keys";
import { logCacheError, pageIdForHost, readRouting } from "../cache/routing";
import { type CachedBody, readBody, strongEtag, writeBody } from "../cache/store";
import { loadSnapshot } from "../db/queries/snapshot";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../lib/errors";
import { type BodyName, buildBodies, buildEventBody } from "./bodies";

// Browsers and the edge may reuse a body briefly; admin writes replace it in KV at once.
const PUBLIC_CACHE_CONTROL = "public, max-age=10, stale-while-revalidate=30";
// A body filled by a read (not by a write) may have lost a race with a write: let it expire soon.
const READ_FILL_TTL_SECONDS = 60;

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
  return c.body(cached.body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}

/** The page this host serves, from the KV routing table: no D1 query on a warm cache. */
export async function publicPageId(c: Context<AppEnv>): Promise<string> {
  const routing = await readRouting(c.env.CACHE, c.get("db"), c.get("now"), (p) => c.executionCtx.waitUntil(p));
  const pageId = pageIdForHost(routing, new URL(c.req.url).hostname);
  if (!pageId) {
    throw new ApiError(404, "page_not_configured", "No status page is configured yet. Create one with POST /api/admin/pages.", [
      { field: "header.host", message: "No page for this host and no default page." },
    ]);
  }
  return pageId;
}

/** Serves a cached body; on a miss builds it from D1, answers, and stores it for the next reader. */
async function serveCached(c: Context<AppEnv>, key: string, build: () => Promise<string | null>, missing: () => ApiError): Promise<Response> {
  const cached = await readBody(c.env.CACHE, key).catch(() => null);
  if (cached) return respond(c, cached, true);
  const body = await build();
  if (body === null) throw missing();
  const now = c.get("now");
  c.executionCtx.waitUntil(writeBody(c.env.CACHE, key, body, { now, ttl: READ_FILL_TTL_SECONDS }).catch(logCacheError));
  return respond(c, { body, etag: await strongEtag(body), generatedAt: now }, false);
}

export async function servePageBody(c: Context<AppEnv>, name: BodyName): Promise<Response> {
  const pageId = await publicPageId(c);
  return serveCached(
    c,
    pageBodyKey(pageId, name),
    async () => {
      const snapshot = await loadSnapshot(c.get("db"), pageId);
      return snapshot ? JSON.stringify(buildBodies(snapshot, [name]).get(name)) : null;
    },
    () => new ApiError(404, "page_not_configured", "This page no longer exists."),
  );
}

export async function serveEventBody(c: Context<AppEnv>, id: string, kind: "incident" | "maintenance"): Promise<Response> {
  const pageId = await publicPageId(c);
  const label = kind === "incident" ? "Incident" : "Scheduled maintenance";
  return serveCached(
    c,
    eventBodyKey(pageId, kind, id),
    async () => {
      const snapshot = await loadSnapshot(c.get("db"), pageId, id);
      const record = snapshot?.events[0];
      if (!snapshot || record?.row.kind !== kind) return null;
      return JSON.stringify(buildEventBody(snapshot, id));
    },
    () => notFound(label),
  );
}
