import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listJobRuns } from "../db/queries/jobs";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { EVERY_MINUTE, SCHEDULE } from "../scheduled";
import { jsonResponse, security } from "./routes-helpers";

const JobRun = z
  .object({
    job: z.string().openapi({ example: "auto-resolve" }),
    cron: z.string().openapi({ example: "* * * * *" }),
    last_scheduled_at: z.string().nullable().openapi({ description: "The latest tick it ran for (UTC); null if it never ran" }),
    last_ran_at: z.string().nullable(),
    last_result: z.record(z.string(), z.unknown()).nullable(),
    last_error: z.string().nullable(),
    last_error_at: z.string().nullable(),
    late: z.boolean().openapi({ description: "It has not run for a tick in over twice its period (or never ran): check the cron trigger" }),
  })
  .openapi("JobRun");

const PERIOD_MS: Record<string, number> = { [EVERY_MINUTE]: 60_000 };
const periodOf = (cron: string) => PERIOD_MS[cron] ?? 10 * 60_000;

export function jobsApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openapi(
    createRoute({
      method: "get",
      path: "/jobs",
      tags: ["Admin: scheduled jobs"],
      security,
      summary: "The heartbeat: when each scheduled job last ran, what it did, and its last error",
      responses: jsonResponse(200, z.object({ jobs: z.array(JobRun) }), "Every job the cron triggers run"),
    }),
    async (c) => {
      const now = c.get("now");
      const runs = new Map((await listJobRuns(c.get("db"))).map((r) => [r.job, r]));
      const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
      const jobs = Object.entries(SCHEDULE).flatMap(([cron, jobsOfCron]) =>
        Object.keys(jobsOfCron).map((job) => {
          const run = runs.get(job);
          return {
            job,
            cron,
            last_scheduled_at: iso(run?.lastScheduledAt),
            last_ran_at: iso(run?.lastRanAt),
            last_result: run?.lastResult ?? null,
            last_error: run?.lastError ?? null,
            last_error_at: iso(run?.lastErrorAt),
            late: !run || now - run.lastScheduledAt > 2 * periodOf(cron),
          };
        }),
      );
      return c.json({ jobs }, 200);
    },
  );
  return api;
}
