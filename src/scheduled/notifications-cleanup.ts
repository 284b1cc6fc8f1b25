import { deleteNotificationsUpTo, markLostDeliveries } from "../db/queries/deliveries";
import type { JobContext } from "./job-context";

/** Notifications and their deliveries are kept this long: past every retry, long enough to look into a failure. */
export const NOTIFICATIONS_KEEP_MS = 30 * 24 * 60 * 60_000;

// Every try of a delivery ends within about 20 hours (src/subscribers/backoff.ts) and a queue keeps a
// message 24 hours on the free plan: one still unsettled after 26 hours was dropped by the queue.
const LOST_AFTER_MS = 26 * 60 * 60_000;

/**
 * Marks deliveries the queue dropped as given up (the console lists them; resuming a webhook sends
 * them again), and forgets notifications (with their deliveries) and confirmation deliveries older
 * than 30 days at the tick. A second run of the same tick changes nothing.
 */
export async function notificationsCleanup(job: JobContext): Promise<{ lost: number; deleted: number }> {
  const lost = await markLostDeliveries(job.db, job.now - LOST_AFTER_MS, job.now);
  return { lost, deleted: await deleteNotificationsUpTo(job.db, job.now - NOTIFICATIONS_KEEP_MS) };
}
