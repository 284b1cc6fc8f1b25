import { z } from "@hono/zod-openapi";

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z.array(z.object({ field: z.string().openapi({ example: "body.components.0.status" }), message: z.string() })),
      requestId: z.string(),
    }),
  })
  .openapi("Error");

const DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON or a field that fails validation",
  401: "Missing or wrong bearer token",
  404: "No such resource on this page",
  409: "The resource's state does not allow this change",
  413: "Body too large",
  422: "Valid JSON that names something that does not exist or cannot be used, or an impossible time (timestamp_in_future, timestamp_out_of_range, timestamp_order)",
  503: "The database (and, for public reads, the cache too) is not answering; Retry-After says when to try again",
};

/**
 * The error envelope, documented for each status a route can answer with. Typed as empty because
 * errors are thrown (and rendered by onError), never returned by a handler.
 */
export function errorResponses(...statuses: number[]): {} {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? "Error", content: { "application/json": { schema: ErrorEnvelopeSchema } } }]),
  );
}
