import { refusedByState } from "../lib/errors";
import {
  editOf,
  type EventPlan,
  type EventState,
  type NewIds,
  planned,
  refuseTimes,
  requireEvent,
  requireLeafComponents,
  requirePlausibleTimes,
  type RequestedStatus,
  untouchedSince,
} from "./event-plan";
import { planMaintenanceUpdate } from "./maintenance-lifecycle";
import type { MaintenanceStatus } from "./statuses";
import { checkOrder } from "./time-bounds";

export interface NewMaintenanceInput {
  name: string;
  body: string;
  scheduledFor: number;
  scheduledUntil: number;
  componentIds: string[];
  autoStart?: boolean;
  autoComplete?: boolean;
  displayAt?: number;
  deliverNotifications?: boolean;
}

export interface MaintenanceUpdateInput {
  status?: MaintenanceStatus;
  body: string;
  displayAt?: number;
  components?: RequestedStatus[];
  deliverNotifications?: boolean;
}

export interface MaintenancePatch {
  name?: string;
  scheduledFor?: number;
  scheduledUntil?: number;
  componentIds?: string[];
  autoStart?: boolean;
  autoComplete?: boolean;
}

export const START_BODY = "Scheduled maintenance is now in progress. We will provide updates as necessary.";
export const COMPLETE_BODY = "The scheduled maintenance has been completed.";
export const CANCEL_BODY = "This scheduled maintenance has been cancelled.";

function assertWindow(scheduledFor: number, scheduledUntil: number): void {
  refuseTimes([
    checkOrder("body.scheduled_until", scheduledUntil, scheduledFor, "scheduled_until is before scheduled_for: a window cannot end before it starts."),
  ]);
}

/** The window is a plan (bounded by the plan horizon); display_at records when the plan was posted. */
function requirePlausibleWindow(now: number, times: { scheduledFor?: number; scheduledUntil?: number; displayAt?: number }): void {
  requirePlausibleTimes(now, [
    { field: "body.scheduled_for", at: times.scheduledFor, kind: "plan" },
    { field: "body.scheduled_until", at: times.scheduledUntil, kind: "plan" },
    { field: "body.display_at", at: times.displayAt, kind: "past" },
  ]);
}

export function planScheduleMaintenance(state: EventState, input: NewMaintenanceInput, now: number, ids: NewIds): EventPlan {
  requirePlausibleWindow(now, input);
  assertWindow(input.scheduledFor, input.scheduledUntil);
  requireLeafComponents(state, input.componentIds, "body.component_ids");
  return {
    change: "maintenance.scheduled",
    eventId: ids.eventId,
    kind: "maintenance",
    create: {
      name: input.name,
      status: "scheduled",
      impactOverride: null,
      impactReached: "none",
      startedAt: input.scheduledFor,
      monitoringAt: null,
      resolvedAt: null,
      scheduledFor: input.scheduledFor,
      scheduledUntil: input.scheduledUntil,
      autoStart: input.autoStart ?? false,
      autoComplete: input.autoComplete ?? false,
      cancelledAt: null,
      postmortemBody: null,
      postmortemPublishedAt: null,
      postmortemUpdatedAt: null,
    },
    set: {},
    post: { id: ids.updateId, status: "scheduled", body: input.body, displayAt: input.displayAt ?? now, notify: input.deliverNotifications ?? true },
    transitions: [],
    affected: { add: input.componentIds },
    remove: false,
    times: [input.scheduledFor],
  };
}

interface Step {
  to: MaintenanceStatus;
  displayAt: number;
  body: string;
  components: RequestedStatus[];
  notify: boolean;
  /** A job's step releases or takes only components nobody changed after its time. */
  onlyUntouched: boolean;
}

function planStep(state: EventState, step: Step, updateId: string): EventPlan {
  const event = requireEvent(state, "maintenance");
  const affectedIds = step.onlyUntouched ? untouchedSince(state.affectedIds, state.lastChangedAt, step.displayAt) : state.affectedIds;
  const plan = planned(() =>
    planMaintenanceUpdate(
      { status: event.status as MaintenanceStatus, startedAt: event.startedAt, resolvedAt: event.resolvedAt, cancelledAt: event.cancelledAt, affectedIds },
      { status: step.to, displayAt: step.displayAt, components: step.components },
      state,
    ),
  );
  return {
    ...editOf(event, "maintenance.updated", { status: plan.status, startedAt: plan.startedAt, resolvedAt: plan.resolvedAt }, [event.startedAt, plan.startedAt]),
    post: { id: updateId, status: plan.status, body: step.body, displayAt: step.displayAt, notify: step.notify },
    transitions: plan.transitions,
    affected: { add: plan.transitions.map((t) => t.componentId) },
  };
}

