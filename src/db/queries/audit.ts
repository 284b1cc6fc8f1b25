import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../env";
import { auditLog } from "../schema";

export type NewAuditEntry = typeof auditLog.$inferInsert;

/** The audit row of a change, for the change's own batch. */
export const insertAuditStatement = (db: Db, entry: NewAuditEntry) => db.insert(auditLog).values(entry);

export interface AuditQuery {
  /** Only the entries about this incident or maintenance. */
  eventId?: string;
  /** Entries strictly older than this time (UTC ms): the next page of the list. */
  before?: number;
  limit: number;
}

/** A page's audit log, newest first. */
export function listAudit(db: Db, pageId: string, query: AuditQuery) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.pageId, pageId),
        query.eventId ? eq(auditLog.eventId, query.eventId) : undefined,
        query.before !== undefined ? lt(auditLog.at, query.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit)
    .all();
}

export async function auditEntryExists(db: Db, id: string): Promise<boolean> {
  const row = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.id, id)).get();
  return row !== undefined;
}
