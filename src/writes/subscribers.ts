import { insertDeliveryStatement, missedDeliveriesStatement, reviveDeliveriesStatement } from "../db/queries/deliveries";
import { deleteSubscriberStatement, getSubscriber, insertSubscriberStatement, type NewSubscriber, updateSubscriberStatement } from "../db/queries/subscribers";
import type { PageRow, SubscriberFormat, SubscriberRow } from "../db/schema";
import { type Locale, pageLanguages } from "../i18n/locales";
import { invalid, isUniqueViolation, notFound, refusedByState } from "../lib/errors";
import { newId } from "../lib/ids";
import { newWebhookSecret } from "../subscribers/signing";
import { checkComponents } from "../subscribers/components";
import { confirmationDelivery } from "../subscribers/confirmation";
import { describeTarget } from "../subscribers/targets";
import { newToken } from "../subscribers/tokens";
import { checkWebhookUrl } from "../subscribers/webhook-url";
import { enqueueDeliveries } from "../subscribers/fan-out";
import { commitInternal } from "./commit";
import type { WriteContext } from "./context";

/** How long the previous secret keeps signing after a rotation: receivers switch within it. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;
/** A resumed webhook is sent what it missed in this window again. */
export const RESUME_REPLAY_MS = 3 * 24 * 60 * 60_000;

export type SubscriberInput = (
  | { type: "webhook"; url: string; format?: Exclude<SubscriberFormat, "email">; components?: string[] }
  | { type: "email"; email: string; components?: string[]; skipConfirmation?: boolean }
) & { locale?: Locale };

/** A subscriber's language must be one the page offers: anything else would silently be the page's own. */
function requireOffered(page: PageRow, locale: Locale | undefined): Locale | null {
  if (locale === undefined) return null;
  const { locales } = pageLanguages(page.settings);
  if (locales.includes(locale)) return locale;
  const message = `This page offers ${locales.join(", ")}.`;
  throw invalid("language_not_offered", message, [{ field: "body.locale", message }]);
}

export async function requireSubscriber(ctx: Pick<WriteContext, "db" | "page">, id: string): Promise<SubscriberRow> {
  const row = await getSubscriber(ctx.db, ctx.page.id, id);
  if (!row) throw notFound("Subscriber");
  return row;
}

/** A webhook's URL as the SSRF guard takes it; refused with 422 and the reason. */
function requireSafeUrl(raw: string, allowLoopback: boolean, field = "body.url"): string {
  const check = checkWebhookUrl(raw, { allowLoopback });
  if (!check.ok) throw invalid("unsafe_url", check.reason, [{ field, message: check.reason }]);
  return check.url;
}

/** The columns a new subscriber leaves at their defaults: what a write answers without reading its row back. */
const UNSET = {
  secret: null,
  previousSecret: null,
  previousSecretUntil: null,
  confirmedAt: null,
  confirmationSentAt: null,
  failingSince: null,
  lastError: null,
  lastSuccessAt: null,
  pausedAt: null,
  locale: null,
} satisfies Partial<SubscriberRow>;

export interface Created {
  subscriber: SubscriberRow;
  /** Webhooks: the signing secret, shown in this answer only. */
  secret: string | null;
}

/**
 * An operator adds a subscriber. A webhook is active at once, with a new signing secret. An email
 * address gets the confirmation mail unless the operator vouches for it (`skipConfirmation`).
 */
export async function createSubscriber(ctx: WriteContext, input: SubscriberInput, allowLoopback: boolean): Promise<Created> {
  const { db, page, now } = ctx;
  const components = await checkComponents(ctx, input.components, "body.components");
  const locale = requireOffered(page, input.locale);
  const id = newId();
  const base = { id, pageId: page.id, components, locale, token: newToken(), createdAt: now, updatedAt: now };
  let row: NewSubscriber;
  if (input.type === "webhook") {
    const url = requireSafeUrl(input.url, allowLoopback);
    row = { ...base, type: "webhook", format: input.format ?? "statuspage", target: url, state: "active", secret: newWebhookSecret(), confirmedAt: now };
  } else {
    const confirmed = input.skipConfirmation === true;
    row = {
      ...base,
      type: "email",
      format: "email",
      target: input.email.toLowerCase(),
      state: confirmed ? "active" : "pending",
      confirmedAt: confirmed ? now : null,
      confirmationSentAt: confirmed ? null : now,
    };
  }
  const confirmation = row.state === "pending" ? confirmationDelivery(page.id, id, now) : null;
  await commitInternal(ctx, {
    change: "subscriber.created",
    statements: [insertSubscriberStatement(db, row), ...(confirmation ? [insertDeliveryStatement(db, confirmation)] : [])],
    // Its replay (a lost answer retried with the Idempotency-Key) shows the secret again; no other write's does.
    resource: `subscriber-secret:${id}`,
    status: 201,
    audit: { target: `subscriber:${id}`, after: { type: row.type, format: row.format, target: describeTarget(row), components, state: row.state } },
  }).catch((error) => emailTaken(error));
  if (confirmation && ctx.notifier?.queue) await enqueueDeliveries(db, ctx.notifier.queue, now, { ids: [confirmation.id] });
  const subscriber: SubscriberRow = { ...UNSET, ...row, components };
  return { subscriber, secret: subscriber.secret };
}

