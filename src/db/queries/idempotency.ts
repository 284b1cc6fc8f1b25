import { and, eq, isNull, lte } from "drizzle-orm";
import type { Db } from "../../env";
import { idempotencyKeys, type IdempotencyKeyRow } from "../schema";

/** How long a key is remembered, in ms. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

/** The key's row, unless it expired (an expired row is deleted here, so the key can be used again). */
export async function findIdempotencyKey(db: Db, key: string, now: number): Promise<IdempotencyKeyRow | undefined> {
  const row = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).get();
  if (!row || row.createdAt > now - IDEMPOTENCY_KEY_TTL_MS) return row;
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.createdAt, row.createdAt)));
  return undefined;
}

export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
}

/**
 * The claim: goes into the batch of the write itself, so the key exists exactly when the write
 * happened, naming what was written and with which status, for a retry whose first answer was lost.
 */
export const claimIdempotencyKeyStatement = (db: Db, claim: IdempotencyClaim, now: number, resource: string | null, resourceStatus: number) =>
  db.insert(idempotencyKeys).values({ key: claim.key, fingerprint: claim.fingerprint, createdAt: now, resource, resourceStatus });

/** Stores the answer of the request that claimed the key; false when no claim was waiting for one. */
export async function storeIdempotentResponse(db: Db, key: string, status: number, response: string): Promise<boolean> {
  const result = await db
    .update(idempotencyKeys)
    .set({ status, response })
    .where(and(eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)))
    .run();
  return (result.meta.changes ?? 0) > 0;
}

/** Records a key with its answer after a request that wrote nothing through a batch (claims nothing if taken). */
export async function insertIdempotentResponse(db: Db, key: string, fingerprint: string, now: number, status: number, response: string): Promise<void> {
  await db.insert(idempotencyKeys).values({ key, fingerprint, status, response, createdAt: now }).onConflictDoNothing();
}

/** Forgets every key created at or before `cutoff` (UTC ms); returns how many. */
export async function deleteIdempotencyKeysUpTo(db: Db, cutoff: number): Promise<number> {
  const result = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.createdAt, cutoff)).run();
  return result.meta.changes ?? 0;
}
