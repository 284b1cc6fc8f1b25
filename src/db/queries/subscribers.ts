import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../env";
import { type SubscriberRow, subscribers } from "../schema";

export type NewSubscriber = typeof subscribers.$inferInsert;

/** A page's subscribers, oldest first. */
export function listSubscribers(db: Db, pageId: string): Promise<SubscriberRow[]> {
  return db.select().from(subscribers).where(eq(subscribers.pageId, pageId)).orderBy(asc(subscribers.createdAt), asc(subscribers.id)).all();
}

export function getSubscriber(db: Db, pageId: string, id: string): Promise<SubscriberRow | undefined> {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.id, id)))
    .get();
}

export function subscriberByToken(db: Db, token: string): Promise<SubscriberRow | undefined> {
  return db.select().from(subscribers).where(eq(subscribers.token, token)).get();
}

export function emailSubscriber(db: Db, pageId: string, email: string): Promise<SubscriberRow | undefined> {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.type, "email"), eq(subscribers.target, email)))
    .get();
}

export const insertSubscriberStatement = (db: Db, row: NewSubscriber) => db.insert(subscribers).values(row);
export const updateSubscriberStatement = (db: Db, id: string, changes: Partial<NewSubscriber>) =>
  db.update(subscribers).set(changes).where(eq(subscribers.id, id));
export const deleteSubscriberStatement = (db: Db, id: string) => db.delete(subscribers).where(eq(subscribers.id, id));

/** Active webhooks with no success since `cutoff` (UTC ms): the ones to pause. */
export function longFailingWebhooks(db: Db, cutoff: number): Promise<SubscriberRow[]> {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.type, "webhook"), eq(subscribers.state, "active"), isNotNull(subscribers.failingSince), lte(subscribers.failingSince, cutoff)))
    .all();
}

/** Success: the subscriber is no longer failing. */
export const markSubscriberSucceeded = (db: Db, id: string, now: number) =>
  db.update(subscribers).set({ failingSince: null, lastError: null, lastSuccessAt: now }).where(eq(subscribers.id, id));

/** Failure: remembered from the first one since the last success. */
export const markSubscriberFailed = (db: Db, id: string, now: number, error: string) =>
  db
    .update(subscribers)
    .set({ failingSince: sql`COALESCE(${subscribers.failingSince}, ${now})`, lastError: error.slice(0, 500) })
    .where(eq(subscribers.id, id));

/** Stamps a new confirmation mail on a subscriber, only if no other request stamped it since `seen` was read. */
export const stampConfirmationStatement = (db: Db, seen: Pick<SubscriberRow, "id" | "confirmationSentAt">, now: number) =>
  db
    .update(subscribers)
    .set({ confirmationSentAt: now })
    .where(
      and(
        eq(subscribers.id, seen.id),
        seen.confirmationSentAt === null ? isNull(subscribers.confirmationSentAt) : eq(subscribers.confirmationSentAt, seen.confirmationSentAt),
      ),
    );

/** Pauses a webhook still failing since `since` (not resumed or recovered meanwhile). */
export const pauseStatement = (db: Db, id: string, since: number, now: number) =>
  db
    .update(subscribers)
    .set({ state: "paused", pausedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, id), eq(subscribers.state, "active"), eq(subscribers.failingSince, since)));
