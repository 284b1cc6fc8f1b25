import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../../env";
import { auditLog } from "../schema";

export type NewAuditEntry = typeof auditLog.$inferInsert;

/** The audit row of a change, for the change's own batch. */
export const insertAuditStatement = (db: Db, entry: NewAuditEntry) => db.insert(auditLog).values(entry);

export interface AuditQuery {
  /** Only the entries about this incident or maintenance. */
  eventId?: string;
  /** Entries after this one in the list (older, or as old with a smaller id): the next page. */
  after?: { at: number; id: string };
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
        query.after ? or(lt(auditLog.at, query.after.at), and(eq(auditLog.at, query.after.at), lt(auditLog.id, query.after.id))) : undefined,
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
