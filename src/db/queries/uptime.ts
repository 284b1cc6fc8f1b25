import { and, asc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../env";
import { reads, type Reads, run } from "../reads";
import type { ComponentStatus } from "../../domain/statuses";
import { componentStatusChanges, rollupState, type StatusChangeRow, uptimeDays, type UptimeDayRow } from "../schema";
import { chunk } from "../../lib/chunk";

type Statement = BatchItem<"sqlite">;
export type NewUptimeDay = typeof uptimeDays.$inferInsert;

/** Records that closed days of the page changed: the rollup job will look for missing days. */
export function bumpRollupGeneration(db: Db, pageId: string): Statement {
  return db
    .insert(rollupState)
    .values({ pageId, generation: 1 })
    .onConflictDoUpdate({ target: rollupState.pageId, set: { generation: sql`${rollupState.generation} + 1` } });
}

// One bound parameter per id, plus two: under D1's 100.
const IDS_PER_DELETE = 90;

/** After a time-zone change: every day is cut anew, so nothing counts as done. */
export function resetRollupStatement(db: Db, pageId: string): Statement {
  return db
    .insert(rollupState)
    .values({ pageId, generation: 1 })
    .onConflictDoUpdate({ target: rollupState.pageId, set: { generation: sql`${rollupState.generation} + 1`, completeThrough: null } });
}

/** Forgets the rolled-up days of `componentIds` that end after `from`, and marks the page dirty. */
export function invalidateDaysStatements(db: Db, pageId: string, componentIds: readonly string[], from: number): Statement[] {
  const deletes = chunk([...new Set(componentIds)], IDS_PER_DELETE).map((ids) =>
    db.delete(uptimeDays).where(and(inArray(uptimeDays.componentId, ids), gt(uptimeDays.dayEnd, from))),
  );
  return [...deletes, bumpRollupGeneration(db, pageId)];
}

export function loadRollups(db: Db, pageId: string, fromDay: string) {
  return db
    .select()
    .from(uptimeDays)
    .where(and(eq(uptimeDays.pageId, pageId), gte(uptimeDays.day, fromDay)));
}

export interface StatusHistory {
  /** Changes at or after `since`, by time, ties in the order they were recorded. */
  changes: StatusChangeRow[];
  /** Per component, the status its latest change before `since` set. */
  before: Map<string, ComponentStatus>;
}

/** A page's status history from `since` on, and where each component stood just before: one batch. */
export function loadStatusHistory(db: Db, pageId: string, since: number): Promise<StatusHistory> {
  return run(db, statusHistoryReads(db, pageId, since));
}

export function statusHistoryReads(db: Db, pageId: string, since: number): Reads<StatusHistory> {
  return reads(
    [
      db
        .select()
        .from(componentStatusChanges)
        .where(and(eq(componentStatusChanges.pageId, pageId), gte(componentStatusChanges.changedAt, since)))
        .orderBy(asc(componentStatusChanges.changedAt), asc(componentStatusChanges.id)),
      db
        .select({ componentId: componentStatusChanges.componentId, status: componentStatusChanges.toStatus })
        .from(componentStatusChanges)
        .where(
          and(
            eq(componentStatusChanges.pageId, pageId),
            lt(componentStatusChanges.changedAt, since),
            sql`${componentStatusChanges.id} = (SELECT c2.id FROM component_status_changes c2
            WHERE c2.component_id = ${componentStatusChanges.componentId} AND c2.changed_at < ${since}
            ORDER BY c2.changed_at DESC, c2.id DESC LIMIT 1)`,
          ),
        ),
    ],
    ([changes, before]: [StatusChangeRow[], { componentId: string; status: ComponentStatus }[]]) => ({
      changes,
      before: new Map(before.map((r) => [r.componentId, r.status])),
    }),
  );
}

export function listRollupStates(db: Db) {
  return db.select().from(rollupState).all();
}

// 11 bound parameters per row, under D1's 100.
const ROLLUP_ROWS_PER_INSERT = 9;

export function upsertRollupStatements(db: Db, rows: readonly NewUptimeDay[]): Statement[] {
  return chunk(rows, ROLLUP_ROWS_PER_INSERT).map((part) =>
    db
      .insert(uptimeDays)
      .values(part)
      .onConflictDoUpdate({
        target: [uptimeDays.componentId, uptimeDays.day],
        set: {
          dayStart: sql`excluded.day_start`,
          dayEnd: sql`excluded.day_end`,
          observedMs: sql`excluded.observed_ms`,
          majorMs: sql`excluded.major_ms`,
          partialMs: sql`excluded.partial_ms`,
          degradedMs: sql`excluded.degraded_ms`,
          maintenanceMs: sql`excluded.maintenance_ms`,
          worst: sql`excluded.worst`,
        },
      }),
  );
}

/** The job saw `generation` and filled every day through `completeThrough`; never moves backwards. */
export function markRollupsClean(db: Db, pageId: string, generation: number, completeThrough: string): Statement {
  return db
    .insert(rollupState)
    .values({ pageId, generation, cleanGeneration: generation, completeThrough })
    .onConflictDoUpdate({
      target: rollupState.pageId,
      set: {
        cleanGeneration: sql`max(${rollupState.cleanGeneration}, ${generation})`,
        completeThrough: sql`max(coalesce(${rollupState.completeThrough}, ''), ${completeThrough})`,
      },
    });
}

export type { UptimeDayRow };
