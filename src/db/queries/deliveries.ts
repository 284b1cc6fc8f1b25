import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../env";
import { chunk } from "../../lib/chunk";
import { reads } from "../reads";
import { type DeliveryRow, deliveries, type NotificationRow, notifications, type SubscriberRow, subscribers } from "../schema";

export type NewNotification = typeof notifications.$inferInsert;
export type NewDelivery = typeof deliveries.$inferInsert;

export const insertNotificationStatement = (db: Db, row: NewNotification) => db.insert(notifications).values(row).onConflictDoNothing();
export const insertDeliveryStatement = (db: Db, row: NewDelivery) => db.insert(deliveries).values(row).onConflictDoNothing();

/** A delivery's id: derived from what it delivers and to whom, so recording it twice records it once. */
export const deliveryId = (notificationId: string, subscriberId: string) => `${notificationId}.${subscriberId}`;

/**
 * One delivery of a notification for each subscriber it concerns, in one statement whatever their
 * number: confirmed subscribers of the page (webhooks of the chosen formats only), everything or
 * one of the notification's components. Existing deliveries are kept (the fan-out may run twice).
 */
export function fanOutStatement(db: Db, notification: Pick<NotificationRow, "id" | "pageId" | "componentIds">, formats: readonly string[], now: number) {
  const touched = JSON.stringify(notification.componentIds);
  const inFormats = sql.join(
    formats.map((f) => sql`${f}`),
    sql`, `,
  );
  // Every column, in the table's order (drizzle lists them all for an INSERT … SELECT).
  return db
    .insert(deliveries)
    .select(
      sql`SELECT ${notification.id} || '.' || s.id, s.page_id, s.id, ${notification.id}, 'notification', ${now}, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL
      FROM subscribers s
      WHERE s.page_id = ${notification.pageId} AND s.state = 'active' AND s.format IN (${inFormats})
        AND (s.components IS NULL OR EXISTS (SELECT 1 FROM json_each(s.components) mine JOIN json_each(${touched}) theirs ON mine.value = theirs.value))`,
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

/**
 * Takes a delivery for one attempt unless it is sent, given up, or held by another consumer: the
 * claim and the reads of what to send are one batch, and the lease token read back says whether
 * this consumer holds it.
 */
export function claimDeliveryReads(db: Db, id: string, token: string, now: number, leaseMs: number) {
  const claim = db
    .update(deliveries)
    .set({ leasedUntil: now + leaseMs, leaseToken: token, attempts: sql`${deliveries.attempts} + 1`, lastAttemptAt: now })
    .where(
      and(
        eq(deliveries.id, id),
        isNull(deliveries.sentAt),
        isNull(deliveries.deadAt),
        sql`(${deliveries.leasedUntil} IS NULL OR ${deliveries.leasedUntil} <= ${now})`,
      ),
    );
  const delivery = db.select().from(deliveries).where(eq(deliveries.id, id));
  const subscriber = db.select().from(subscribers).where(sql`${subscribers.id} = (SELECT subscriber_id FROM deliveries WHERE id = ${id})`);
  const notification = db.select().from(notifications).where(sql`${notifications.id} = (SELECT notification_id FROM deliveries WHERE id = ${id})`);
  return reads([claim, delivery, subscriber, notification], ([, [d], [s], [n]]: [unknown, DeliveryRow[], SubscriberRow[], NotificationRow[]]) => ({
    delivery: d ?? null,
    subscriber: s ?? null,
    notification: n ?? null,
    claimed: d?.leaseToken === token && d.sentAt === null && d.deadAt === null,
  }));
}

export const markDeliverySent = (db: Db, id: string, now: number) =>
  db.update(deliveries).set({ sentAt: now, leasedUntil: null, leaseToken: null, lastError: null }).where(eq(deliveries.id, id));

export const markDeliveryFailed = (db: Db, id: string, error: string) =>
  db
    .update(deliveries)
    .set({ leasedUntil: null, leaseToken: null, lastError: error.slice(0, 500) })
    .where(eq(deliveries.id, id));

/** Given up: the dead-letter queue, or a subscriber that is paused or gone. */
export const markDeliveryDead = (db: Db, id: string, now: number, error?: string) =>
  db
    .update(deliveries)
    .set({ deadAt: now, leasedUntil: null, leaseToken: null, ...(error ? { lastError: error.slice(0, 500) } : {}) })
    .where(and(eq(deliveries.id, id), isNull(deliveries.sentAt)));

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

/** Per subscriber of a page: how many deliveries were sent, are pending, were given up. */
export async function deliveryCounts(db: Db, pageId: string): Promise<Map<string, DeliveryCounts>> {
  const rows = await db
    .select({
      subscriberId: deliveries.subscriberId,
      sent: sql<number>`SUM(${deliveries.sentAt} IS NOT NULL)`,
      dead: sql<number>`SUM(${deliveries.deadAt} IS NOT NULL AND ${deliveries.sentAt} IS NULL)`,
      pending: sql<number>`SUM(${deliveries.sentAt} IS NULL AND ${deliveries.deadAt} IS NULL)`,
    })
    .from(deliveries)
    .where(eq(deliveries.pageId, pageId))
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
export async function deleteNotificationsUpTo(db: Db, cutoff: number): Promise<number> {
  const batch = await db.batch([
    db.delete(deliveries).where(and(eq(deliveries.kind, "confirmation"), lte(deliveries.createdAt, cutoff))),
    db.delete(notifications).where(lte(notifications.createdAt, cutoff)),
  ]);
  return batch[1].meta.changes ?? 0;
}
