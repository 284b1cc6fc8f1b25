import { deleteIdempotencyKeysUpTo, IDEMPOTENCY_KEY_TTL_MS } from "../db/queries/idempotency";
import type { JobContext } from "./job-context";

export interface IdempotencyCleanupResult {
  deleted: number;
}

/** Forgets Idempotency-Keys 24 hours old or older at the tick (as a lookup does); a second run of the same tick deletes nothing. */
export async function idempotencyCleanup(job: JobContext): Promise<IdempotencyCleanupResult> {
  return { deleted: await deleteIdempotencyKeysUpTo(job.db, job.now - IDEMPOTENCY_KEY_TTL_MS) };
}
