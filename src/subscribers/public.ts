import { confirmationIfStampedStatement, insertDeliveryStatement } from "../db/queries/deliveries";
import { listComponents } from "../db/queries/components";
import {
  deleteSubscriberStatement,
  emailSubscriber,
  insertSubscriberStatement,
  stampConfirmationStatement,
  subscriberByToken,
  updateSubscriberStatement,
} from "../db/queries/subscribers";
import type { PageRow, SubscriberRow } from "../db/schema";
import type { Db } from "../env";
import type { Locale } from "../i18n/locales";
import { isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { checkComponents } from "./components";
import { confirmationDelivery } from "./confirmation";
import { enqueueDeliveries, type DeliveryQueue } from "./fan-out";
import { newToken, TOKEN_PATTERN } from "./tokens";

/** A repeated subscribe sends at most one mail to the address in this time: the form cannot be used to flood someone. */
export const RESEND_AFTER_MS = 10 * 60_000;

export interface PublicContext {
  db: Db;
  page: PageRow;
  now: number;
  queue: DeliveryQueue | undefined;
}

/**
 * Someone asks to receive updates at `email`. The answer is the same whatever happens here: a new
 * address gets the confirmation mail, a pending one gets it again, a confirmed one gets a mail with
 * its manage link (so its owner learns of the request); never more than one mail per address in
 * RESEND_AFTER_MS. Nothing else is ever sent before the owner confirms. Mails speak `locale`, the
 * language the form was read in (null: the page's own).
 */
export async function requestSubscription(
  ctx: PublicContext,
  rawEmail: string,
  componentIds: readonly string[] | undefined,
  locale: Locale | null = null,
): Promise<void> {
  const { db, page, now } = ctx;
  const email = rawEmail.trim().toLowerCase();
  const components = await checkComponents(ctx, componentIds, "body.components");
  const existing = await emailSubscriber(db, page.id, email);
  let delivery: ReturnType<typeof confirmationDelivery> | null = null;
  if (!existing) {
    const id = newId();
    delivery = confirmationDelivery(page.id, id, now);
    const row = { id, pageId: page.id, type: "email" as const, format: "email" as const, target: email, components, state: "pending" as const, locale };
    try {
      await db.batch([
        insertSubscriberStatement(db, { ...row, token: newToken(), confirmationSentAt: now, createdAt: now, updatedAt: now }),
        insertDeliveryStatement(db, delivery),
      ]);
    } catch (error) {
      // Two requests for one address at once: the other one sends the mail.
      if (isUniqueViolation(error, "subscribers.")) return;
      throw error;
    }
  } else if (existing.confirmationSentAt === null || existing.confirmationSentAt <= now - RESEND_AFTER_MS) {
    delivery = confirmationDelivery(page.id, existing.id, now);
    // The components and the language stay as first asked: a stranger's request must not change what the owner will confirm.
    await db.batch([stampConfirmationStatement(db, existing, now), confirmationIfStampedStatement(db, delivery, now)]);
  }
  if (delivery && ctx.queue) await enqueueDeliveries(db, ctx.queue, now, { ids: [delivery.id] });
}

/** The subscription a link's token opens, on this page; undefined for a malformed, unknown or other page's token. */
export async function subscriptionFor(db: Db, page: PageRow, token: string | undefined): Promise<SubscriberRow | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  const row = await subscriberByToken(db, token);
  return row?.pageId === page.id ? row : undefined;
}

/** The owner followed the confirmation link and pressed the button. */
export async function confirmSubscription(db: Db, row: SubscriberRow, now: number): Promise<void> {
  if (row.state !== "pending") return;
  await updateSubscriberStatement(db, row.id, { state: "active", confirmedAt: now, updatedAt: now }).run();
}

/** The manage page's choice; a component deleted while the form was open is dropped rather than refusing the rest. */
export async function chooseComponents(db: Db, page: PageRow, row: SubscriberRow, ids: readonly string[], now: number): Promise<void> {
  const known = new Set((await listComponents(db, page.id)).map((c) => c.id));
  const kept = [...new Set(ids.filter((id) => known.has(id)))];
  await updateSubscriberStatement(db, row.id, { components: kept.length > 0 ? kept : null, updatedAt: now }).run();
}

/** Leaving deletes the subscription and its pending deliveries: nothing more is sent, nothing is kept. */
export async function unsubscribe(db: Db, row: SubscriberRow): Promise<void> {
  await deleteSubscriberStatement(db, row.id).run();
}
