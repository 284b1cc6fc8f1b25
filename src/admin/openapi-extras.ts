import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { IDEMPOTENCY_KEY_PATTERN } from "../http/idempotency";
import { ErrorEnvelopeSchema } from "../openapi/common";

const IdempotencyKeyHeaders = z.object({
  "Idempotency-Key": z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN)
    .optional()
    .openapi({
      description:
        "Makes a retry safe (IETF httpapi idempotency-key draft): the same key with the same method, URL and body " +
        "replays the first answer with `Idempotent-Replayed: true` instead of writing again; the same key with another " +
        "request is refused with 422 `idempotency_key_reused`; while the first request is still being processed, 409 " +
        "`idempotency_key_in_progress`. 1–255 visible ASCII characters (a UUID is a good choice); kept for 24 hours. " +
        "A refused request (4xx, nothing written) stores nothing, so a corrected retry may reuse the key.",
      example: "7b4bdc53-9a6b-4d8c-8f59-3f2c1c0e5a11",
    }),
});

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorEnvelopeSchema } } });

/**
 * Documents what the admin middleware adds to every route, in one place rather than on each route:
 * 429 rate limits everywhere, and Idempotency-Key (with its 409 and 422) on every write.
 */
export function documentAdminMiddleware(api: OpenAPIHono<AppEnv>): void {
  for (const def of api.openAPIRegistry.definitions) {
    if (def.type !== "route") continue;
    const { route } = def;
    route.responses = { ...route.responses, 429: error("Too many failed authentications from this address, or writes with this token; see Retry-After") };
    if (route.method === "get") continue;
    route.request = { ...route.request, headers: IdempotencyKeyHeaders };
    route.responses = {
      ...route.responses,
      409: route.responses[409] ?? error("The Idempotency-Key's first request is still in progress"),
      422: route.responses[422] ?? error("The Idempotency-Key was already used for another request"),
    };
  }
}
