import {
  type MaintenancePatch,
  type MaintenanceUpdateInput,
  type NewMaintenanceInput,
  planCancelMaintenance,
  planMaintenanceUpdatePost,
  planPatchMaintenance,
  planScheduleMaintenance,
} from "../domain/maintenance-plans";
import { newId } from "../lib/ids";
import type { WriteContext } from "./context";
import { changeEvent } from "./events";

export function createMaintenance(ctx: WriteContext, input: NewMaintenanceInput) {
  const ids = { eventId: newId(), updateId: newId() };
  return changeEvent(
    ctx,
    { kind: "maintenance", id: null, componentIds: input.componentIds },
    (state) => planScheduleMaintenance(state, input, ctx.now, ids),
    201,
  );
}

export function postMaintenanceUpdate(ctx: WriteContext, id: string, input: MaintenanceUpdateInput) {
  const updateId = newId();
  const componentIds = (input.components ?? []).map((c) => c.componentId);
  return changeEvent(ctx, { kind: "maintenance", id, componentIds }, (state) => planMaintenanceUpdatePost(state, input, ctx.now, updateId), 201);
}

export function patchMaintenance(ctx: WriteContext, id: string, patch: MaintenancePatch) {
  return changeEvent(ctx, { kind: "maintenance", id, componentIds: patch.componentIds ?? [] }, (state) => planPatchMaintenance(state, patch, ctx.now));
}

export function cancelMaintenance(ctx: WriteContext, id: string, body?: string) {
  const updateId = newId();
  return changeEvent(ctx, { kind: "maintenance", id }, (state) => planCancelMaintenance(state, body, ctx.now, updateId));
}
