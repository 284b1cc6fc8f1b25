import { deletePublishedOutboxUpTo } from "../db/queries/outbox";
import type { JobContext } from "./job-context";

/** Published outbox records are kept this long (for the audit trail and for subscribers' retries). */
export const OUTBOX_KEEP_MS = 7 * 24 * 60 * 60_000;

export interface OutboxCleanupResult {
  deleted: number;
}

/** Forgets published outbox records older than a week at the tick; pending ones are never deleted. */
export async function outboxCleanup(job: JobContext): Promise<OutboxCleanupResult> {
  return { deleted: await deletePublishedOutboxUpTo(job.db, job.now - OUTBOX_KEEP_MS) };
}
