import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { guardStatement } from "../db/queries/guards";
import { listPages } from "../db/queries/pages";
import { listRollupStates, loadStatusHistory, markRollupsClean, type NewUptimeDay, upsertRollupStatements } from "../db/queries/uptime";
import { components, type PageRow, rollupState, uptimeDays } from "../db/schema";
import { addDays, localDay, startOfLocalDay } from "../domain/time";
import { dayWindows, UPTIME_DAYS, uptimeDays as computeDays } from "../domain/uptime";
import type { Db } from "../env";
import { isStaleState } from "../lib/errors";
import type { JobContext } from "./job-context";

/** Rows one run writes at most (about 100 statements): a first fill of a large page spreads over runs. */
export const ROLLUP_ROWS_PER_RUN = 900;

export interface RollupsResult {
  pages: number;
  rows: number;
  /** A write changed closed days while this run computed them: they are redone next run. */
  conflicts: number;
}

async function rollUpPage(db: Db, page: PageRow, generation: number, now: number, budget: number) {
  const zone = page.timeZone;
  const closed = dayWindows(now, zone, UPTIME_DAYS).filter((w) => w.dayEnd <= now);
  if (closed.length === 0) return { rows: 0, complete: true };
  const first = closed[0]!;
  const [leaves, existing] = await db.batch([
    db
      .select()
      .from(components)
      .where(and(eq(components.pageId, page.id), isNull(components.deletedAt), eq(components.isGroup, false))),
    db
      .select({ componentId: uptimeDays.componentId, day: uptimeDays.day })
      .from(uptimeDays)
      .where(and(eq(uptimeDays.pageId, page.id), gte(uptimeDays.day, first.day))),
  ]);
  const have = new Set(existing.map((r) => `${r.componentId}|${r.day}`));
  const missing = leaves.map((c) => {
    const since = c.startDate ? startOfLocalDay(c.startDate, zone) : c.createdAt;
    return { c, since, windows: closed.filter((w) => w.dayEnd > since && !have.has(`${c.id}|${w.day}`)) };
  });
  const todo = missing.filter((m) => m.windows.length > 0);
  const rows: NewUptimeDay[] = [];
  if (todo.length > 0) {
    const history = await loadStatusHistory(db, page.id, first.dayStart);
    for (const { c, since, windows } of todo) {
      if (rows.length >= budget) break;
      const changes = history.changes.filter((ch) => ch.componentId === c.id);
      const days = computeDays({ changes, statusBefore: history.before.get(c.id), currentStatus: c.status, since, now, windows });
      for (const d of days.slice(0, budget - rows.length)) {
        rows.push({
          pageId: page.id,
          componentId: c.id,
          day: d.day,
          dayStart: d.dayStart,
          dayEnd: d.dayEnd,
          observedMs: d.observedMs,
          majorMs: d.majorMs,
          partialMs: d.partialMs,
          degradedMs: d.degradedMs,
          maintenanceMs: d.maintenanceMs,
          worst: d.worst,
        });
      }
    }
  }
  const needed = todo.reduce((n, m) => n + m.windows.length, 0);
  const complete = rows.length === needed;
  const statements = [
    // Rows computed from history a concurrent write has since changed must not land.
    guardStatement(
      db,
      "rollups_changed",
      sql`coalesce((SELECT ${rollupState.generation} FROM ${rollupState} WHERE ${rollupState.pageId} = ${page.id}), 0) <> ${generation}`,
    ),
    ...upsertRollupStatements(db, rows),
    ...(complete ? [markRollupsClean(db, page.id, generation, closed[closed.length - 1]!.day)] : []),
  ];
  await db.batch(statements as [never, ...never[]]);
  return { rows: rows.length, complete };
}

/**
 * Fills in every missing rolled-up day (closed days of the last 90, in each page's time zone) from
 * the status history. Works from state: whatever is missing is computed, so a skipped run is made up
 * by the next, and a page with nothing new costs one row read. Writes that change closed days delete
 * their rows and bump the page's generation, which is what sends the job back to them.
 */
export async function rollups(job: JobContext): Promise<RollupsResult> {
  const result: RollupsResult = { pages: 0, rows: 0, conflicts: 0 };
  const states = new Map((await listRollupStates(job.db)).map((s) => [s.pageId, s]));
  let budget = ROLLUP_ROWS_PER_RUN;
  for (const page of await listPages(job.db)) {
    const state = states.get(page.id);
    const yesterday = addDays(localDay(job.now, page.timeZone), -1);
    const clean = state !== undefined && state.cleanGeneration === state.generation && (state.completeThrough ?? "") >= yesterday;
    if (clean || budget <= 0) continue;
    try {
      const { rows } = await rollUpPage(job.db, page, state?.generation ?? 0, job.now, budget);
      budget -= rows;
      result.pages++;
      result.rows += rows;
    } catch (error) {
      if (!isStaleState(error)) throw error;
      result.conflicts++;
    }
  }
  return result;
}
