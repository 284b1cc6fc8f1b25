import { createDb } from "../db/client";
import { recordJobRun } from "../db/queries/jobs";
import { autoResolve } from "./auto-resolve";
import { writeHeartbeat } from "./heartbeat";
import { idempotencyCleanup } from "./idempotency-cleanup";
import type { JobContext } from "./job-context";
import { maintenanceWindows } from "./maintenance-windows";
import { outboxCleanup } from "./outbox-cleanup";
import { refreshCache } from "./refresh-cache";
import { rollups } from "./rollups";
import { notifyPending } from "../subscribers/fan-out";
import { pauseFailingWebhooks } from "./pause-webhooks";
import { notificationsCleanup } from "./notifications-cleanup";

export const EVERY_MINUTE = "* * * * *";
export const EVERY_TEN_MINUTES = "*/10 * * * *";

type Job = (ctx: JobContext) => Promise<object>;

/**
 * Which jobs each cron runs, in order. The minute cron changes what readers see (maintenances start
 * and end, incidents resolve) and then refreshes the cached bodies; the rollups change nothing a
 * reader sees (the home page computes missing days from raw history), so they run apart and keep
 * the minute run within the free plan's CPU budget.
 */
export const SCHEDULE: Record<string, Record<string, Job>> = {
  [EVERY_MINUTE]: {
    "maintenance-windows": maintenanceWindows,
    "auto-resolve": autoResolve,
    "refresh-cache": (ctx) => refreshCache(ctx.db, ctx.kv, ctx.now),
    notify: (ctx) => notifyPending(ctx.db, ctx.queue, ctx.now),
  },
  [EVERY_TEN_MINUTES]: {
    rollups,
    "idempotency-cleanup": idempotencyCleanup,
    "outbox-cleanup": outboxCleanup,
    "pause-webhooks": pauseFailingWebhooks,
    "notifications-cleanup": notificationsCleanup,
  },
};

/**
 * Runs the jobs of `cron` for the tick `now` (the scheduled time, never the wall clock, so a late
 * or repeated run computes the same). One job failing does not stop the next; each run is recorded.
 */
export async function runJobs(cron: string, ctx: JobContext): Promise<Record<string, unknown>> {
  const jobs = SCHEDULE[cron];
  if (!jobs) {
    console.error(JSON.stringify({ cron, error: "No jobs for this cron expression; check [triggers] in wrangler.toml." }));
    return {};
  }
  const results: Record<string, unknown> = {};
  for (const [name, job] of Object.entries(jobs)) {
    let result: Record<string, unknown> = {};
    let error: string | null = null;
    try {
      result = { ...(await job(ctx)) };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      console.error(`job ${name} failed`, e);
    }
    results[name] = error === null ? result : { error };
    await recordJobRun(ctx.db, { job: name, scheduledAt: ctx.now, ranAt: Date.now(), result, error }).catch((e) =>
      console.error("heartbeat not recorded", name, e),
    );
  }
  if (cron === EVERY_MINUTE) {
    const failing = Object.entries(results).flatMap(([name, r]) => (r && typeof r === "object" && "error" in r ? [name] : []));
    results.heartbeat = await writeHeartbeat(ctx, failing).catch((e) => {
      console.error("heartbeat not written", e);
      return { error: String(e) };
    });
  }
  return results;
}

export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  const results = await runJobs(controller.cron, { db: createDb(env.DB), kv: env.CACHE, now, queue: env.DELIVERIES });
  console.log(JSON.stringify({ cron: controller.cron, now: new Date(now).toISOString(), ...results }));
}