function emailTaken(error: unknown): never {
  if (isUniqueViolation(error, "subscribers.page_id, subscribers.target")) {
    throw refusedByState("already_subscribed", "This address is already subscribed to this page.", [{ field: "body.email", message: "Already subscribed." }]);
  }
  throw error;
}

export async function updateSubscriberComponents(ctx: WriteContext, id: string, ids: string[] | undefined): Promise<SubscriberRow> {
  const current = await requireSubscriber(ctx, id);
  const components = await checkComponents(ctx, ids, "body.components");
  await commitInternal(ctx, {
    change: "subscriber.updated",
    statements: [updateSubscriberStatement(ctx.db, id, { components, updatedAt: ctx.now })],
    resource: `subscriber:${id}`,
    status: 200,
    audit: { target: `subscriber:${id}`, before: { components: current.components }, after: { components } },
  });
  return { ...current, components, updatedAt: ctx.now };
}

export async function deleteSubscriber(ctx: WriteContext, id: string): Promise<void> {
  const current = await requireSubscriber(ctx, id);
  await commitInternal(ctx, {
    change: "subscriber.deleted",
    statements: [deleteSubscriberStatement(ctx.db, id)],
    resource: null,
    status: 204,
    audit: { target: `subscriber:${id}`, before: { type: current.type, target: describeTarget(current) } },
  });
}

/** A new signing secret; the old one keeps signing for ROTATION_OVERLAP_MS so receivers can switch without losing a delivery. */
export async function rotateSecret(ctx: WriteContext, id: string): Promise<Created> {
  const current = await requireSubscriber(ctx, id);
  if (current.type !== "webhook" || !current.secret) {
    throw refusedByState("not_a_webhook", "Only webhooks have a signing secret.", [{ field: "path.id", message: "An email subscriber." }]);
  }
  const changes = { secret: newWebhookSecret(), previousSecret: current.secret, previousSecretUntil: ctx.now + ROTATION_OVERLAP_MS, updatedAt: ctx.now };
  await commitInternal(ctx, {
    change: "subscriber.secret_rotated",
    statements: [updateSubscriberStatement(ctx.db, id, changes)],
    resource: `subscriber-secret:${id}`,
    status: 200,
    audit: { target: `subscriber:${id}`, after: { previous_secret_signs_until: new Date(ctx.now + ROTATION_OVERLAP_MS).toISOString() } },
  });
  return { subscriber: { ...current, ...changes }, secret: changes.secret };
}

/** Resumes a paused webhook: deliveries start again, with what it missed in the last three days. */
export async function resumeSubscriber(ctx: WriteContext, id: string): Promise<SubscriberRow> {
  const current = await requireSubscriber(ctx, id);
  if (current.state !== "paused") {
    throw refusedByState("not_paused", `This subscriber is ${current.state}, not paused.`, [{ field: "path.id", message: "Not paused." }]);
  }
  const changes = { state: "active" as const, pausedAt: null, failingSince: null, lastError: null, updatedAt: ctx.now };
  await commitInternal(ctx, {
    change: "subscriber.resumed",
    statements: [
      updateSubscriberStatement(ctx.db, id, changes),
      reviveDeliveriesStatement(ctx.db, id, ctx.now - RESUME_REPLAY_MS),
      missedDeliveriesStatement(ctx.db, id, ctx.now - RESUME_REPLAY_MS, ctx.now),
    ],
    resource: `subscriber:${id}`,
    status: 200,
    audit: { target: `subscriber:${id}`, before: { state: "paused", last_error: current.lastError }, after: { state: "active" } },
  });
  if (ctx.notifier?.queue) await enqueueDeliveries(ctx.db, ctx.notifier.queue, ctx.now, { subscriberId: id });
  return { ...current, ...changes };
}
