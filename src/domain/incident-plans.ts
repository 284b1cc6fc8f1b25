import { invalid, notFound, refusedByState } from "../lib/errors";
import { autoResolveBody } from "./auto-resolve";
import type { RequestedStatus } from "./component-transitions";
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
  untouchedSince,
} from "./event-plan";
import { type IncidentState, planIncidentUpdate } from "./incident-lifecycle";
import type { Impact, IncidentStatus } from "./statuses";
import { checkOrder } from "./time-bounds";

export interface NewIncidentInput {
  name: string;
  status: IncidentStatus;
  body: string;
  impact?: Impact | null;
  startedAt?: number;
  displayAt?: number;
  components: RequestedStatus[];
  deliverNotifications?: boolean;
}

export interface IncidentUpdateInput {
  status?: IncidentStatus;
  body: string;
  displayAt?: number;
  components?: RequestedStatus[];
  deliverNotifications?: boolean;
}

export interface IncidentPatch {
  name?: string;
  impact?: Impact | null;
  startedAt?: number;
}

interface Step {
  to: IncidentStatus;
  displayAt: number;
  components: readonly RequestedStatus[];
  body: string;
  notify: boolean;
}

/**
 * One update of an incident as the lifecycle plans it from `from` (the incident, with the components
 * its resolution may release): the event's new fields, the update, the component moves.
 */
function planStep(state: EventState, from: IncidentState, step: Step, updateId: string) {
  const plan = planned(() => planIncidentUpdate(from, { status: step.to, displayAt: step.displayAt, components: step.components }, state));
  return {
    set: { status: plan.status, monitoringAt: plan.monitoringAt, resolvedAt: plan.resolvedAt, impactReached: plan.impactReached },
    post: { id: updateId, status: plan.status, body: step.body, displayAt: step.displayAt, notify: step.notify },
    transitions: plan.transitions,
    affected: { add: plan.transitions.map((t) => t.componentId) },
  };
}

function lifecycleOf(state: EventState, affectedIds: readonly string[]): IncidentState {
  const event = requireEvent(state, "incident");
  const { startedAt, monitoringAt, resolvedAt, impactReached } = event;
  return { status: event.status as IncidentStatus, startedAt, monitoringAt, resolvedAt, impactReached, affectedIds };
}

/** An update posted to an existing incident, by an operator or a job. */
function planPost(state: EventState, affectedIds: readonly string[], step: Step, updateId: string): EventPlan {
  const event = requireEvent(state, "incident");
  return { ...editOf(event, "incident.updated", {}), ...planStep(state, lifecycleOf(state, affectedIds), step, updateId) };
}

export function planOpenIncident(state: EventState, input: NewIncidentInput, now: number, ids: NewIds): EventPlan {
  requirePlausibleTimes(now, [
    { field: "body.started_at", at: input.startedAt, kind: "past" },
    { field: "body.display_at", at: input.displayAt, kind: "past" },
  ]);
  if (input.status === "postmortem") {
    throw invalid("invalid_transition", "A new incident cannot start in postmortem.", [
      { field: "body.status", message: "Use investigating, identified, monitoring or resolved." },
    ]);
  }
  requireLeafComponents(
    state,
    input.components.map((c) => c.componentId),
    "body.components",
  );
  const displayAt = input.displayAt ?? now;
  const startedAt = input.startedAt ?? displayAt;
  const from: IncidentState = { status: "investigating", startedAt, monitoringAt: null, resolvedAt: null, impactReached: "none", affectedIds: [] };
  const step = planStep(
    state,
    from,
    { to: input.status, displayAt, components: input.components, body: input.body, notify: input.deliverNotifications ?? true },
    ids.updateId,
  );
  return {
    change: "incident.created",
    eventId: ids.eventId,
    kind: "incident",
    create: {
      name: input.name,
      impactOverride: input.impact ?? null,
      startedAt,
      scheduledFor: null,
      scheduledUntil: null,
      autoStart: false,
      autoComplete: false,
      cancelledAt: null,
      postmortemBody: null,
      postmortemPublishedAt: null,
      postmortemUpdatedAt: null,
      ...step.set,
    },
    set: {},
    post: step.post,
    transitions: step.transitions,
    affected: step.affected,
    remove: false,
    times: [startedAt],
  };
}

