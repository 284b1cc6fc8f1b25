import { listDueMaintenances } from "../db/queries/jobs";
import { planWindowStep } from "../domain/maintenance-plans";
import { newId } from "../lib/ids";
import { changeEvent } from "../writes/events";
import { countFailure, type JobContext, pageContexts } from "./job-context";

export interface MaintenanceWindowsResult {
  started: number;
  completed: number;
  conflicts: number;
  failed: number;
}

/**
 * Starts maintenances with auto-start at `scheduled_for` and completes those with auto-complete at
 * `scheduled_until`, each step dated at its scheduled time: a run hours late does both steps, in
 * order, and ends where on-time runs would have. Components someone set after a step's time keep
 * what they set; an edit made since the maintenance was listed wins, and the job retries next tick.
 */
export async function maintenanceWindows(job: JobContext): Promise<MaintenanceWindowsResult> {
  const result: MaintenanceWindowsResult = { started: 0, completed: 0, conflicts: 0, failed: 0 };
  const due = await listDueMaintenances(job.db, job.now);
  if (due.length === 0) return result;
  const contexts = await pageContexts(job, "job:maintenance-windows");
  for (const event of due) {
    const ctx = contexts.get(event.pageId);
    if (!ctx) continue;
    try {
      let version = event.version;
      let startedAt = event.startedAt;
      if (event.status === "scheduled") {
        // A maintenance entered after its start time starts as it is entered, not before it existed.
        const at = Math.max(event.scheduledFor!, event.createdAt);
        await changeEvent(ctx, { kind: "maintenance", id: event.id, expectedVersion: version }, (state) => planWindowStep(state, "in_progress", at, newId()));
        result.started++;
        version++;
        startedAt = at;
      }
      if (event.autoComplete && event.scheduledUntil! <= job.now) {
        const at = Math.max(event.scheduledUntil!, startedAt);
        await changeEvent(ctx, { kind: "maintenance", id: event.id, expectedVersion: version }, (state) => planWindowStep(state, "completed", at, newId()));
        result.completed++;
      }
    } catch (error) {
      countFailure(result, error, "maintenance window", event.id);
    }
  }
  return result;
}
