import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { newNonce } from "../http/html-response";
import { pageTemplate, renderPage } from "../http/page-template";

// Only our stylesheets and our one script (with this response's nonce); never framed, forms post
// only here, and nothing is cached: every console page shows D1 as it is now.
const consoleCsp = (nonce: string) =>
  `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** Sends a console page rendered by hono/jsx. */
export function sendConsole(c: Context<AppEnv>, node: unknown, status: ContentfulStatusCode = 200): Response {
  const nonce = newNonce();
  // No notices and no heartbeat line: the console is not a cached public page.
  const html = renderPage(pageTemplate(`<!doctype html>${String(node)}`), { nonce, notices: "", footer: "" });
  return c.body(html, status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": consoleCsp(nonce),
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
  });
}
