import {
  getComponent,
  insertComponentStatement,
  lastChangeTimes,
  listSiblings,
  softDeleteComponentStatement,
  transitionStatements,
  updateComponentStatement,
  type NewComponent,
} from "../db/queries/components";
import { bumpRollupGeneration, invalidateDaysStatements } from "../db/queries/uptime";
import type { ComponentRow, StatusMove } from "../db/schema";
import type { ComponentStatus } from "../domain/statuses";
import { startOfLocalDay } from "../domain/time";
import type { Statement } from "../db/reads";
import { requirePlausibleTimes } from "../domain/event-plan";
import { invalid, notFound, refusedByState } from "../lib/errors";
import { newId } from "../lib/ids";
import { fieldChanges } from "./audit-diff";
import { type AuditDetail, type Committed, commit } from "./commit";
import type { WriteContext } from "./context";

export interface ComponentInput {
  name: string;
  description?: string | null;
  group?: boolean;
  groupId?: string | null;
  status?: ComponentStatus;
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  startDate?: string | null;
}

async function requireGroup(ctx: WriteContext, groupId: string, field: string): Promise<void> {
  const group = await getComponent(ctx.db, ctx.page.id, groupId);
  if (!group?.isGroup) {
    throw invalid("invalid_group", "group_id must name a component group on this page.", [{ field, message: "Not a group on this page." }]);
  }
}

export async function requireComponent(ctx: WriteContext, id: string): Promise<ComponentRow> {
  const component = await getComponent(ctx.db, ctx.page.id, id);
  if (!component) throw notFound("Component");
  return component;
}

/**
 * A start date may lie ahead (uptime counts from it), so it is bounded like a plan: a client whose
 * clock runs a year fast would otherwise hide a component's uptime for a year.
 */
function requirePlausibleStartDate(ctx: WriteContext, startDate: string | null | undefined): void {
  const at = startDate ? startOfLocalDay(startDate, ctx.page.timeZone) : undefined;
  requirePlausibleTimes(ctx.now, [{ field: "body.start_date", at, kind: "plan" }]);
}

/** Positions count within the parent: renumber the siblings a component leaves behind. */
async function closeGapStatements(ctx: WriteContext, leaving: ComponentRow) {
  const rest = (await listSiblings(ctx.db, ctx.page.id, leaving.groupId)).filter((s) => s.id !== leaving.id);
  return rest.map((s, i) => updateComponentStatement(ctx.db, s.id, { position: i + 1 }));
}

/** A component change through the one executor; `purges` for what changes how it is named or placed. */
function commitComponents(
  ctx: WriteContext,
  change: string,
  statements: Statement[],
  ids: readonly string[],
  purges: boolean,
  resource: string | null,
  audit: AuditDetail,
  status = 200,
  statusChanges: readonly StatusMove[] = [],
): Promise<Committed> {
  const scope = { eventIds: [], deletedEventIds: [], eventTimes: [] };
  // A status set by hand is news for webhooks (`component_update`); names and order are not.
  return commit(ctx, { change, statements, scope, componentIds: ids, purges, resource, status, audit, notify: statusChanges.length > 0, statusChanges });
}

// What the audit log shows of a component: the fields an operator sets.
const AUDITED = ["name", "description", "groupId", "status", "showcase", "onlyShowIfDegraded", "startDate"] as const;

export interface ComponentCommitted extends Committed {
  componentId: string;
}