export function planIncidentUpdatePost(state: EventState, input: IncidentUpdateInput, now: number, updateId: string): EventPlan {
  requirePlausibleTimes(now, [{ field: "body.display_at", at: input.displayAt, kind: "past" }]);
  const event = requireEvent(state, "incident");
  const components = input.components ?? [];
  requireLeafComponents(
    state,
    components.map((c) => c.componentId),
    "body.components",
  );
  const step = {
    to: input.status ?? (event.status as IncidentStatus),
    displayAt: input.displayAt ?? now,
    components,
    body: input.body,
    notify: input.deliverNotifications ?? true,
  };
  return planPost(state, state.affectedIds, step, updateId);
}

/**
 * Resolves an incident left in monitoring, dated at the end of its quiet period (`at`); components
 * someone set after that time keep what they set.
 */
export function planAutoResolve(state: EventState, quietMinutes: number, at: number, updateId: string): EventPlan {
  const releasable = untouchedSince(state.affectedIds, state.lastChangedAt, at);
  return planPost(state, releasable, { to: "resolved", displayAt: at, components: [], body: autoResolveBody(quietMinutes), notify: true }, updateId);
}

export function planEditUpdateBody(state: EventState, updateId: string, body: string): EventPlan {
  const event = requireEvent(state, "incident");
  if (!state.updates.some((u) => u.id === updateId)) throw notFound("Update", "path.updateId");
  return { ...editOf(event, "incident.update_edited", {}), editUpdate: { id: updateId, body } };
}

export function planPostmortem(state: EventState, body: string, publishedAt: number | undefined, now: number): EventPlan {
  requirePlausibleTimes(now, [{ field: "body.published_at", at: publishedAt, kind: "past" }]);
  const event = requireEvent(state, "incident");
  if (event.status !== "resolved" && event.status !== "postmortem") {
    throw refusedByState("incident_not_resolved", "Resolve the incident before publishing its postmortem.", [
      { field: "path.id", message: `Incident is ${event.status}.` },
    ]);
  }
  const at = publishedAt ?? now;
  refuseTimes([
    checkOrder("body.published_at", at, event.startedAt, "published_at is before the incident started: a postmortem cannot be published before its incident."),
    // A replacement is the latest version: it cannot be dated before the first publication.
    event.postmortemPublishedAt === null
      ? null
      : checkOrder(
          "body.published_at",
          at,
          event.postmortemPublishedAt,
          "published_at is before the postmortem was first published; a replacement cannot be older than the original.",
        ),
  ]);
  return editOf(event, "incident.postmortem_published", {
    status: "postmortem",
    postmortemBody: body,
    postmortemPublishedAt: event.postmortemPublishedAt ?? at,
    postmortemUpdatedAt: at,
  });
}

export function planPatchIncident(state: EventState, patch: IncidentPatch, now: number): EventPlan {
  requirePlausibleTimes(now, [{ field: "body.started_at", at: patch.startedAt, kind: "past" }]);
  const event = requireEvent(state, "incident");
  const set: EventPlan["set"] = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.impact !== undefined) set.impactOverride = patch.impact;
  if (patch.startedAt !== undefined) {
    const firstAfterStart = Math.min(...state.updates.map((u) => u.displayAt), event.monitoringAt ?? Infinity, event.resolvedAt ?? Infinity);
    refuseTimes([
      checkOrder(
        "body.started_at",
        firstAfterStart,
        patch.startedAt,
        "started_at cannot be later than the incident's first update, its monitoring or its resolution.",
      ),
    ]);
    set.startedAt = patch.startedAt;
  }
  return editOf(event, "incident.edited", set, [event.startedAt, set.startedAt ?? event.startedAt]);
}

export function planDeleteIncident(state: EventState): EventPlan {
  return { ...editOf(requireEvent(state, "incident"), "incident.deleted", {}), remove: true };
}
