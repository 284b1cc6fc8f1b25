import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { jsonBodyLimit } from "../http/body-limit";
import { findPageForHost } from "../db/queries/pages";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { rateLimited } from "../http/rate-limit";
import { errorResponses } from "../openapi/common";
import { underSubscribeLimit } from "../subscribers/limit";
import { requestSubscription } from "../subscribers/public";
import { ID_PATTERN } from "../lib/ids";

const MAX_BODY_BYTES = 8 * 1024;

const SubscribeInput = z
  .strictObject({
    email: z.email("An email address.").max(254).openapi({ example: "ana@example.com" }),
    components: z
      .array(z.string().regex(ID_PATTERN, "Ids are 12 lowercase letters or digits."))
      .max(500)
      .optional()
      .openapi({ description: "Component ids to hear about; none or empty: everything" }),
  })
  .openapi("SubscribeInput");

export const SUBSCRIBE_ANSWER = {
  status: "accepted",
  message: "If this address can be subscribed, a mail is on its way to it: follow its link to confirm. Nothing else is sent before that.",
} as const;

/** Extension (not in Statuspage v2): email subscriptions with double opt-in. */
export function registerSubscribe(api: OpenAPIHono<AppEnv>): void {
  api.use("/subscribers.json", jsonBodyLimit(MAX_BODY_BYTES));
  api.openapi(
    createRoute({
      method: "post",
      path: "/subscribers.json",
      tags: ["Public status API"],
      summary: "Extension: subscribe an email address (double opt-in)",
      description:
        "Answers 202 with the same body whether or not the address is already subscribed (nothing tells who is). A new or unconfirmed address is sent a confirmation mail; a confirmed one a mail with its manage link; at most one mail per address every 10 minutes. Limited per client address (429).",
      request: { body: { content: { "application/json": { schema: SubscribeInput } }, required: true } },
      responses: {
        202: {
          description: "Accepted",
          content: { "application/json": { schema: z.object({ status: z.literal("accepted"), message: z.string() }) } },
        },
        ...errorResponses(400, 404, 413, 422, 429),
      },
    }),
    async (c) => {
      if (!(await underSubscribeLimit(c))) throw rateLimited("Too many subscribe requests from this address; try again later.", "header.cf-connecting-ip");
      const page = await findPageForHost(c.get("db"), new URL(c.req.url).hostname);
      if (!page) throw new ApiError(404, "not_found", "No status page is configured for this address.", [{ field: "header.host", message: "No page." }]);
      const { email, components } = c.req.valid("json");
      await requestSubscription({ db: c.get("db"), page, now: c.get("now"), queue: c.env.DELIVERIES }, email, components);
      return c.json(SUBSCRIBE_ANSWER, 202);
    },
  );
}
