import { deleteNotificationsUpTo } from "../db/queries/deliveries";
import type { JobContext } from "./job-context";

/** Notifications and their deliveries are kept this long: past every retry, long enough to look into a failure. */
export const NOTIFICATIONS_KEEP_MS = 30 * 24 * 60 * 60_000;

/** Forgets notifications (with their deliveries) and confirmation deliveries older than 30 days at the tick. */
export async function notificationsCleanup(job: JobContext): Promise<{ deleted: number }> {
  return { deleted: await deleteNotificationsUpTo(job.db, job.now - NOTIFICATIONS_KEEP_MS) };
}
