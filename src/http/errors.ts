import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "../env";
import type { ErrorDetail } from "../lib/errors";
import { ApiError, asApiError, envelope } from "./api-error";
import { sendHtml } from "./html-response";
import { databaseUnavailable, isDatabaseUnavailable, UNAVAILABLE_HTML } from "./unavailable";

const HTTP_CODES: Record<number, string> = { 401: "unauthorized", 413: "payload_too_large", 415: "unsupported_media_type" };

const TARGET_NAMES: Record<string, string> = { json: "body", param: "path", query: "query", header: "header" };

export function zodDetails(error: ZodError, target: string): ErrorDetail[] {
  const prefix = TARGET_NAMES[target] ?? target;
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

export function respondWithError(c: Context<AppEnv>, error: ApiError): Response {
  const body = envelope(error.code, error.message, error.details, c.get("requestId") ?? "", error.current);
  return c.json(body, error.status, error.headers);
}

/** The validator hook: schema failures answer with the same envelope as every other error. */
export function validationHook(result: { success: boolean; error?: unknown; target: string }, c: Context<AppEnv>) {
  if (result.success) return;
  const details = zodDetails(result.error as ZodError, result.target);
  return respondWithError(c, new ApiError(400, "validation_failed", "The request did not pass validation; see details.", details));
}

const pathOf = (c: Context<AppEnv>) => new URL(c.req.url).pathname;
const isApi = (c: Context<AppEnv>) => pathOf(c).startsWith("/api/");
// Pages people read; every other route outside /api (badges, feeds) is read by programs.
const isPage = (c: Context<AppEnv>) => !isApi(c) && !/\.(json|svg|atom|rss)$/.test(pathOf(c));

/** How the surfaces draw an error for people: given by the app, so http/ imports no surface. */
export interface ErrorRenderers {
  /** A whole HTML page with a title and a message, for `now` (UTC ms). */
  page: (title: string, message: string, now: number) => string;
  /** The grey "status | unavailable" badge. */
  unavailableBadge: () => string;
}

/** The app's error and not-found handlers: people get a page, programs get the envelope, nobody a stack trace. */
export function errorHandlers(render: ErrorRenderers): { onError: ErrorHandler<AppEnv>; onNotFound: NotFoundHandler<AppEnv> } {
  const htmlError = (c: Context<AppEnv>, status: 404 | 500, title: string, message: string) =>
    sendHtml(c, render.page(title, message, c.get("now") ?? 0), { status });

  /** Neither D1 nor KV answers: the one case a public read gets a 503, with a body bundled in the worker. */
  const unavailable = (c: Context<AppEnv>, error: ApiError): Response => {
    if (isPage(c)) {
      return c.body(UNAVAILABLE_HTML, 503, {
        ...error.headers,
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
      });
    }
    if (pathOf(c).endsWith(".svg")) {
      return c.body(render.unavailableBadge(), 503, {
        ...error.headers,
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Cross-Origin-Resource-Policy": "cross-origin",
      });
    }
    return respondWithError(c, error);
  };

  const onError: ErrorHandler<AppEnv> = (error, c) => {
    const known = asApiError(error);
    // Badges, feeds and other machine-read routes outside /api refuse bad input with the envelope too.
    if (known && known.status < 500) return respondWithError(c, known);
    if (known && known.status === 503) return unavailable(c, known);
    if (isDatabaseUnavailable(error)) {
      console.error("database unavailable", c.get("requestId"), error);
      return unavailable(c, databaseUnavailable());
    }
    if (!isApi(c)) {
      console.error("page failed", c.get("requestId"), error);
      return htmlError(c, 500, "Something went wrong", "This page could not be shown just now. Please try again in a moment.");
    }
    if (known) return respondWithError(c, known);
    if (error instanceof HTTPException) {
      const status = error.status;
      const malformed = status === 400 && /json/i.test(error.message);
      const code = malformed ? "invalid_json" : (HTTP_CODES[status] ?? "bad_request");
      const message = malformed
        ? "The request body is not valid JSON."
        : status === 415
          ? "Send the body as JSON with Content-Type: application/json."
          : error.message || "Bad request.";
      return respondWithError(c, new ApiError(status as ApiError["status"], code, message, [{ field: "body", message }]));
    }
    console.error("unhandled error", c.get("requestId"), error);
    return respondWithError(c, new ApiError(500, "internal_error", "Something went wrong on our side. The request id helps us find it."));
  };

  const onNotFound: NotFoundHandler<AppEnv> = (c) => {
    if (!isApi(c)) return htmlError(c, 404, "Page not found", "There is nothing at this address.");
    return respondWithError(c, new ApiError(404, "not_found", `No route for ${c.req.method} ${pathOf(c)}.`, [{ field: "path", message: "Unknown path." }]));
  };
  return { onError, onNotFound };
}
