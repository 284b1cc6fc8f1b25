import { type ComponentStatus, worstStatus } from "./statuses";

export interface ComponentTransition {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

export interface RequestedStatus {
  componentId: string;
  status: ComponentStatus;
}

/**
 * The transitions an update makes. Explicitly requested statuses always win and are recorded even
 * when unchanged (readers see "Desk: partial outage → partial outage"). Components in `release` that
 * were not requested go back to the worst status other open events still hold on them, or to
 * operational; those are recorded only when they change.
 */
export function planTransitions(
  current: ReadonlyMap<string, ComponentStatus>,
  requested: readonly RequestedStatus[],
  release: readonly string[] = [],
  heldElsewhere: ReadonlyMap<string, readonly ComponentStatus[]> = new Map(),
): ComponentTransition[] {
  const transitions: ComponentTransition[] = requested.map(({ componentId, status }) => ({
    componentId,
    oldStatus: current.get(componentId) ?? "operational",
    newStatus: status,
  }));
  const requestedIds = new Set(requested.map((r) => r.componentId));
  for (const componentId of release) {
    if (requestedIds.has(componentId)) continue;
    const oldStatus = current.get(componentId) ?? "operational";
    const newStatus = worstStatus(heldElsewhere.get(componentId) ?? []);
    if (newStatus !== oldStatus) transitions.push({ componentId, oldStatus, newStatus });
  }
  return transitions;
}
