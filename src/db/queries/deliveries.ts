import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../env";
import { chunk } from "../../lib/chunk";
import { reads } from "../reads";
import { type DeliveryRow, deliveries, mailLog, type NotificationRow, notifications, type PageRow, pages, type SubscriberRow, subscribers } from "../schema";

export type NewNotification = typeof notifications.$inferInsert;
export type NewDelivery = typeof deliveries.$inferInsert;

export const insertNotificationStatement = (db: Db, row: NewNotification) => db.insert(notifications).values(row).onConflictDoNothing();
export const insertDeliveryStatement = (db: Db, row: NewDelivery) => db.insert(deliveries).values(row).onConflictDoNothing();

/** A new delivery's columns, in the table's order: drizzle lists every column for an INSERT … SELECT. */
const newDelivery = (id: SQL, pageId: SQL, subscriberId: SQL, notificationId: SQL, kind: "notification" | "confirmation", createdAt: number) =>
  sql`SELECT ${id}, ${pageId}, ${subscriberId}, ${notificationId}, ${kind}, ${createdAt}, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL`;

/**
 * Whether subscriber `s` hears of a notification of `kind` touching `components` (a JSON array):
 * component changes reach only the webhooks that speak the hosted service's JSON; a subscriber to
 * some components (a group counts for its own, see notification.ts) only what touches one of them.
 */
const concerns = (kind: SQL, components: SQL) =>
  sql`(${kind} = 'event' OR s.format = 'statuspage')
    AND (s.components IS NULL OR EXISTS (SELECT 1 FROM json_each(s.components) mine JOIN json_each(${components}) theirs ON mine.value = theirs.value))`;

/**
 * A confirmation mail's delivery, recorded only if this request's stamp on the subscriber is the one
 * that landed: of two requests at once, one mails.
 */
export function confirmationIfStampedStatement(db: Db, row: { id: string; pageId: string; subscriberId: string }, stamp: number) {
  const columns = newDelivery(sql`${row.id}`, sql`${row.pageId}`, sql`${row.subscriberId}`, sql`NULL`, "confirmation", stamp);
  return db
    .insert(deliveries)
    .select(sql`${columns} WHERE EXISTS (SELECT 1 FROM subscribers WHERE id = ${row.subscriberId} AND confirmation_sent_at = ${stamp})`)
    .onConflictDoNothing();
}

/**
 * One delivery of a notification for each active subscriber it concerns, in one statement whatever
 * their number. The id is derived from both, so existing deliveries are kept (the fan-out may run twice).
 */
export function fanOutStatement(db: Db, notification: Pick<NotificationRow, "id" | "pageId" | "kind" | "componentIds">, now: number) {
  const columns = newDelivery(sql`${notification.id} || '.' || s.id`, sql`s.page_id`, sql`s.id`, sql`${notification.id}`, "notification", now);
  return db
    .insert(deliveries)
    .select(
      sql`${columns} FROM subscribers s
      WHERE s.page_id = ${notification.pageId} AND s.state = 'active' AND ${concerns(sql`${notification.kind}`, sql`${JSON.stringify(notification.componentIds)}`)}`,
    )
    .onConflictDoNothing();
}

export interface UnqueuedFilter {
  /** Only deliveries created at or before this time (UTC ms). */
  createdBefore: number;
  /** The deliveries of one change's notifications. */
  outboxId?: string;
  ids?: readonly string[];
  subscriberId?: string;
}

/** Deliveries the queue has not accepted yet (its send failed, or the writer died before it), oldest first. */
export function unqueuedDeliveries(db: Db, filter: UnqueuedFilter, limit: number) {
  return db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        isNull(deliveries.enqueuedAt),
        isNull(deliveries.sentAt),
        isNull(deliveries.deadAt),
        lte(deliveries.createdAt, filter.createdBefore),
        filter.outboxId ? sql`${deliveries.notificationId} IN (SELECT id FROM notifications WHERE outbox_id = ${filter.outboxId})` : undefined,
        filter.ids ? inArray(deliveries.id, [...filter.ids]) : undefined,
        filter.subscriberId ? eq(deliveries.subscriberId, filter.subscriberId) : undefined,
      ),
    )
    .orderBy(asc(deliveries.createdAt))
    .limit(limit)
    .all();
}

