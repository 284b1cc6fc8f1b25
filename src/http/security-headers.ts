import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

// What a route does not say for itself: machine-read responses (JSON, feeds) load nothing and may
// not be framed; pages set their own nonce policy; /embed/status alone opens frame-ancestors.
const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";
const EMBED_PATH = "/embed/status";

/**
 * HSTS, nosniff and a referrer policy on every response; a locked-down CSP, no framing and
 * same-origin CORP unless the route set its own; CORS `*` (never credentials) on public GETs and
 * none at all on the admin API and the console.
 */
export const securityHeaders = () =>
  createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    const path = new URL(c.req.url).pathname;
    headers.set("Strict-Transport-Security", "max-age=31536000");
    headers.set("X-Content-Type-Options", "nosniff");
    // A page whose URL holds a capability (a subscriber's token) says no-referrer itself.
    if (!headers.has("Referrer-Policy")) headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    if (!headers.has("Content-Security-Policy") && c.res.status !== 304) headers.set("Content-Security-Policy", DEFAULT_CSP);
    if (!headers.has("X-Frame-Options") && path !== EMBED_PATH) headers.set("X-Frame-Options", "DENY");
    if (!headers.has("Cross-Origin-Resource-Policy")) headers.set("Cross-Origin-Resource-Policy", "same-origin");
    if (path.startsWith("/api/admin") || path === "/admin" || path.startsWith("/admin/")) {
      for (const name of [...headers.keys()]) if (name.startsWith("access-control-")) headers.delete(name);
    } else if ((c.req.method === "GET" || c.req.method === "HEAD") && !headers.has("Access-Control-Allow-Origin")) {
      headers.set("Access-Control-Allow-Origin", "*");
    }
  });
