import type { Context } from "hono";
import type { Heartbeat } from "../domain/heartbeat";
import type { AppEnv } from "../env";
import { ENGLISH } from "../i18n/words";
import { heartbeatFooter, heartbeatNotice, staleNotice } from "../present/notices";
import { etagMatches } from "./etag";
import { type PageTemplate, pageTemplate, renderPage } from "./page-template";

export { NONCE_PLACEHOLDER } from "./page-template";

// Scripts run only with this response's nonce; styles only from our stylesheet; framing only by us.
const pageCsp = (nonce: string) =>
  `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'`;

export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

// FNV-1a: the notices change the ETag without hashing the whole page again.
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export interface HtmlOptions {
  status?: 200 | 404 | 413 | 422 | 429 | 500;
  /** The stored page's ETag; without one the response is not revalidatable. */
  etag?: string;
  /** When the page is a last known good copy: when it was built (UTC ms). */
  staleAsOf?: number;
  headers?: Record<string, string>;
}

/**
 * Sends a status page: a fresh CSP nonce, "live data unavailable" when the copy is stale, and the
 * scheduler's heartbeat. The ETag is weak (the nonce differs per response) and a 304 carries no CSP,
 * so a browser keeps the policy whose nonce matches the copy it already has.
 */
export function sendHtml(c: Context<AppEnv>, page: string | PageTemplate, options: HtmlOptions = {}): Response {
  const now = c.get("now");
  const beat: Heartbeat | undefined = c.get("site")?.heartbeat;
  const words = c.get("words") ?? ENGLISH;
  const notices = (options.staleAsOf !== undefined ? staleNotice(options.staleAsOf, now, words) : "") + heartbeatNotice(beat, now, words);
  const footer = heartbeatFooter(beat, now, words);
  const headers: Record<string, string> = { ...options.headers };
  if (options.etag) {
    headers.ETag = `W/"${options.etag.replace(/^W\//, "").slice(1, -1)}-${shortHash(notices + footer)}"`;
    if (etagMatches(c.req.header("if-none-match"), headers.ETag)) return c.body(null, 304, headers);
  }
  const nonce = newNonce();
  const html = renderPage(typeof page === "string" ? pageTemplate(page) : page, { nonce, notices, footer });
  return c.body(html, options.status ?? 200, {
    ...headers,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": pageCsp(nonce),
    "X-Frame-Options": "SAMEORIGIN",
  });
}