// One bound parameter per id, plus the time.
const IDS_PER_UPDATE = 90;

export const markEnqueuedStatements = (db: Db, ids: readonly string[], now: number) =>
  chunk(ids, IDS_PER_UPDATE).map((part) =>
    db
      .update(deliveries)
      .set({ enqueuedAt: now })
      .where(and(inArray(deliveries.id, part), isNull(deliveries.enqueuedAt))),
  );

/** What a send needs of the page: its name and zone for mails, its address for links. */
export type DeliveryPage = Pick<PageRow, "id" | "name" | "url" | "timeZone" | "settings">;

/**
 * Takes a delivery for one attempt unless it is sent, given up, or held by another consumer: the
 * claim and the reads of what to send are one batch, and the lease token read back says whether
 * this consumer holds it.
 */
export function claimDeliveryReads(db: Db, id: string, queuedAt: number, token: string, now: number, leaseMs: number) {
  const claim = db
    .update(deliveries)
    .set({ leasedUntil: now + leaseMs, leaseToken: token, attempts: sql`${deliveries.attempts} + 1`, lastAttemptAt: now })
    .where(
      and(
        eq(deliveries.id, id),
        eq(deliveries.enqueuedAt, queuedAt),
        isNull(deliveries.sentAt),
        isNull(deliveries.deadAt),
        sql`(${deliveries.leasedUntil} IS NULL OR ${deliveries.leasedUntil} <= ${now})`,
      ),
    );
  const delivery = db.select().from(deliveries).where(eq(deliveries.id, id));
  const subscriber = db.select().from(subscribers).where(sql`${subscribers.id} = (SELECT subscriber_id FROM deliveries WHERE id = ${id})`);
  const notification = db.select().from(notifications).where(sql`${notifications.id} = (SELECT notification_id FROM deliveries WHERE id = ${id})`);
  const page = db
    .select({ id: pages.id, name: pages.name, url: pages.url, timeZone: pages.timeZone, settings: pages.settings })
    .from(pages)
    .where(sql`${pages.id} = (SELECT page_id FROM deliveries WHERE id = ${id})`);
  type Rows = [unknown, DeliveryRow[], SubscriberRow[], NotificationRow[], DeliveryPage[]];
  return reads([claim, delivery, subscriber, notification, page], ([, [d], [s], [n], [p]]: Rows) => ({
    delivery: d ?? null,
    subscriber: s ?? null,
    notification: n ?? null,
    page: p ?? null,
    claimed: d?.leaseToken === token && d.sentAt === null && d.deadAt === null,
  }));
}

/** Sent: recorded even if the lease ran out meanwhile (it was sent all the same). */
export const markDeliverySent = (db: Db, id: string, now: number) =>
  db.update(deliveries).set({ sentAt: now, leasedUntil: null, leaseToken: null, lastError: null }).where(eq(deliveries.id, id));

/** A failed try releases the lease, only if it is still this consumer's (a newer holder keeps its own). */
export const markDeliveryFailed = (db: Db, id: string, token: string, error: string) =>
  db
    .update(deliveries)
    .set({ leasedUntil: null, leaseToken: null, lastError: error.slice(0, 500) })
    .where(and(eq(deliveries.id, id), eq(deliveries.leaseToken, token)));

/** Given up: a subscriber that is paused, or (with `queuedAt`) the dead letter of the delivery's live message. */
export const markDeliveryDead = (db: Db, id: string, now: number, error?: string, queuedAt?: number) =>
  db
    .update(deliveries)
    .set({ deadAt: now, leasedUntil: null, leaseToken: null, ...(error ? { lastError: error.slice(0, 500) } : {}) })
    .where(and(eq(deliveries.id, id), isNull(deliveries.sentAt), queuedAt === undefined ? undefined : eq(deliveries.enqueuedAt, queuedAt)));

/**
 * What a resumed subscriber missed since `since`: a delivery for each notification that concerns it
 * and has none (it was paused when they were fanned out). Existing ones are left to the revive below.
 */
