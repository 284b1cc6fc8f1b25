import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type DeliveryCounts, deliveryCounts, recentDeliveries } from "../db/queries/deliveries";
import { listMail } from "../db/queries/mail";
import { listSubscribers } from "../db/queries/subscribers";
import type { DeliveryRow, MailLogRow, SubscriberRow } from "../db/schema";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { isLocale, LOCALES } from "../i18n/locales";
import { createSubscriber, deleteSubscriber, requireSubscriber, resumeSubscriber, rotateSecret, updateSubscriberComponents } from "../writes/subscribers";
import { writeContext } from "./context";
import { jsonBody, jsonResponse, noContent, security } from "./routes-helpers";
import { IdSchema } from "./schemas";

const tags = ["Admin: subscribers"];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const components = z.array(IdSchema).max(500).optional().openapi({ description: "Component ids (groups included); none or empty: everything on the page" });

const locale = z
  .enum(LOCALES)
  .optional()
  .openapi({ description: "The language of its mails or chat messages, one the page offers (422 `language_not_offered`); default: the page's own" });

export const SubscriberInputSchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("webhook"),
      url: z.string().max(2048).openapi({ example: "https://hooks.example.com/status" }),
      format: z
        .enum(["statuspage", "slack", "discord", "teams"])
        .optional()
        .openapi({ description: "The body's shape: the hosted status page's webhook JSON (default), or a chat app's incoming webhook" }),
      components,
      locale,
    }),
    z.strictObject({
      type: z.literal("email"),
      email: z.email("An email address.").max(254),
      components,
      skip_confirmation: z.boolean().optional().openapi({ description: "You vouch for the address: no confirmation mail, active at once" }),
      locale,
    }),
  ])
  .openapi("SubscriberInput");

const SubscriberSchema = z
  .object({
    id: z.string(),
    type: z.enum(["webhook", "email"]),
    format: z.enum(["statuspage", "slack", "discord", "teams", "email"]),
    target: z.string().openapi({ description: "The webhook URL or the email address" }),
    components: z.array(z.string()).nullable(),
    state: z.enum(["pending", "active", "paused"]),
    locale: z
      .enum(LOCALES)
      .nullable()
      .openapi({ description: "The language it subscribed in; its mails speak it while the page offers it. null: the page's own" }),
    failing_since: z.string().nullable(),
    last_error: z.string().nullable(),
    last_success_at: z.string().nullable(),
    paused_at: z.string().nullable(),
    secret_rotation_ends_at: z.string().nullable().openapi({ description: "While set, the previous secret signs too" }),
    deliveries: z.object({ sent: z.number(), pending: z.number(), dead: z.number() }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Subscriber");

const DeliverySchema = z
  .object({
    id: z.string(),
    kind: z.enum(["notification", "confirmation"]),
    attempts: z.number(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    last_attempt_at: z.string().nullable(),
    sent_at: z.string().nullable(),
    dead_at: z.string().nullable(),
  })
  .openapi("Delivery");

const NO_DELIVERIES: DeliveryCounts = { sent: 0, pending: 0, dead: 0 };

export function presentSubscriber(s: SubscriberRow, counts: DeliveryCounts = NO_DELIVERIES, now = Date.now()) {
  return {
    id: s.id,
    type: s.type,
    format: s.format,
    target: s.target,
    components: s.components,
    state: s.state,
    // A value written by hand (or a language since dropped) is not one the API names.
    locale: s.locale !== null && isLocale(s.locale) ? s.locale : null,
    failing_since: iso(s.failingSince),
    last_error: s.lastError,
    last_success_at: iso(s.lastSuccessAt),
    paused_at: iso(s.pausedAt),
    secret_rotation_ends_at: s.previousSecret && (s.previousSecretUntil ?? 0) > now ? iso(s.previousSecretUntil) : null,
    deliveries: counts,
    created_at: iso(s.createdAt)!,
    updated_at: iso(s.updatedAt)!,
  };
}

export const presentDelivery = (d: DeliveryRow) => ({
  id: d.id,
  kind: d.kind,
  attempts: d.attempts,
  last_error: d.lastError,
  created_at: iso(d.createdAt)!,
  last_attempt_at: iso(d.lastAttemptAt),
  sent_at: iso(d.sentAt),
  dead_at: iso(d.deadAt),
});

export const presentMail = (m: MailLogRow) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  text: m.text,
  html: m.html,
  headers: m.headers,
  created_at: iso(m.createdAt)!,
});

const MailSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    headers: z.record(z.string(), z.string()),
    created_at: z.string(),
  })
  .openapi("Mail");

const WithSecret = z.object({
  subscriber: SubscriberSchema,
  secret: z.string().nullable().openapi({ description: "Webhooks: the signing secret (whsec_…). Shown in this answer only; store it now." }),
});
const One = z.object({ subscriber: SubscriberSchema });
const IdParam = z.object({ id: IdSchema.openapi({ param: { name: "id", in: "path" } }) });

