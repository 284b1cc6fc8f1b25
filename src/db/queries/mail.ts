import { desc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../../env";
import { mailLog } from "../schema";

export type NewMail = typeof mailLog.$inferInsert;

export const insertMailStatement = (db: Db, row: NewMail) => db.insert(mailLog).values(row);

/** A page's local mailbox, newest first. */
export function listMail(db: Db, pageId: string, limit: number) {
  return db
    .select()
    .from(mailLog)
    .where(or(eq(mailLog.pageId, pageId), isNull(mailLog.pageId)))
    .orderBy(desc(mailLog.createdAt), desc(mailLog.id))
    .limit(limit)
    .all();
}
