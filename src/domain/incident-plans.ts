import { invalid, notFound, refusedByState } from "../lib/errors";
import { autoResolveBody } from "./auto-resolve";
import {
  type EventFacts,
  type EventPlan,
  type EventState,
  planned,
  refuseTimes,
  requireLeafComponents,
  requirePlausibleTimes,
  type RequestedStatus,
  statusesOf,
  untouchedSince,
} from "./event-plan";
import { planIncidentUpdate, type PlannedIncidentUpdate } from "./incident-lifecycle";
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

/** New ids for what a plan creates: drawn by the caller, so planning stays pure. */
export interface NewIds {
  eventId: string;
  updateId: string;
}

export function requireEvent(state: EventState, kind: "incident" | "maintenance"): EventFacts {
  if (!state.event || state.event.kind !== kind) throw notFound(kind === "incident" ? "Incident" : "Scheduled maintenance");
  return state.event;
}

const lifecycleOf = (event: EventFacts, affectedIds: readonly string[]) => ({
  status: event.status as IncidentStatus,
  startedAt: event.startedAt,
  monitoringAt: event.monitoringAt,
  resolvedAt: event.resolvedAt,
  impactReached: event.impactReached,
  affectedIds,
});

const fieldsOf = (plan: PlannedIncidentUpdate) => ({
  status: plan.status,
  monitoringAt: plan.monitoringAt,
  resolvedAt: plan.resolvedAt,
  impactReached: plan.impactReached,
});

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
  const plan = planned(() =>
    planIncidentUpdate(
      { status: "investigating", startedAt, monitoringAt: null, resolvedAt: null, impactReached: "none", affectedIds: [] },
      { status: input.status, displayAt, components: input.components },
      { componentStatuses: statusesOf(state), heldElsewhere: state.heldElsewhere },
    ),
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
      ...fieldsOf(plan),
    },
    set: {},
    post: { id: ids.updateId, status: plan.status, body: input.body, displayAt, notify: input.deliverNotifications ?? true },
    transitions: plan.transitions,
    affected: { add: plan.transitions.map((t) => t.componentId) },
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
  const displayAt = input.displayAt ?? now;
  const plan = planned(() =>
    planIncidentUpdate(
      lifecycleOf(event, state.affectedIds),
      { status: input.status ?? (event.status as IncidentStatus), displayAt, components },
      {
        componentStatuses: statusesOf(state),
        heldElsewhere: state.heldElsewhere,
      },
    ),
  );
  return {
    change: "incident.updated",
    eventId: event.id,
    kind: "incident",
    set: fieldsOf(plan),
    post: { id: updateId, status: plan.status, body: input.body, displayAt, notify: input.deliverNotifications ?? true },
    transitions: plan.transitions,
    affected: { add: plan.transitions.map((t) => t.componentId) },
    remove: false,
    times: [event.startedAt],
  };
}

/**
 * Resolves an incident left in monitoring, dated at the end of its quiet period (`at`); components
 * someone set after that time keep what they set.
 */
export function planAutoResolve(state: EventState, quietMinutes: number, at: number, updateId: string): EventPlan {
  const event = requireEvent(state, "incident");
  const releasable = untouchedSince(state.affectedIds, state.lastChangedAt, at);
  const plan = planned(() =>
    planIncidentUpdate(
      lifecycleOf(event, releasable),
      { status: "resolved", displayAt: at, components: [] },
      {
        componentStatuses: statusesOf(state),
        heldElsewhere: state.heldElsewhere,
      },
    ),
  );
  return {
    change: "incident.updated",
    eventId: event.id,
    kind: "incident",
    set: fieldsOf(plan),
    post: { id: updateId, status: plan.status, body: autoResolveBody(quietMinutes), displayAt: at, notify: true },
    transitions: plan.transitions,
    affected: { add: [] },
    remove: false,
    times: [event.startedAt],
  };
}

export function planEditUpdateBody(state: EventState, updateId: string, body: string): EventPlan {
  const event = requireEvent(state, "incident");
  if (!state.updates.some((u) => u.id === updateId)) throw notFound("Update", "path.updateId");
  return {
    change: "incident.update_edited",
    eventId: event.id,
    kind: "incident",
    set: {},
    editUpdate: { id: updateId, body },
    transitions: [],
    affected: { add: [] },
    remove: false,
    times: [event.startedAt],
  };
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
  return {
    change: "incident.postmortem_published",
    eventId: event.id,
    kind: "incident",
    set: { status: "postmortem", postmortemBody: body, postmortemPublishedAt: event.postmortemPublishedAt ?? at, postmortemUpdatedAt: at },
    transitions: [],
    affected: { add: [] },
    remove: false,
    times: [event.startedAt],
  };
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
  return {
    change: "incident.edited",
    eventId: event.id,
    kind: "incident",
    set,
    transitions: [],
    affected: { add: [] },
    remove: false,
    times: [event.startedAt, set.startedAt ?? event.startedAt],
  };
}

export function planDeleteIncident(state: EventState): EventPlan {
  const event = requireEvent(state, "incident");
  return {
    change: "incident.deleted",
    eventId: event.id,
    kind: "incident",
    set: {},
    transitions: [],
    affected: { add: [] },
    remove: true,
    times: [event.startedAt],
  };
}