export function planMaintenanceUpdatePost(state: EventState, input: MaintenanceUpdateInput, now: number, updateId: string): EventPlan {
  requirePlausibleTimes(now, [{ field: "body.display_at", at: input.displayAt, kind: "past" }]);
  const event = requireEvent(state, "maintenance");
  const components = input.components ?? [];
  requireLeafComponents(
    state,
    components.map((c) => c.componentId),
    "body.components",
  );
  const to = input.status ?? (event.status as MaintenanceStatus);
  return planStep(
    state,
    { to, displayAt: input.displayAt ?? now, body: input.body, components, notify: input.deliverNotifications ?? true, onlyUntouched: false },
    updateId,
  );
}

/**
 * The maintenance-windows job's step: start at `scheduled_for`, complete at `scheduled_until`, each
 * dated at its scheduled time; components someone set after that time keep what they set.
 */
export function planWindowStep(state: EventState, to: "in_progress" | "completed", at: number, updateId: string): EventPlan {
  return planStep(
    state,
    { to, displayAt: at, body: to === "in_progress" ? START_BODY : COMPLETE_BODY, components: [], notify: true, onlyUntouched: true },
    updateId,
  );
}

/** Edits the plan. The start and the components can change only before it starts; the end until it completes. */
export function planPatchMaintenance(state: EventState, patch: MaintenancePatch, now: number): EventPlan {
  requirePlausibleWindow(now, patch);
  const event = requireEvent(state, "maintenance");
  const notStarted = event.status === "scheduled" && event.cancelledAt === null;
  const refuse = (field: string, message: string) => {
    throw refusedByState("maintenance_started", message, [{ field, message }]);
  };
  if ((patch.scheduledFor !== undefined || patch.componentIds !== undefined) && !notStarted) {
    refuse(
      patch.scheduledFor !== undefined ? "body.scheduled_for" : "body.component_ids",
      "Only a maintenance that has not started can change its start or components.",
    );
  }
  if (patch.scheduledUntil !== undefined && event.status === "completed") refuse("body.scheduled_until", "A completed maintenance cannot change its window.");
  const scheduledFor = patch.scheduledFor ?? event.scheduledFor!;
  const scheduledUntil = patch.scheduledUntil ?? event.scheduledUntil!;
  assertWindow(scheduledFor, scheduledUntil);
  if (patch.componentIds) requireLeafComponents(state, patch.componentIds, "body.component_ids");
  const set: EventPlan["set"] = { scheduledFor, scheduledUntil };
  if (notStarted) set.startedAt = scheduledFor;
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.autoStart !== undefined) set.autoStart = patch.autoStart;
  if (patch.autoComplete !== undefined) set.autoComplete = patch.autoComplete;
  const plan = editOf(event, "maintenance.edited", set, [event.startedAt, set.startedAt ?? event.startedAt]);
  return patch.componentIds ? { ...plan, affected: { replace: patch.componentIds } } : plan;
}

/** Calls off a maintenance that has not started: it ends as completed, marked cancelled, with an update saying so. */
export function planCancelMaintenance(state: EventState, body: string | undefined, now: number, updateId: string): EventPlan {
  const event = requireEvent(state, "maintenance");
  if (event.status !== "scheduled" || event.cancelledAt !== null) {
    throw refusedByState("maintenance_started", "Only a scheduled maintenance that has not started can be cancelled; complete it instead.", [
      { field: "path.id", message: `Maintenance is ${event.cancelledAt ? "already cancelled" : event.status}.` },
    ]);
  }
  return {
    ...editOf(event, "maintenance.cancelled", { status: "completed", cancelledAt: now }),
    post: { id: updateId, status: "completed", body: body ?? CANCEL_BODY, displayAt: now, notify: true },
  };
}