export function missedDeliveriesStatement(db: Db, subscriberId: string, since: number, now: number) {
  const columns = newDelivery(sql`n.id || '.' || s.id`, sql`s.page_id`, sql`s.id`, sql`n.id`, "notification", now);
  return db
    .insert(deliveries)
    .select(
      sql`${columns} FROM subscribers s JOIN notifications n ON n.page_id = s.page_id
      WHERE s.id = ${subscriberId} AND n.created_at >= ${since} AND n.created_at >= s.created_at AND ${concerns(sql`n.kind`, sql`n.component_ids`)}`,
    )
    .onConflictDoNothing();
}

/** A resumed subscriber's recent given-up deliveries, due again: the minute job queues them. */
export const reviveDeliveriesStatement = (db: Db, subscriberId: string, since: number) =>
  db
    .update(deliveries)
    .set({ deadAt: null, enqueuedAt: null })
    .where(and(eq(deliveries.subscriberId, subscriberId), isNotNull(deliveries.deadAt), isNull(deliveries.sentAt), sql`${deliveries.createdAt} >= ${since}`));

export interface DeliveryCounts {
  sent: number;
  pending: number;
  dead: number;
}

/** Per subscriber of a page (or only `subscriberId`): how many deliveries were sent, are pending, were given up. */
export async function deliveryCounts(db: Db, pageId: string, subscriberId?: string): Promise<Map<string, DeliveryCounts>> {
  const rows = await db
    .select({
      subscriberId: deliveries.subscriberId,
      sent: sql<number>`SUM(${deliveries.sentAt} IS NOT NULL)`,
      dead: sql<number>`SUM(${deliveries.deadAt} IS NOT NULL AND ${deliveries.sentAt} IS NULL)`,
      pending: sql<number>`SUM(${deliveries.sentAt} IS NULL AND ${deliveries.deadAt} IS NULL)`,
    })
    .from(deliveries)
    .where(and(eq(deliveries.pageId, pageId), subscriberId ? eq(deliveries.subscriberId, subscriberId) : undefined))
    .groupBy(deliveries.subscriberId)
    .all();
  return new Map(rows.map((r) => [r.subscriberId, { sent: Number(r.sent), pending: Number(r.pending), dead: Number(r.dead) }]));
}

/** A subscriber's latest deliveries, newest first. */
export function recentDeliveries(db: Db, subscriberId: string, limit = 20) {
  return db
    .select()
    .from(deliveries)
    .where(eq(deliveries.subscriberId, subscriberId))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(limit)
    .all();
}

/** Deliveries queued before `cutoff` and neither sent nor given up: the queue dropped them (its retention ran out). */
export async function markLostDeliveries(db: Db, cutoff: number, now: number): Promise<number> {
  const result = await db
    .update(deliveries)
    .set({ deadAt: now, leasedUntil: null, leaseToken: null, lastError: sql`COALESCE(${deliveries.lastError} || '; ', '') || 'expired in the queue'` })
    .where(and(lte(deliveries.enqueuedAt, cutoff), isNull(deliveries.sentAt), isNull(deliveries.deadAt)))
    .run();
  return result.meta.changes ?? 0;
}

/** Forgets notifications (and their deliveries) created at or before `cutoff`; returns how many. */
// Per run: a backlog is cleared over several runs, each well within D1's time per query.
const DELETE_LIMIT = 2_000;

/** Forgets up to DELETE_LIMIT notifications (with their deliveries), confirmation deliveries and logged mails created at or before `cutoff`; returns how many notifications. */
export async function deleteNotificationsUpTo(db: Db, cutoff: number): Promise<number> {
  const batch = await db.batch([
    db
      .delete(deliveries)
      .where(sql`${deliveries.id} IN (SELECT id FROM deliveries WHERE kind = 'confirmation' AND created_at <= ${cutoff} LIMIT ${DELETE_LIMIT})`),
    db.delete(notifications).where(sql`${notifications.id} IN (SELECT id FROM notifications WHERE created_at <= ${cutoff} LIMIT ${DELETE_LIMIT})`),
    db.delete(mailLog).where(sql`${mailLog.id} IN (SELECT id FROM mail_log WHERE created_at <= ${cutoff} LIMIT ${DELETE_LIMIT})`),
  ]);
  return batch[1].meta.changes ?? 0;
}
