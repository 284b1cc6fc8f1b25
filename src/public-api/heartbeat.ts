import { PUBLIC_CACHE_CONTROL } from "../http/cache-control";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { publicSite } from "../cache/serve";
import { errorResponses } from "../openapi/common";
import { HEARTBEAT_OVERDUE_MS, HEARTBEAT_WRITE_EVERY_MS } from "../domain/heartbeat";

export const HeartbeatSchema = z
  .object({
    scheduler: z.object({
      last_run_at: z
        .string()
        .nullable()
        .openapi({ description: "The last minute run the scheduler recorded (UTC); null before the first", example: "2026-12-02T14:05:00.000Z" }),
      age_seconds: z.number().int().nullable(),
      overdue: z.boolean().openapi({ description: "True when the scheduler has not been heard from for longer than overdue_after_seconds" }),
      failing_jobs: z.array(z.string()).openapi({ description: "Jobs whose last run failed" }),
      recorded_every_seconds: z.number().int(),
      overdue_after_seconds: z.number().int(),
    }),
  })
  .openapi("Heartbeat");

/** GET /heartbeat.json: whether the scheduled jobs (maintenance windows, auto-resolve, cache refresh) are running. */
export function registerHeartbeat(api: OpenAPIHono<AppEnv>): void {
  const route = createRoute({
    method: "get",
    path: "/heartbeat.json",
    tags: ["Public status API"],
    summary: "Extension (not in Statuspage v2): when the scheduled jobs last ran, and whether they are overdue or failing",
    responses: {
      200: { description: "The scheduler's heartbeat", content: { "application/json": { schema: HeartbeatSchema } } },
      ...errorResponses(503),
    },
  });
  api.openapi(route, async (c) => {
    const beat = (await publicSite(c)).heartbeat;
    const now = c.get("now");
    const age = beat ? Math.max(0, now - beat.at) : null;
    const body = {
      scheduler: {
        last_run_at: beat ? new Date(beat.at).toISOString() : null,
        age_seconds: age === null ? null : Math.floor(age / 1000),
        overdue: age === null || age > HEARTBEAT_OVERDUE_MS,
        failing_jobs: beat?.failing ?? [],
        recorded_every_seconds: HEARTBEAT_WRITE_EVERY_MS / 1000,
        overdue_after_seconds: HEARTBEAT_OVERDUE_MS / 1000,
      },
    };
    return c.json(body, 200, { "Cache-Control": PUBLIC_CACHE_CONTROL });
  });
}
