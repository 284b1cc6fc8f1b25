import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { NONCE_PLACEHOLDER } from "../http/html-response";

// Only our stylesheets and our one script (with this response's nonce); never framed, forms post
// only here, and nothing is cached: every console page shows D1 as it is now.
const consoleCsp = (nonce: string) =>
  `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** Sends a console page rendered by hono/jsx. */
export function sendConsole(c: Context<AppEnv>, node: unknown, status: ContentfulStatusCode = 200): Response {
  const nonce = newNonce();
  const html = `<!doctype html>${String(node)}`.replaceAll(`nonce="${NONCE_PLACEHOLDER}"`, `nonce="${nonce}"`);
  return c.body(html, status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": consoleCsp(nonce),
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
  });
}
