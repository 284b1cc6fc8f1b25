import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "../env";
import { NO_FRAMING } from "./cached-response";
import { ApiError, envelope, type ErrorDetail } from "../lib/errors";
import { errorHtml } from "../pages/build";

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
  const body = envelope(error.code, error.message, error.details, c.get("requestId") ?? "");
  return c.json(body, error.status, error.headers);
}

/** The validator hook: schema failures answer with the same envelope as every other error. */
export function validationHook(result: { success: boolean; error?: unknown; target: string }, c: Context<AppEnv>) {
  if (result.success) return;
  const details = zodDetails(result.error as ZodError, result.target);
  return respondWithError(c, new ApiError(400, "validation_failed", "The request did not pass validation; see details.", details));
}

const isApi = (c: Context<AppEnv>) => new URL(c.req.url).pathname.startsWith("/api/");

/** People get a page, programs get the envelope; neither ever sees a stack trace. */
function htmlError(c: Context<AppEnv>, status: 404 | 500, title: string, message: string): Response {
  return c.html(errorHtml(title, message, null, c.get("now") ?? 0), status, NO_FRAMING);
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  // Badges, feeds and other machine-read routes outside /api refuse bad input with the envelope too.
  if (error instanceof ApiError && error.status < 500) return respondWithError(c, error);
  if (!isApi(c)) {
    console.error("page failed", c.get("requestId"), error);
    return htmlError(c, 500, "Something went wrong", "This page could not be shown just now. Please try again in a moment.");
  }
  if (error instanceof ApiError) return respondWithError(c, error);
  if (error instanceof HTTPException) {
    const status = error.status;
    const malformed = status === 400 && /json/i.test(error.message);
    const code = malformed ? "invalid_json" : (HTTP_CODES[status] ?? "bad_request");
    const message = malformed ? "The request body is not valid JSON." : status === 415 ? "Send the body as JSON with Content-Type: application/json." : error.message || "Bad request.";
    return respondWithError(c, new ApiError(status as ApiError["status"], code, message, [{ field: "body", message }]));
  }
  console.error("unhandled error", c.get("requestId"), error);
  return respondWithError(c, new ApiError(500, "internal_error", "Something went wrong on our side. The request id helps us find it."));
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) => {
  if (!isApi(c)) return htmlError(c, 404, "Page not found", "There is nothing at this address.");
  return respondWithError(c, new ApiError(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`, [{ field: "path", message: "Unknown path." }]));
};
