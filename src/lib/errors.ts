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

/** Whether a (possibly drizzle-wrapped) D1 error is a UNIQUE violation on `target` ("pages.host"). */
export function isUniqueViolation(error: unknown, target: string): boolean {
  const messages: string[] = [];
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) messages.push(String(e));
  return messages.some((m) => m.includes(`UNIQUE constraint failed: ${target}`));
}
