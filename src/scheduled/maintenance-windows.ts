import { lastChangeTimes } from "../db/queries/components";
import { listDueMaintenances } from "../db/queries/jobs";
import { getEvent, loadEventContext } from "../db/queries/events";
import type { IncidentRow } from "../db/schema";
import { planMaintenanceUpdate } from "../domain/maintenance-lifecycle";
import type { MaintenanceStatus } from "../domain/statuses";
import type { WriteContext } from "../services/context";
import { commitUpdate } from "../services/events";
import { type JobContext, countFailure, pageContexts, untouchedSince } from "./job-context";

export const START_BODY = "Scheduled maintenance is now in progress. We will provide updates as necessary.";
export const COMPLETE_BODY = "The scheduled maintenance has been completed.";

export interface MaintenanceWindowsResult {
  started: number;
  completed: number;
  conflicts: number;
  failed: number;
}

/** One step of a maintenance, dated at its scheduled time, guarded against concurrent human edits. */
async function step(ctx: WriteContext, event: IncidentRow, to: MaintenanceStatus, at: number, body: string): Promise<void> {
  const context = await loadEventContext(ctx.db, ctx.page.id, event.id);
  const affectedIds = untouchedSince(context.affectedIds, await lastChangeTimes(ctx.db, context.affectedIds), at);
  const plan = planMaintenanceUpdate(
    { status: event.status as MaintenanceStatus, startedAt: event.startedAt, resolvedAt: event.resolvedAt, cancelledAt: event.cancelledAt, affectedIds },
    { status: to, displayAt: at, components: [] },
    context,
  );
  await commitUpdate(ctx, {
    eventId: event.id,
    lastUpdateSeq: event.lastUpdateSeq,
    expectedUpdatedAt: event.updatedAt,
    eventChanges: { status: plan.status, startedAt: plan.startedAt, resolvedAt: plan.resolvedAt },
    status: plan.status,
    body,
    displayAt: at,
    deliverNotifications: true,
    transitions: plan.transitions,
    affectedIds: [],
  });
}

/**
 * Starts maintenances with auto-start at `scheduled_for` and completes those with auto-complete at
 * `scheduled_until`, each step dated at its scheduled time: a run hours late does both steps, in
 * order, and ends where on-time runs would have. Components someone set after a step's time keep
 * what they set.
 */
export async function maintenanceWindows(job: JobContext): Promise<MaintenanceWindowsResult> {
  const result: MaintenanceWindowsResult = { started: 0, completed: 0, conflicts: 0, failed: 0 };
  const due = await listDueMaintenances(job.db, job.now);
  if (due.length === 0) return result;
  const contexts = await pageContexts(job);
  for (const first of due) {
    const ctx = contexts.get(first.pageId);
    if (!ctx) continue;
    try {
      let event: IncidentRow | undefined = first;
      if (event.status === "scheduled") {
        // A maintenance entered after its start time starts as it is entered, not before it existed.
        await step(ctx, event, "in_progress", Math.max(event.scheduledFor!, event.createdAt), START_BODY);
        result.started++;
        event = await getEvent(job.db, event.pageId, "maintenance", event.id);
      }
      if (event && event.autoComplete && event.status !== "completed" && event.scheduledUntil! <= job.now) {
        await step(ctx, event, "completed", Math.max(event.scheduledUntil!, event.startedAt), COMPLETE_BODY);
        result.completed++;
      }
    } catch (error) {
      countFailure(result, error, "maintenance window", first.id);
    }
  }
  return result;
}
