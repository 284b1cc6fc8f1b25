import { insertAuditStatement } from "../db/queries/audit";
import { longFailingWebhooks, pauseStatement } from "../db/queries/subscribers";
import type { JobContext } from "./job-context";

/** A webhook with no success for this long is paused (the signing spec suggests "several days"). */
export const PAUSE_AFTER_MS = 3 * 24 * 60 * 60_000;

export interface PauseResult {
  paused: number;
}

/**
 * Pauses webhooks that have failed for three days, with a note in the audit log: the owner sees why
 * in the console and resumes it once the endpoint works. The audit row's id comes from the failure
 * it ends, so a second run of the same tick writes nothing.
 */
export async function pauseFailingWebhooks(job: JobContext): Promise<PauseResult> {
  const { db, now } = job;
  let paused = 0;
  for (const s of await longFailingWebhooks(db, now - PAUSE_AFTER_MS)) {
    const since = s.failingSince!;
    const [update] = await db.batch([
      pauseStatement(db, s.id, since, now),
      insertAuditStatement(db, {
        id: `pause-${s.id}-${since}`,
        pageId: s.pageId,
        at: now,
        actor: "job:pause-webhooks",
        action: "subscriber.paused",
        target: `subscriber:${s.id}`,
        eventId: null,
        before: { state: "active", failing_since: new Date(since).toISOString(), last_error: s.lastError },
        after: { state: "paused", reason: "no successful delivery for 3 days" },
      }).onConflictDoNothing(),
    ]);
    paused += update.meta.changes ?? 0;
  }
  return { paused };
}