export async function createComponent(ctx: WriteContext, input: ComponentInput): Promise<ComponentCommitted> {
  const { db, page, now } = ctx;
  requirePlausibleStartDate(ctx, input.startDate);
  const groupId = input.groupId ?? null;
  if (input.group && groupId) {
    throw invalid("invalid_group", "Groups are one level deep: a group cannot belong to a group.", [
      { field: "body.group_id", message: "Must be null for a group." },
    ]);
  }
  if (input.group && input.status && input.status !== "operational") {
    throw invalid("group_status", "A group's status is rolled up from its components and cannot be set.", [
      { field: "body.status", message: "Not settable on a group." },
    ]);
  }
  if (groupId) await requireGroup(ctx, groupId, "body.group_id");
  const siblings = await listSiblings(db, page.id, groupId);
  const row: NewComponent = {
    id: newId(),
    pageId: page.id,
    groupId,
    isGroup: input.group ?? false,
    name: input.name,
    description: input.description ?? null,
    status: input.status ?? "operational",
    position: siblings.length + 1,
    showcase: input.showcase ?? true,
    onlyShowIfDegraded: input.onlyShowIfDegraded ?? false,
    startDate: input.startDate ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const initial = row.status === "operational" ? [] : [{ componentId: row.id, oldStatus: "operational" as const, newStatus: row.status! }];
  // Inserted operational, then moved by the transition, so even its first status is in the history.
  const statements = [
    insertComponentStatement(db, { ...row, status: "operational" }),
    ...transitionStatements(db, initial, { pageId: page.id, timeZone: page.timeZone, changedAt: now, lastChangedAt: new Map(), now }),
    // A start date in the past gives it closed days the rollup job has to fill.
    bumpRollupGeneration(db, page.id),
  ];
  return {
    ...(await commitComponents(
      ctx,
      "component.created",
      statements,
      [row.id],
      false,
      `component:${row.id}`,
      { after: { name: row.name, group: row.isGroup, groupId } },
      201,
    )),
    componentId: row.id,
  };
}

export async function updateComponent(ctx: WriteContext, id: string, input: Partial<ComponentInput>): Promise<ComponentCommitted> {
  const { db, page, now } = ctx;
  requirePlausibleStartDate(ctx, input.startDate);
  const current = await requireComponent(ctx, id);
  if (current.isGroup && input.status !== undefined) {
    throw invalid("group_status", "A group's status is rolled up from its components and cannot be set.", [
      { field: "body.status", message: "Not settable on a group." },
    ]);
  }
  if (input.groupId && current.isGroup) {
    throw invalid("invalid_group", "Groups are one level deep: a group cannot belong to a group.", [
      { field: "body.group_id", message: "Must be null for a group." },
    ]);
  }
  if (input.groupId) await requireGroup(ctx, input.groupId, "body.group_id");
  const changes: Partial<NewComponent> = { updatedAt: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description;
  if (input.showcase !== undefined) changes.showcase = input.showcase;
  if (input.onlyShowIfDegraded !== undefined) changes.onlyShowIfDegraded = input.onlyShowIfDegraded;
  if (input.startDate !== undefined) changes.startDate = input.startDate;
  const moving = input.groupId !== undefined && input.groupId !== current.groupId;
  if (moving) {
    changes.groupId = input.groupId;
    changes.position = (await listSiblings(db, page.id, input.groupId ?? null)).length + 1;
  }
  const audit = fieldChanges(current, { ...changes, status: input.status }, AUDITED);
  const transitions = input.status && input.status !== current.status ? [{ componentId: id, oldStatus: current.status, newStatus: input.status }] : [];
  const newStart = input.startDate !== undefined && input.startDate !== current.startDate;
  const statements = [
    updateComponentStatement(db, id, changes),
    ...(moving ? await closeGapStatements(ctx, current) : []),
    ...transitionStatements(db, transitions, { pageId: page.id, timeZone: page.timeZone, changedAt: now, lastChangedAt: await lastChangeTimes(db, [id]), now }),
    // A new start date changes which days count: every rolled-up day of it is recomputed.
    ...(newStart ? invalidateDaysStatements(db, page.id, [id], Number.MIN_SAFE_INTEGER) : []),
  ];
  // A new name or group shows in every past incident that names the component.
  const purges = (input.name !== undefined && input.name !== current.name) || moving;
  const change = purges ? "component.renamed" : "component.updated";
  const moves = transitions.map((t) => ({ componentId: t.componentId, from: t.oldStatus, to: t.newStatus }));
  return { ...(await commitComponents(ctx, change, statements, [id], purges, `component:${id}`, audit, 200, moves)), componentId: id };
}

/** Sets the order of one parent's children (top level when `groupId` is null); `ids` must list each exactly once. */
export async function reorderComponents(ctx: WriteContext, groupId: string | null, ids: readonly string[]): Promise<Committed> {
  const { db, page, now } = ctx;
  if (groupId) await requireGroup(ctx, groupId, "body.group_id");
  const siblings = await listSiblings(db, page.id, groupId);
  const expected = new Set(siblings.map((s) => s.id));
  const given = new Set(ids);
  if (given.size !== ids.length || given.size !== expected.size || ![...given].every((id) => expected.has(id))) {
    throw invalid("invalid_order", "ids must list every component of that parent exactly once.", [
      { field: "body.ids", message: `Expected exactly these ids in any order: ${[...expected].join(", ")}` },
    ]);
  }
  const statements = ids.map((id, i) => updateComponentStatement(db, id, { position: i + 1, updatedAt: now }));
  return commitComponents(ctx, "component.reordered", statements, ids, false, `components:${page.id}`, {
    before: { order: siblings.map((c) => c.name) },
    after: { order: ids.map((i) => siblings.find((c) => c.id === i)?.name ?? i) },
  });
}

export async function deleteComponent(ctx: WriteContext, id: string): Promise<Committed> {
  const { db, page, now } = ctx;
  const current = await requireComponent(ctx, id);
  if (current.isGroup && (await listSiblings(db, page.id, id)).length > 0) {
    throw refusedByState("group_not_empty", "Move or delete the group's components first.", [{ field: "path.id", message: "Group has components." }]);
  }
  const statements = [softDeleteComponentStatement(db, id, now), ...(await closeGapStatements(ctx, current))];
  return commitComponents(ctx, "component.deleted", statements, [id], true, null, { target: `component:${id}`, before: { name: current.name } }, 204);
}
