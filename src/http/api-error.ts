import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorDetail, Refusal, type RefusalKind } from "../lib/errors";

export interface ErrorEnvelope {
  error: { code: string; message: string; details: ErrorDetail[]; requestId: string; current?: unknown };
}

/** Any failure a handler wants answered with the JSON error envelope, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
    readonly current?: unknown,
  ) {
    super(message);
  }
}

const STATUS_OF: Record<RefusalKind, ContentfulStatusCode> = { invalid: 422, not_found: 404, state: 409, conflict: 409 };

/** A domain refusal as the API answers it. */
export function fromRefusal(refusal: Refusal): ApiError {
  return new ApiError(STATUS_OF[refusal.kind], refusal.code, refusal.message, refusal.details, {}, refusal.current);
}

export function asApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof Refusal) return fromRefusal(error);
  return null;
}

export function envelope(code: string, message: string, details: ErrorDetail[], requestId: string, current?: unknown): ErrorEnvelope {
  return { error: { code, message, details, requestId, ...(current === undefined ? {} : { current }) } };
}
