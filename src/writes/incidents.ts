import {
  type IncidentPatch,
  type IncidentUpdateInput,
  type NewIncidentInput,
  planDeleteIncident,
  planEditUpdateBody,
  planIncidentUpdatePost,
  planOpenIncident,
  planPatchIncident,
  planPostmortem,
} from "../domain/incident-plans";
import { newId } from "../lib/ids";
import type { WriteContext } from "./context";
import { changeEvent } from "./events";

const componentIds = (components: readonly { componentId: string }[] = []) => components.map((c) => c.componentId);

export function createIncident(ctx: WriteContext, input: NewIncidentInput) {
  const ids = { eventId: newId(), updateId: newId() };
  return changeEvent(
    ctx,
    { kind: "incident", id: null, componentIds: componentIds(input.components) },
    (state) => planOpenIncident(state, input, ctx.now, ids),
    201,
  );
}

export function postIncidentUpdate(ctx: WriteContext, id: string, input: IncidentUpdateInput) {
  const updateId = newId();
  return changeEvent(
    ctx,
    { kind: "incident", id, componentIds: componentIds(input.components) },
    (state) => planIncidentUpdatePost(state, input, ctx.now, updateId),
    201,
  );
}

export function editUpdateBody(ctx: WriteContext, id: string, updateId: string, body: string) {
  return changeEvent(ctx, { kind: "incident", id }, (state) => planEditUpdateBody(state, updateId, body));
}

export function setPostmortem(ctx: WriteContext, id: string, body: string, publishedAt?: number) {
  return changeEvent(ctx, { kind: "incident", id }, (state) => planPostmortem(state, body, publishedAt, ctx.now));
}

export function patchIncident(ctx: WriteContext, id: string, patch: IncidentPatch) {
  return changeEvent(ctx, { kind: "incident", id }, (state) => planPatchIncident(state, patch, ctx.now));
}

export function deleteIncident(ctx: WriteContext, id: string) {
  return changeEvent(ctx, { kind: "incident", id }, (state) => planDeleteIncident(state), 204);
}
