import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorDetail {
  /** Where the problem is: "body.components.0.status", "query.limit", "header.authorization". */
  field: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details: ErrorDetail[]; requestId: string };
}

/** Any failure a handler wants answered with the JSON error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, field = "path.id") =>
  new ApiError(404, "not_found", `${what} not found.`, [{ field, message: "No such id on this page." }]);

export function envelope(code: string, message: string, details: ErrorDetail[], requestId: string): ErrorEnvelope {
  return { error: { code, message, details, requestId } };
}

/** The messages of an error and of its causes (drizzle wraps D1's errors). */
export function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) messages.push(String(e));
  return messages;
}

/** Whether a (possibly drizzle-wrapped) D1 error is a UNIQUE violation on `target` ("pages.host"). */
export function isUniqueViolation(error: unknown, target: string): boolean {
  return messagesOf(error).some((m) => m.includes(`UNIQUE constraint failed: ${target}`));
}

/** Whether a batch was rolled back because a write guard found the state changed since it was read. */
export function isStaleState(error: unknown): boolean {
  return messagesOf(error).some((m) => m.includes("write_guards_stale_state"));
}

/** A write lost a race: someone changed what it was based on. Nothing of it was written. */
export const conflict = (message = "Someone else changed this at the same moment; reload and try again.", field = "path.id") =>
  new ApiError(409, "conflict", message, [{ field, message: "Changed concurrently." }]);
