import { type ComponentTransition, planTransitions, type RequestedStatus } from "./component-transitions";
import { raiseImpact } from "./impact";
import { type ComponentStatus, type Impact, type IncidentStatus, isOpenIncident } from "./statuses";

export interface IncidentState {
  status: IncidentStatus;
  startedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  impactReached: Impact;
  /** Components the incident already affects. */
  affectedIds: readonly string[];
}

export interface IncidentUpdateInput {
  status: IncidentStatus;
  displayAt: number;
  components: readonly RequestedStatus[];
}

export interface UpdateContext {
  componentStatuses: ReadonlyMap<string, ComponentStatus>;
  /** Statuses other open incidents and active maintenances hold, per component. */
  heldElsewhere: ReadonlyMap<string, readonly ComponentStatus[]>;
}

export interface PlannedIncidentUpdate {
  status: IncidentStatus;
  monitoringAt: number | null;
  resolvedAt: number | null;
  impactReached: Impact;
  transitions: ComponentTransition[];
}

/** A refused update: a status the lifecycle forbids, or a time before the event started. */
export class LifecycleError extends Error {
  constructor(
    readonly code: "invalid_transition" | "timestamp_order",
    message: string,
  ) {
    super(message);
  }
}

/** Which statuses an update may move an incident to, from each status. */
export function allowedNextStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  if (isOpenIncident(from)) return ["investigating", "identified", "monitoring", "resolved"];
  if (from === "resolved") return ["investigating", "identified", "monitoring", "resolved"];
  return ["postmortem"];
}

/**
 * Plans one incident update: the status it moves to, the times it stamps (monitoring_at on entering
 * monitoring, resolved_at on resolving, both cleared on re-opening), the impact reached, and the
 * component transitions, releasing the incident's components when it resolves.
 * Throws LifecycleError for a transition the lifecycle forbids, or for an update displayed before
 * the incident started (its monitoring_at or resolved_at would precede started_at).
 */
export function planIncidentUpdate(state: IncidentState, input: IncidentUpdateInput, ctx: UpdateContext): PlannedIncidentUpdate {
  const { status: from } = state;
  const { status: to, displayAt } = input;
  if (!allowedNextStatuses(from).includes(to)) {
    throw new LifecycleError("invalid_transition", `An incident that is ${from} cannot move to ${to}.`);
  }
  if (displayAt < state.startedAt) {
    throw new LifecycleError(
      "timestamp_order",
      "display_at is before the incident's started_at: an update cannot be shown, nor the incident resolved, before it started.",
    );
  }
  const resolving = to === "resolved" && isOpenIncident(from);
  const reopening = isOpenIncident(to) && !isOpenIncident(from);
  const release = resolving ? [...state.affectedIds, ...input.components.map((c) => c.componentId)] : [];
  const transitions = planTransitions(ctx.componentStatuses, input.components, release, ctx.heldElsewhere);

  let monitoringAt = state.monitoringAt;
  if (to === "monitoring" && from !== "monitoring") monitoringAt = displayAt;
  if (to === "investigating" || to === "identified") monitoringAt = null;

  let resolvedAt = state.resolvedAt;
  if (resolving) resolvedAt = displayAt;
  if (reopening) resolvedAt = null;

  return {
    status: to,
    monitoringAt,
    resolvedAt,
    impactReached: raiseImpact(
      state.impactReached,
      input.components.map((c) => c.status),
    ),
    transitions,
  };
}
