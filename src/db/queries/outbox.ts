import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../env";
import { chunk } from "../../lib/chunk";
import { reads, type Reads } from "../reads";
import { type OutboxRow, outbox, pages, subscribers } from "../schema";

export type NewOutboxRecord = Omit<typeof outbox.$inferInsert, "generation" | "attempts" | "lastError" | "publishedAt" | "fannedOutAt">;

// How long the writer that committed a change holds its record before the minute job may take it:
// long enough for the writer's own publication, short enough to be finished within the next minutes.
export const OUTBOX_LEASE_MS = 30_000;

/** The record of a change, for its own batch; it takes the page generation the batch just produced. */
export function insertOutboxStatement(db: Db, record: NewOutboxRecord) {
  return db.insert(outbox).values({
    ...record,
    generation: sql`(SELECT ${pages.generation} FROM ${pages} WHERE ${pages.id} = ${record.pageId})`,
    // A change that tells nobody (it does not notify, or the page has no confirmed subscriber) is fanned
    // out by being written. A paused one counts: resuming it sends what it missed.
    fannedOutAt: record.notify
      ? sql`CASE WHEN EXISTS (SELECT 1 FROM ${subscribers} WHERE ${subscribers.pageId} = ${record.pageId} AND ${subscribers.state} IN ('active', 'paused')) THEN NULL ELSE ${record.createdAt} END`
      : record.createdAt,
  });
}

/** The record as its batch wrote it, read in the same batch. */
export const outboxRecordReads = (db: Db, id: string): Reads<OutboxRow | null> =>
  reads([db.select().from(outbox).where(eq(outbox.id, id))], ([rows]: [OutboxRow[]]) => rows[0] ?? null);

/** Changes that notify and are not fanned out yet, whose writer's hold has run out, oldest first. */
export function listUnfannedOutbox(db: Db, now: number, limit = 100) {
  return db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.fannedOutAt), lte(outbox.availableAt, now)))
    .orderBy(asc(outbox.createdAt))
    .limit(limit)
    .all();
}

/** A change whose fan-out failed waits until `until` (UTC ms): one that keeps failing must not hold up the changes after it. */
export const deferFanOutStatement = (db: Db, id: string, until: number) =>
  db
    .update(outbox)
    .set({ availableAt: until })
    .where(and(eq(outbox.id, id), isNull(outbox.fannedOutAt)));

export const markFannedOutStatement = (db: Db, id: string, now: number) =>
  db
    .update(outbox)
    .set({ fannedOutAt: now })
    .where(and(eq(outbox.id, id), isNull(outbox.fannedOutAt)));

/** Records not yet published whose lease has run out, oldest first, on every page. */
export function listPendingOutbox(db: Db, now: number, limit = 500) {
  return db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.publishedAt), lte(outbox.availableAt, now)))
    .orderBy(asc(outbox.createdAt))
    .limit(limit)
    .all();
}

// One bound parameter per id, plus the time.
const IDS_PER_UPDATE = 90;

export function markPublishedStatements(db: Db, ids: readonly string[], now: number) {
  return chunk(ids, IDS_PER_UPDATE).map((part) =>
    db
      .update(outbox)
      .set({ publishedAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(and(inArray(outbox.id, part), isNull(outbox.publishedAt))),
  );
}

/** A publication that failed: tried again by the next minute run. */
export function markFailedStatements(db: Db, ids: readonly string[], now: number, error: string) {
  return chunk(ids, IDS_PER_UPDATE).map((part) =>
    db
      .update(outbox)
      .set({ availableAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 500) })
      .where(and(inArray(outbox.id, part), isNull(outbox.publishedAt))),
  );
}

/** Forgets published records created at or before `cutoff` (UTC ms); returns how many. */
export async function deletePublishedOutboxUpTo(db: Db, cutoff: number): Promise<number> {
  const result = await db
    .delete(outbox)
    .where(and(lte(outbox.createdAt, cutoff), sql`${outbox.publishedAt} IS NOT NULL`, sql`${outbox.fannedOutAt} IS NOT NULL`))
    .run();
  return result.meta.changes ?? 0;
}
