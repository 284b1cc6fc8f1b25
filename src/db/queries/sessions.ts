import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../../env";
import { type Reads, reads } from "../reads";
import { consoleSessions, type SessionRow } from "../schema";

/** A new session, and the expired ones gone in the same batch (sign-ins are rare; no job needed). */
export async function startSession(db: Db, row: SessionRow, now: number): Promise<void> {
  await db.batch([db.delete(consoleSessions).where(lte(consoleSessions.expiresAt, now)), db.insert(consoleSessions).values(row)]);
}

/** The session with this id unless it expired, for a shared batch (the console reads the pages with it). */
export function sessionReads(db: Db, id: string, now: number): Reads<SessionRow | undefined> {
  const query = db
    .select()
    .from(consoleSessions)
    .where(and(eq(consoleSessions.id, id), gt(consoleSessions.expiresAt, now)));
  return reads([query], ([rows]: [SessionRow[]]) => rows[0]);
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.id, id));
}
