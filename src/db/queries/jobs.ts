import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../env";
import { incidents, incidentUpdates, jobRuns } from "../schema";

/** Every incident in monitoring, on any page, with when its latest update was displayed and posted. */
export function listMonitoringIncidents(db: Db) {
  return db
    .select({ event: incidents, lastDisplayAt: incidentUpdates.displayAt, lastPostedAt: incidentUpdates.createdAt })
    .from(incidents)
    .innerJoin(incidentUpdates, and(eq(incidentUpdates.incidentId, incidents.id), eq(incidentUpdates.seq, incidents.lastUpdateSeq)))
    .where(and(eq(incidents.kind, "incident"), eq(incidents.status, "monitoring")))
    .all();
}

/** Maintenances that are due to start or to complete by `now`, on any page. */
export function listDueMaintenances(db: Db, now: number) {
  return db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.kind, "maintenance"),
        isNull(incidents.cancelledAt),
        or(
          and(eq(incidents.status, "scheduled"), eq(incidents.autoStart, true), lte(incidents.scheduledFor, now)),
          and(inArray(incidents.status, ["in_progress", "verifying"]), eq(incidents.autoComplete, true), lte(incidents.scheduledUntil, now)),
        ),
      ),
    )
    .all();
}

export interface JobRun {
  job: string;
  scheduledAt: number;
  ranAt: number;
  result: Record<string, unknown>;
  error: string | null;
}

/**
 * The heartbeat. The tick it records only moves forward (a late run of an older tick leaves it), and
 * the last error stays until a later run fails again, so an operator can see when it last went wrong.
 */
export function recordJobRun(db: Db, run: JobRun) {
  const error = run.error === null ? {} : { lastError: run.error, lastErrorAt: run.ranAt };
  return db
    .insert(jobRuns)
    .values({ job: run.job, lastScheduledAt: run.scheduledAt, lastRanAt: run.ranAt, lastResult: run.result, ...error })
    .onConflictDoUpdate({
      target: jobRuns.job,
      set: {
        lastScheduledAt: sql`max(${jobRuns.lastScheduledAt}, ${run.scheduledAt})`,
        lastRanAt: run.ranAt,
        lastResult: run.result,
        ...error,
      },
    });
}

export function listJobRuns(db: Db) {
  return db.select().from(jobRuns).orderBy(jobRuns.job).all();
}
