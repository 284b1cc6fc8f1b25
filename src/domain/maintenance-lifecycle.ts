import { type ComponentTransition, planTransitions, type RequestedStatus } from "./component-transitions";
import { LifecycleError, type UpdateContext } from "./incident-lifecycle";
import { isActiveMaintenance, type MaintenanceStatus, worstStatus } from "./statuses";

export interface MaintenanceState {
  status: MaintenanceStatus;
  startedAt: number;
  resolvedAt: number | null;
  cancelledAt: number | null;
  affectedIds: readonly string[];
}

export interface MaintenanceUpdateInput {
  status: MaintenanceStatus;
  displayAt: number;
  components: readonly RequestedStatus[];
}

export interface PlannedMaintenanceUpdate {
  status: MaintenanceStatus;
  startedAt: number;
  resolvedAt: number | null;
  transitions: ComponentTransition[];
}

const NEXT: Record<MaintenanceStatus, readonly MaintenanceStatus[]> = {
  // Finishing a maintenance that never started is a cancellation, which has its own action.
  scheduled: ["scheduled", "in_progress", "verifying"],
  in_progress: ["in_progress", "verifying", "completed"],
  verifying: ["in_progress", "verifying", "completed"],
  completed: ["completed"],
};

export function allowedNextMaintenanceStatuses(from: MaintenanceStatus): readonly MaintenanceStatus[] {
  return NEXT[from];
}

/**
 * Plans one maintenance update. Starting (scheduled → in progress or verifying) stamps started_at and
 * puts the affected components under maintenance; completing stamps resolved_at and releases them to
 * whatever other open events still hold, or operational. Explicit component statuses always win.
 */
export function planMaintenanceUpdate(state: MaintenanceState, input: MaintenanceUpdateInput, ctx: UpdateContext): PlannedMaintenanceUpdate {
  const { status: from } = state;
  const { status: to, displayAt } = input;
  if (state.cancelledAt !== null) {
    throw new LifecycleError("invalid_transition", "A cancelled maintenance cannot be updated.");
  }
  if (!NEXT[from].includes(to)) {
    throw new LifecycleError("invalid_transition", `A maintenance that is ${from} cannot move to ${to}.`);
  }
  const starting = from === "scheduled" && isActiveMaintenance(to);
  const completing = to === "completed" && from !== "completed";
  const startedAt = starting ? displayAt : state.startedAt;
  if (!starting && displayAt < startedAt && from !== "scheduled") {
    throw new LifecycleError(
      "timestamp_order",
      "display_at is before the maintenance started: an update cannot be shown, nor the maintenance completed, before it started.",
    );
  }
  const requested = new Set(input.components.map((c) => c.componentId));
  // Maintenance ranks below any outage: a component an open incident holds in outage stays in
  // outage and gets no transition here; the maintenance still holds it (it is affected), so it goes
  // under maintenance when that incident resolves inside the window.
  const entering: RequestedStatus[] = starting
    ? state.affectedIds
        .filter((id) => !requested.has(id) && worstStatus(["under_maintenance", ...(ctx.heldElsewhere.get(id) ?? [])]) === "under_maintenance")
        .map((componentId) => ({ componentId, status: "under_maintenance" }))
    : [];
  const release = completing ? [...state.affectedIds, ...requested] : [];
  const transitions = planTransitions(ctx.componentStatuses, [...input.components, ...entering], release, ctx.heldElsewhere);
  return { status: to, startedAt, resolvedAt: completing ? displayAt : state.resolvedAt, transitions };
}