/** Subscribers of the host's page: webhooks (signed) and email addresses (double opt-in), and the local mail log. */
export function subscribersApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const allowLoopback = (env: Env) => env.LOCAL_MODE === "1";
  type C = Parameters<typeof writeContext>[0];
  const one = async (c: C, row: SubscriberRow) => {
    const counts = (await deliveryCounts(c.get("db"), c.get("page").id, row.id)).get(row.id);
    return presentSubscriber(row, counts, c.get("now"));
  };

  api.openapi(
    createRoute({
      method: "get",
      path: "/subscribers",
      tags,
      security,
      summary: "The page's subscribers, with their deliveries sent, pending and given up",
      responses: jsonResponse(200, z.object({ subscribers: z.array(SubscriberSchema) }), "Subscribers"),
    }),
    async (c) => {
      const db = c.get("db");
      const page = c.get("page");
      const [rows, counts] = await Promise.all([listSubscribers(db, page.id), deliveryCounts(db, page.id)]);
      return c.json({ subscribers: rows.map((s) => presentSubscriber(s, counts.get(s.id), c.get("now"))) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/subscribers",
      tags,
      security,
      summary: "Add a webhook (answers its signing secret, once) or an email address (sent a confirmation mail)",
      description:
        "Webhook URLs must be https, without credentials, and not name an IP address or a private, loopback, link-local or metadata host (422 `unsafe_url`); local mode (`LOCAL_MODE=1`) allows loopback targets.",
      request: jsonBody(SubscriberInputSchema),
      responses: jsonResponse(201, WithSecret, "Created", 409, 422),
    }),
    async (c) => {
      const body = c.req.valid("json");
      const input =
        body.type === "webhook"
          ? { type: "webhook" as const, url: body.url, format: body.format, components: body.components, locale: body.locale }
          : { type: "email" as const, email: body.email, components: body.components, skipConfirmation: body.skip_confirmation, locale: body.locale };
      const created = await createSubscriber(writeContext(c), input, allowLoopback(c.env));
      return c.json({ subscriber: await one(c, created.subscriber), secret: created.secret }, 201);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/subscribers/{id}",
      tags,
      security,
      summary: "One subscriber with its latest deliveries",
      request: { params: IdParam },
      responses: jsonResponse(200, One.extend({ recent_deliveries: z.array(DeliverySchema) }), "The subscriber", 404),
    }),
    async (c) => {
      const row = await requireSubscriber({ db: c.get("db"), page: c.get("page") }, c.req.valid("param").id);
      const recent = await recentDeliveries(c.get("db"), row.id);
      return c.json({ subscriber: await one(c, row), recent_deliveries: recent.map(presentDelivery) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "patch",
      path: "/subscribers/{id}",
      tags,
      security,
      summary: "Change which components a subscriber hears about",
      request: { params: IdParam, ...jsonBody(z.strictObject({ components }).openapi("SubscriberPatch")) },
      responses: jsonResponse(200, One, "Changed", 404, 422),
    }),
    async (c) => {
      const row = await updateSubscriberComponents(writeContext(c), c.req.valid("param").id, c.req.valid("json").components);
      return c.json({ subscriber: await one(c, row) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/subscribers/{id}",
      tags,
      security,
      summary: "Remove a subscriber (pending deliveries to it are dropped)",
      request: { params: IdParam },
      responses: noContent(404),
    }),
    async (c) => {
      await deleteSubscriber(writeContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/subscribers/{id}/rotate-secret",
      tags,
      security,
      summary: "A new signing secret; the old one keeps signing for 24 hours",
      description: "During the overlap every delivery carries two `v1,` signatures in `webhook-signature`: receivers accept either.",
      request: { params: IdParam },
      responses: jsonResponse(200, WithSecret, "Rotated", 404, 409),
    }),
    async (c) => {
      const rotated = await rotateSecret(writeContext(c), c.req.valid("param").id);
      return c.json({ subscriber: await one(c, rotated.subscriber), secret: rotated.secret }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/subscribers/{id}/resume",
      tags,
      security,
      summary: "Resume a paused webhook; what it missed in the last 3 days is sent again",
      request: { params: IdParam },
      responses: jsonResponse(200, One, "Resumed", 404, 409),
    }),
    async (c) => c.json({ subscriber: await one(c, await resumeSubscriber(writeContext(c), c.req.valid("param").id)) }, 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/mail",
      tags,
      security,
      summary: "The local mail log (MAIL_TRANSPORT=log, the default): every mail the worker would have sent, newest first",
      request: {
        query: z.object({
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(200)
            .default(50)
            .openapi({ param: { name: "limit", in: "query" } }),
        }),
      },
      responses: jsonResponse(200, z.object({ messages: z.array(MailSchema) }), "Mail"),
    }),
    async (c) => c.json({ messages: (await listMail(c.get("db"), c.get("page").id, c.req.valid("query").limit)).map(presentMail) }, 200),
  );
  return api;
}
