import { createDb } from "../db/client";
import { refreshCache } from "./refresh-cache";

/** Dispatches cron runs. "Now" is the scheduled time, not the wall clock: a late or repeated run computes the same. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  const db = createDb(env.DB);
  const result = await refreshCache(db, env.CACHE, now);
  console.log(JSON.stringify({ cron: controller.cron, now: new Date(now).toISOString(), refreshCache: result }));
}
