import { listMonitoringIncidents } from "../db/queries/jobs";
import { autoResolveAt } from "../domain/auto-resolve";
import { planAutoResolve } from "../domain/incident-plans";
import { pageSettings } from "../domain/page-settings";
import { newId } from "../lib/ids";
import { changeEvent } from "../writes/events";
import { countFailure, type JobContext, pageContexts } from "./job-context";

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
  const contexts = await pageContexts(job, "job:auto-resolve");
  for (const { event, lastDisplayAt, lastPostedAt } of candidates) {
    const ctx = contexts.get(event.pageId);
    if (!ctx) continue;
    const quiet = pageSettings(ctx.page.settings).autoResolveAfterMinutes;
    const at = autoResolveAt({ status: event.status, lastDisplayAt, lastPostedAt }, quiet);
    if (at === null || at > job.now) continue;
    try {
      // The version the candidate was listed at: an operator's update since then wins.
      await changeEvent(ctx, { kind: "incident", id: event.id, expectedVersion: event.version }, (state) => planAutoResolve(state, quiet, at, newId()));
      result.resolved++;
    } catch (error) {
      countFailure(result, error, "auto-resolve", event.id);
    }
  }
  return result;
}
