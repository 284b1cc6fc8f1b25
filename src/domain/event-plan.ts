import { type ErrorDetail, invalid, notFound, Refusal, refusedByState } from "../lib/errors";
import type { ComponentTransition, RequestedStatus } from "./component-transitions";
import { LifecycleError, type UpdateContext } from "./incident-lifecycle";
import type { ComponentStatus, Impact } from "./statuses";
import { checkTimes, type TimeInput, type TimeViolation } from "./time-bounds";

export type EventKind = "incident" | "maintenance";

/** What a change did, as the outbox records it (persisted spellings: never rename). */
export const EVENT_CHANGES = [
  "incident.created",
  "incident.updated",
  "incident.update_edited",
  "incident.postmortem_published",
  "incident.edited",
  "incident.deleted",
  "maintenance.scheduled",
  "maintenance.updated",
  "maintenance.edited",
  "maintenance.cancelled",
] as const;
export type EventChange = (typeof EVENT_CHANGES)[number];

/** An incident or maintenance as the planners see it (a row of `incidents`). */
export interface EventFacts {
  id: string;
  kind: EventKind;
  name: string;
  status: string;
  startedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  impactReached: Impact;
  scheduledFor: number | null;
  scheduledUntil: number | null;
  cancelledAt: number | null;
  postmortemPublishedAt: number | null;
  createdAt: number;
  lastUpdateSeq: number;
  version: number;
}

export interface ComponentFacts {
  id: string;
  name: string;
  isGroup: boolean;
  status: ComponentStatus;
}

/** Everything a change to one event is planned from, read in one batch. */
export interface EventState extends UpdateContext {
  /** Null for a change that creates the event. */
  event: EventFacts | null;
  /** The event's updates in posting order (ids and display times). */
  updates: { id: string; displayAt: number }[];
  /** Live components the event affects. */
  affectedIds: string[];
  components: ReadonlyMap<string, ComponentFacts>;
  /** When each component's status last changed, by its history's own time (UTC ms). */
  lastChangedAt: ReadonlyMap<string, number>;
}

/** The columns of an event a plan may set. */
export interface EventFields {
  name: string;
  status: string;
  impactOverride: Impact | null;
  impactReached: Impact;
  startedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  scheduledFor: number | null;
  scheduledUntil: number | null;
  autoStart: boolean;
  autoComplete: boolean;
  cancelledAt: number | null;
  postmortemBody: string | null;
  postmortemPublishedAt: number | null;
  postmortemUpdatedAt: number | null;
}

export interface PlannedUpdate {
  id: string;
  status: string;
  body: string;
  /** UTC ms; back-datable. */
  displayAt: number;
  notify: boolean;
}

/**
 * One change to one event, decided from its state and `now`: what the executor writes in one batch,
 * and what the outbox records. The executor adds the version check, the new version and updated_at.
 */
export interface EventPlan {
  change: EventChange;
  eventId: string;
  kind: EventKind;
  /** A new event: its fields (inserted with version 1). */
  create?: EventFields;
  set: Partial<EventFields>;
  /** An update to append (its seq follows the event's last one). */
  post?: PlannedUpdate;
  editUpdate?: { id: string; body: string };
  transitions: ComponentTransition[];
  /** Components the event now affects too, or (for a plan edit) instead. */
  affected: { add: string[] } | { replace: string[] };
  remove: boolean;
  /** Where the event starts after the change and started before it (UTC ms): the history years it touches. */
  times: number[];
}

/** Throws the 422 refusal of the first failed time check, with every field that failed the same way. */
export function refuseTimes(violations: readonly (TimeViolation | null)[]): void {
  const found = violations.filter((v): v is TimeViolation => v !== null);
  const first = found[0];
  if (!first) return;
  const same = found.filter((v) => v.code === first.code);
  throw invalid(
    first.code,
    first.message,
    same.map((v) => ({ field: v.field, message: v.message })),
  );
}

/** Refuses client-supplied times that are before 2000 or too far ahead of `now` (UTC ms). */
export function requirePlausibleTimes(now: number, times: readonly TimeInput[]): void {
  refuseTimes(checkTimes(times, now));
}

/** A lifecycle refusal as a domain refusal: an impossible time is invalid input, a forbidden move a state conflict. */
export function lifecycleRefusal(error: unknown): never {
  if (error instanceof LifecycleError) {
    if (error.code === "timestamp_order") throw invalid(error.code, error.message, [{ field: "body.display_at", message: error.message }]);
    throw refusedByState(error.code, error.message, [{ field: "body.status", message: error.message }]);
  }
  throw error;
}

/** Runs a lifecycle planner, turning its refusals into domain refusals. */
export function planned<T>(plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (error instanceof Refusal) throw error;
    return lifecycleRefusal(error);
  }
}

/** Checks that every id names a live, non-group component of the page. */
export function requireLeafComponents(state: Pick<EventState, "components">, ids: readonly string[], field: string): void {
  const details: ErrorDetail[] = ids.flatMap((id, i) => {
    const c = state.components.get(id);
    if (!c) return [{ field: `${field}.${i}`, message: `No component ${id} on this page.` }];
    if (c.isGroup) return [{ field: `${field}.${i}`, message: `${c.name} is a group; name its components instead.` }];
    return [];
  });
  if (details.length > 0) throw invalid("unknown_component", "Some components are not components of this page.", details);
}

/** New ids for what a plan creates: drawn by the caller, so planning stays pure. */
export interface NewIds {
  eventId: string;
  updateId: string;
}

/** The event a change is about, of the kind the route names; a 404 refusal otherwise. */
export function requireEvent(state: EventState, kind: EventKind): EventFacts {
  if (!state.event || state.event.kind !== kind) throw notFound(kind === "incident" ? "Incident" : "Scheduled maintenance");
  return state.event;
}

/** A plan that changes only the event's own fields: no update posted, no component moved. */
export function editOf(event: EventFacts, change: EventChange, set: Partial<EventFields>, times: number[] = [event.startedAt]): EventPlan {
  return { change, eventId: event.id, kind: event.kind, set, transitions: [], affected: { add: [] }, remove: false, times };
}

/** Components a job may move at `at`: not those whose status someone changed after that time. */
export function untouchedSince(ids: readonly string[], lastChanges: ReadonlyMap<string, number>, at: number): string[] {
  return ids.filter((id) => (lastChanges.get(id) ?? Number.NEGATIVE_INFINITY) <= at);
}

export type { RequestedStatus };
