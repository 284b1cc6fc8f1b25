import { lastChangeTimes } from "../db/queries/components";
import { listMonitoringIncidents } from "../db/queries/jobs";
import { loadEventContext } from "../db/queries/events";
import { autoResolveAt, autoResolveBody } from "../domain/auto-resolve";
import { planIncidentUpdate } from "../domain/incident-lifecycle";
import { pageSettings } from "../domain/page-settings";
import { commitUpdate } from "../services/events";
import { type JobContext, countFailure, pageContexts, untouchedSince } from "./job-context";

export interface AutoResolveResult {
  resolved: number;
  /** Someone changed the incident or its components while the job worked: they win, it retries next tick. */
  conflicts: number;
  /** Failed for another reason (logged); the others still ran. */
  failed: number;
}

/**
 * Resolves every incident that has sat in monitoring, with no new update, for its page's quiet
 * period. The resolution is dated at the end of the quiet period, not at this run, so a late or
 * repeated run ends in the same state; a resolved incident is no longer in monitoring, so a second
 * run of the same tick finds nothing to do.
 */
export async function autoResolve(job: JobContext): Promise<AutoResolveResult> {
  const result: AutoResolveResult = { resolved: 0, conflicts: 0, failed: 0 };
  const candidates = await listMonitoringIncidents(job.db);
  if (candidates.length === 0) return result;
  const contexts = await pageContexts(job);
  for (const { event, lastDisplayAt, lastPostedAt } of candidates) {
    const ctx = contexts.get(event.pageId);
    if (!ctx) continue;
    const quiet = pageSettings(ctx.page.settings).autoResolveAfterMinutes;
    const at = autoResolveAt({ status: event.status, lastDisplayAt, lastPostedAt }, quiet);
    if (at === null || at > job.now) continue;
    try {
      const context = await loadEventContext(job.db, event.pageId, event.id);
      // A component someone set after the quiet period ended keeps what they set.
      const releasable = untouchedSince(context.affectedIds, await lastChangeTimes(job.db, context.affectedIds), at);
      const plan = planIncidentUpdate(
        { status: "monitoring", startedAt: event.startedAt, monitoringAt: event.monitoringAt, resolvedAt: null, impactReached: event.impactReached, affectedIds: releasable },
        { status: "resolved", displayAt: at, components: [] },
        context,
      );
      await commitUpdate(ctx, {
        eventId: event.id,
        lastUpdateSeq: event.lastUpdateSeq,
        expectedUpdatedAt: event.updatedAt,
        eventChanges: { status: plan.status, monitoringAt: plan.monitoringAt, resolvedAt: plan.resolvedAt, impactReached: plan.impactReached },
        status: plan.status,
        body: autoResolveBody(quiet),
        displayAt: at,
        deliverNotifications: true,
        transitions: plan.transitions,
        affectedIds: [],
      });
      result.resolved++;
    } catch (error) {
      countFailure(result, error, "auto-resolve", event.id);
    }
  }
  return result;
}
