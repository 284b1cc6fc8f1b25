import { loadEventContext, type NewEvent, replaceAffectedStatements, updateEventStatement } from "../db/queries/events";
import type { RequestedStatus } from "../domain/component-transitions";
import { planMaintenanceUpdate } from "../domain/maintenance-lifecycle";
import type { MaintenanceStatus } from "../domain/statuses";
import { checkOrder } from "../domain/time-bounds";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { WriteContext } from "./context";
import { commitUpdate, requireEvent, requireLeafComponents, settle } from "./events";
import { lifecycleError } from "./incidents";
import { refuseTimes, requirePlausibleTimes } from "./time-guards";

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

function assertWindow(scheduledFor: number, scheduledUntil: number): void {
  refuseTimes([checkOrder("body.scheduled_until", scheduledUntil, scheduledFor, "scheduled_until is before scheduled_for: a window cannot end before it starts.")]);
}

/** The window is a plan (bounded by the plan horizon); display_at records when the plan was posted. */
function requirePlausibleWindow(now: number, times: { scheduledFor?: number; scheduledUntil?: number; displayAt?: number }): void {
  requirePlausibleTimes(now, [
    { field: "body.scheduled_for", at: times.scheduledFor, kind: "plan" },
    { field: "body.scheduled_until", at: times.scheduledUntil, kind: "plan" },
    { field: "body.display_at", at: times.displayAt, kind: "past" },
  ]);
}

export async function createMaintenance(ctx: WriteContext, input: NewMaintenanceInput) {
  const { page, now } = ctx;
  requirePlausibleWindow(now, input);
  assertWindow(input.scheduledFor, input.scheduledUntil);
  await requireLeafComponents(ctx, input.componentIds, "body.component_ids");
  const event: NewEvent = {
    id: newId(),
    pageId: page.id,
    kind: "maintenance",
    name: input.name,
    status: "scheduled",
    startedAt: input.scheduledFor,
    scheduledFor: input.scheduledFor,
    scheduledUntil: input.scheduledUntil,
    autoStart: input.autoStart ?? false,
    autoComplete: input.autoComplete ?? false,
    createdAt: now,
    updatedAt: now,
  };
  await commitUpdate(
    ctx,
    {
      eventId: event.id,
      lastUpdateSeq: 0,
      eventChanges: {},
      status: "scheduled",
      body: input.body,
      displayAt: input.displayAt ?? now,
      deliverNotifications: input.deliverNotifications ?? true,
      transitions: [],
      affectedIds: input.componentIds,
    },
    event,
  );
  return settle(ctx, event.id);
}

export async function postMaintenanceUpdate(ctx: WriteContext, id: string, input: MaintenanceUpdateInput) {
  requirePlausibleTimes(ctx.now, [{ field: "body.display_at", at: input.displayAt, kind: "past" }]);
  const event = await requireEvent(ctx, "maintenance", id);
  const components = input.components ?? [];
  await requireLeafComponents(ctx, components.map((c) => c.componentId), "body.components");
  const context = await loadEventContext(ctx.db, ctx.page.id, id);
  const current = event.status as MaintenanceStatus;
  const displayAt = input.displayAt ?? ctx.now;
  let plan;
  try {
    plan = planMaintenanceUpdate(
      { status: current, startedAt: event.startedAt, resolvedAt: event.resolvedAt, cancelledAt: event.cancelledAt, affectedIds: context.affectedIds },
      { status: input.status ?? current, displayAt, components },
      context,
    );
  } catch (error) {
    lifecycleError(error);
  }
  await commitUpdate(ctx, {
    eventId: id,
    lastUpdateSeq: event.lastUpdateSeq,
    eventChanges: { status: plan.status, startedAt: plan.startedAt, resolvedAt: plan.resolvedAt },
    status: plan.status,
    body: input.body,
    displayAt,
    deliverNotifications: input.deliverNotifications ?? true,
    transitions: plan.transitions,
    affectedIds: [],
  });
  return settle(ctx, id);
}

/** Edits the plan. The start and the components can change only before it starts; the end until it completes. */
export async function patchMaintenance(ctx: WriteContext, id: string, patch: MaintenancePatch) {
  requirePlausibleWindow(ctx.now, patch);
  const event = await requireEvent(ctx, "maintenance", id);
  const notStarted = event.status === "scheduled" && event.cancelledAt === null;
  const refuse = (field: string, message: string) => {
    throw new ApiError(409, "maintenance_started", message, [{ field, message }]);
  };
  if ((patch.scheduledFor !== undefined || patch.componentIds !== undefined) && !notStarted) {
    refuse(patch.scheduledFor !== undefined ? "body.scheduled_for" : "body.component_ids", "Only a maintenance that has not started can change its start or components.");
  }
  if (patch.scheduledUntil !== undefined && event.status === "completed") refuse("body.scheduled_until", "A completed maintenance cannot change its window.");
  const scheduledFor = patch.scheduledFor ?? event.scheduledFor!;
  const scheduledUntil = patch.scheduledUntil ?? event.scheduledUntil!;
  assertWindow(scheduledFor, scheduledUntil);
  if (patch.componentIds) await requireLeafComponents(ctx, patch.componentIds, "body.component_ids");
  const changes: Partial<NewEvent> = { scheduledFor, scheduledUntil, updatedAt: ctx.now };
  if (notStarted) changes.startedAt = scheduledFor;
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.autoStart !== undefined) changes.autoStart = patch.autoStart;
  if (patch.autoComplete !== undefined) changes.autoComplete = patch.autoComplete;
  await ctx.db.batch([
    updateEventStatement(ctx.db, id, changes),
    ...(patch.componentIds ? replaceAffectedStatements(ctx.db, id, patch.componentIds) : []),
  ]);
  return settle(ctx, id, event.startedAt);
}

/** Calls off a maintenance that has not started: it ends as completed, marked cancelled, with an update saying so. */
export async function cancelMaintenance(ctx: WriteContext, id: string, body?: string) {
  const event = await requireEvent(ctx, "maintenance", id);
  if (event.status !== "scheduled" || event.cancelledAt !== null) {
    throw new ApiError(409, "maintenance_started", "Only a scheduled maintenance that has not started can be cancelled; complete it instead.", [
      { field: "path.id", message: `Maintenance is ${event.cancelledAt ? "already cancelled" : event.status}.` },
    ]);
  }
  await commitUpdate(ctx, {
    eventId: id,
    lastUpdateSeq: event.lastUpdateSeq,
    eventChanges: { status: "completed", cancelledAt: ctx.now },
    status: "completed",
    body: body ?? "This scheduled maintenance has been cancelled.",
    displayAt: ctx.now,
    deliverNotifications: true,
    transitions: [],
    affectedIds: [],
  });
  return settle(ctx, id);
}
