import { MAX_EXTRA_EVENTS } from "../db/queries/snapshot";

/** What one change (or several, merged) asks to be published besides the page-wide bodies. */
export interface PublishScope {
  /** Events whose own JSON and HTML bodies must be rebuilt. */
  eventIds: readonly string[];
  /** Events that no longer exist: their bodies and every copy of them are deleted. */
  deletedEventIds: readonly string[];
  /** Where touched events start, or started before the change (UTC ms): their history years are rebuilt. */
  eventTimes: readonly number[];
}

export const EMPTY_SCOPE: PublishScope = { eventIds: [], deletedEventIds: [], eventTimes: [] };

export function mergeScopes(scopes: readonly PublishScope[]): PublishScope {
  const unique = <T>(values: T[]) => [...new Set(values)];
  const deleted = unique(scopes.flatMap((s) => s.deletedEventIds));
  const gone = new Set(deleted);
  return {
    eventIds: unique(scopes.flatMap((s) => s.eventIds)).filter((id) => !gone.has(id)),
    deletedEventIds: deleted,
    eventTimes: unique(scopes.flatMap((s) => s.eventTimes)),
  };
}

/**
 * Groups scopes (in order) into runs whose merged events one snapshot can load: a backlog of changes
 * (after a KV outage, say) is published in several batches instead of one that D1 would refuse.
 */
export function scopeRuns<T extends PublishScope>(scopes: readonly T[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let events = new Set<string>();
  for (const scope of scopes) {
    const merged = new Set([...events, ...scope.eventIds]);
    if (run.length > 0 && merged.size > MAX_EXTRA_EVENTS) {
      runs.push(run);
      run = [];
      events = new Set(scope.eventIds);
    } else events = merged;
    run.push(scope);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
