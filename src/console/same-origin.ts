import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { isWriteMethod } from "../http/methods";

/**
 * CSRF: a console write must come from a console page. The browser's Origin (or, without one, its
 * Sec-Fetch-Site) must say this very origin; anything else, or neither, is refused before any
 * session or body is looked at. The session cookie's SameSite=Strict is the second lock.
 */
export const sameOrigin = () =>
  createMiddleware<AppEnv>(async function sameOrigin(c, next) {
    if (!isWriteMethod(c.req.method)) return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const ok = origin ? origin === new URL(c.req.url).origin : site === "same-origin";
    if (!ok) {
      throw new ApiError(403, "cross_site_request", "This form was sent from another site, so it was refused and nothing was changed.", [
        { field: "header.origin", message: origin ? `Not this site: ${origin.slice(0, 100)}` : "Missing." },
      ]);
    }
    await next();
  });
