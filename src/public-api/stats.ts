import { z } from "@hono/zod-openapi";
import type { PageSnapshot } from "../db/queries/snapshot";
import { loadIncidentFacts } from "../db/queries/stats";
import { humanDuration } from "../domain/duration";
import { type IncidentFacts, pageStats, STATS_DAYS, type WindowStats } from "../domain/stats";
import type { Db } from "../env";
import { displayOrder, Presenter } from "../present/statuspage";
import { PageSchema } from "../present/statuspage-schema";

const WindowStatsSchema = z
  .object({
    days: z.number().int().openapi({ example: 30 }),
    incidents: z.number().int().openapi({ description: "Incidents that started in the last `days` days" }),
    resolved: z.number().int().openapi({ description: "How many of them are resolved" }),
    mttr_seconds: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Mean time to resolve them (start to resolution); null when none is resolved", example: 19380 }),
    mttr: z.string().nullable().openapi({ example: "5h 23m" }),
  })
  .openapi("WindowStats");

export const StatsSchema = z
  .object({
    page: PageSchema,
    stats: z.array(WindowStatsSchema),
    components: z.array(z.object({ id: z.string(), name: z.string(), group_id: z.string().nullable(), stats: z.array(WindowStatsSchema) })),
  })
  .openapi("Stats");

export function loadStatsFacts(db: Db, pageId: string, now: number): Promise<IncidentFacts[]> {
  return loadIncidentFacts(db, pageId, now, STATS_DAYS);
}

const present = (w: WindowStats) => ({
  days: w.days,
  incidents: w.incidents,
  resolved: w.resolved,
  mttr_seconds: w.mttrMs === null ? null : Math.round(w.mttrMs / 1000),
  mttr: w.mttrMs === null ? null : humanDuration(w.mttrMs),
});

/** `/api/v2/stats.json`: incident counts and MTTR over 30 and 90 days, for the page and per component. */
export function buildStatsBody(snapshot: PageSnapshot, facts: readonly IncidentFacts[], now: number): z.infer<typeof StatsSchema> {
  const leaves = displayOrder(snapshot.components).filter((c) => !c.isGroup);
  const stats = pageStats(
    facts,
    leaves.map((c) => c.id),
    now,
  );
  return {
    page: new Presenter(snapshot).page(),
    stats: stats.page.map(present),
    components: leaves.map((c) => ({ id: c.id, name: c.name, group_id: c.groupId, stats: stats.components.get(c.id)!.map(present) })),
  };
}
