import { eq } from "drizzle-orm";
import { refreshPublicBodies } from "../cache/refresh";
import { deleteEventStatement, getUpdate, listUpdates, loadEventContext, type NewEvent, updateEventStatement } from "../db/queries/events";
import { incidentUpdates } from "../db/schema";
import type { RequestedStatus } from "../domain/component-transitions";
import { LifecycleError, planIncidentUpdate, type PlannedIncidentUpdate } from "../domain/incident-lifecycle";
import type { Impact, IncidentStatus } from "../domain/statuses";
import { checkOrder } from "../domain/time-bounds";
import { ApiError, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { WriteContext } from "./context";
import { commitUpdate, requireEvent, requireLeafComponents, settle } from "./events";
import { refuseTimes, requirePlausibleTimes } from "./time-guards";

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

/** Turns a lifecycle refusal into the API's error envelope: 422 for an impossible time, 409 for a state that forbids the change. */
export function lifecycleError(error: unknown): never {
  if (error instanceof LifecycleError) {
    const impossibleTime = error.code === "timestamp_order";
    throw new ApiError(impossibleTime ? 422 : 409, error.code, error.message, [{ field: impossibleTime ? "body.display_at" : "body.status", message: error.message }]);
  }
  throw error;
}

function toCommit(plan: PlannedIncidentUpdate, input: { body: string; deliverNotifications?: boolean }, displayAt: number) {
  return {
    eventChanges: { status: plan.status, monitoringAt: plan.monitoringAt, resolvedAt: plan.resolvedAt, impactReached: plan.impactReached },
    status: plan.status,
    body: input.body,
    displayAt,
    deliverNotifications: input.deliverNotifications ?? true,
    transitions: plan.transitions,
    affectedIds: [],
  };
}

export async function createIncident(ctx: WriteContext, input: NewIncidentInput) {
  const { db, page, now } = ctx;
  requirePlausibleTimes(now, [
    { field: "body.started_at", at: input.startedAt, kind: "past" },
    { field: "body.display_at", at: input.displayAt, kind: "past" },
  ]);
  if (input.status === "postmortem") {
    throw new ApiError(422, "invalid_transition", "A new incident cannot start in postmortem.", [{ field: "body.status", message: "Use investigating, identified, monitoring or resolved." }]);
  }
  await requireLeafComponents(ctx, input.components.map((c) => c.componentId), "body.components");
  const displayAt = input.displayAt ?? now;
  const startedAt = input.startedAt ?? displayAt;
  const event: NewEvent = {
    id: newId(),
    pageId: page.id,
    kind: "incident",
    name: input.name,
    status: "investigating",
    impactOverride: input.impact ?? null,
    impactReached: "none",
    startedAt,
    lastUpdateSeq: 0,
    createdAt: now,
    updatedAt: now,
  };
  const { componentStatuses, heldElsewhere } = await loadEventContext(db, page.id, "");
  let plan;
  try {
    plan = planIncidentUpdate(
      { status: "investigating", startedAt, monitoringAt: null, resolvedAt: null, impactReached: "none", affectedIds: [] },
      { status: input.status, displayAt, components: input.components },
      { componentStatuses, heldElsewhere },
    );
  } catch (error) {
    lifecycleError(error);
  }
  await commitUpdate(
    ctx,
    { eventId: event.id, lastUpdateSeq: 0, ...toCommit(plan, input, displayAt) },
    event,
  );
  return settle(ctx, event.id);
}

export async function postIncidentUpdate(ctx: WriteContext, id: string, input: IncidentUpdateInput) {
  requirePlausibleTimes(ctx.now, [{ field: "body.display_at", at: input.displayAt, kind: "past" }]);
  const event = await requireEvent(ctx, "incident", id);
  const components = input.components ?? [];
  await requireLeafComponents(ctx, components.map((c) => c.componentId), "body.components");
  const context = await loadEventContext(ctx.db, ctx.page.id, id);
  const displayAt = input.displayAt ?? ctx.now;
  const current = event.status as IncidentStatus;
  let plan;
  try {
    plan = planIncidentUpdate(
      { status: current, startedAt: event.startedAt, monitoringAt: event.monitoringAt, resolvedAt: event.resolvedAt, impactReached: event.impactReached, affectedIds: context.affectedIds },
      { status: input.status ?? current, displayAt, components },
      context,
    );
  } catch (error) {
    lifecycleError(error);
  }
  await commitUpdate(ctx, { eventId: id, lastUpdateSeq: event.lastUpdateSeq, ...toCommit(plan, input, displayAt) });
  return settle(ctx, id);
}

export async function editUpdateBody(ctx: WriteContext, id: string, updateId: string, body: string) {
  await requireEvent(ctx, "incident", id);
  if (!(await getUpdate(ctx.db, id, updateId))) throw notFound("Update", "path.updateId");
  await ctx.db.batch([
    ctx.db.update(incidentUpdates).set({ body, updatedAt: ctx.now }).where(eq(incidentUpdates.id, updateId)),
    updateEventStatement(ctx.db, id, { updatedAt: ctx.now }),
  ]);
  return settle(ctx, id);
}

export async function setPostmortem(ctx: WriteContext, id: string, body: string, publishedAt?: number) {
  requirePlausibleTimes(ctx.now, [{ field: "body.published_at", at: publishedAt, kind: "past" }]);
  const event = await requireEvent(ctx, "incident", id);
  if (event.status !== "resolved" && event.status !== "postmortem") {
    throw new ApiError(409, "incident_not_resolved", "Resolve the incident before publishing its postmortem.", [{ field: "path.id", message: `Incident is ${event.status}.` }]);
  }
  const at = publishedAt ?? ctx.now;
  refuseTimes([
    checkOrder("body.published_at", at, event.startedAt, "published_at is before the incident started: a postmortem cannot be published before its incident."),
    // A replacement is the latest version: it cannot be dated before the first publication.
    event.postmortemPublishedAt === null
      ? null
      : checkOrder("body.published_at", at, event.postmortemPublishedAt, "published_at is before the postmortem was first published; a replacement cannot be older than the original."),
  ]);
  await ctx.db.batch([
    updateEventStatement(ctx.db, id, {
      status: "postmortem",
      postmortemBody: body,
      postmortemPublishedAt: event.postmortemPublishedAt ?? at,
      postmortemUpdatedAt: at,
      updatedAt: ctx.now,
    }),
  ]);
  return settle(ctx, id);
}

export interface IncidentPatch {
  name?: string;
  impact?: Impact | null;
  startedAt?: number;
}

export async function patchIncident(ctx: WriteContext, id: string, patch: IncidentPatch) {
  requirePlausibleTimes(ctx.now, [{ field: "body.started_at", at: patch.startedAt, kind: "past" }]);
  const event = await requireEvent(ctx, "incident", id);
  const changes: Partial<NewEvent> = { updatedAt: ctx.now };
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.impact !== undefined) changes.impactOverride = patch.impact;
  if (patch.startedAt !== undefined) {
    const displayed = (await listUpdates(ctx.db, id)).map((u) => u.displayAt);
    const firstAfterStart = Math.min(...displayed, event.monitoringAt ?? Infinity, event.resolvedAt ?? Infinity);
    refuseTimes([
      checkOrder("body.started_at", firstAfterStart, patch.startedAt, "started_at cannot be later than the incident's first update, its monitoring or its resolution."),
    ]);
    changes.startedAt = patch.startedAt;
  }
  await ctx.db.batch([updateEventStatement(ctx.db, id, changes)]);
  return settle(ctx, id, event.startedAt);
}

export async function deleteIncident(ctx: WriteContext, id: string): Promise<void> {
  const event = await requireEvent(ctx, "incident", id);
  await ctx.db.batch([deleteEventStatement(ctx.db, id)]);
  await refreshPublicBodies(ctx.kv, ctx.db, ctx.page.id, ctx.now, { deletedEventIds: [id], historyAt: [event.startedAt] });
}
