import { statusesAt, transitionStatements } from "../db/queries/components";
import {
  affectedStatements,
  deleteEventStatement,
  editUpdateBodyStatement,
  eventStateReads,
  getEvent,
  insertEventStatement,
  replaceAffectedStatements,
  updateEventStatement,
  updateWithTransitionsStatements,
} from "../db/queries/events";
import { eventUnchangedGuard } from "../db/queries/guards";
import { run, type Statement } from "../db/reads";
import type { EventKind, EventPlan, EventState } from "../domain/event-plan";
import { conflict, isUniqueViolation, Refusal } from "../lib/errors";
import { type Committed, commit } from "./commit";
import { eventAudit } from "./event-audit";
import type { WriteContext } from "./context";

export interface EventTarget {
  kind: EventKind;
  /** Null for a change that creates the event. */
  id: string | null;
  /** Components the change names (their last change times are read with the state). */
  componentIds?: readonly string[];
  /** Refuse the change unless the event is still at this version (a job read it earlier). */
  expectedVersion?: number;
}

export interface EventCommitted extends Committed {
  eventId: string;
}

/**
 * The one orchestration of every change to an incident or a maintenance, for the admin API and the
 * scheduled jobs alike: read the state in one batch, let pure domain code plan the change from it
 * and `now`, write the plan in one batch (guarded: refused if the event or a component it moves
 * changed since it was read) and publish it.
 */
export async function changeEvent(ctx: WriteContext, target: EventTarget, plan: (state: EventState) => EventPlan, status = 200): Promise<EventCommitted> {
  const state = await run(ctx.db, eventStateReads(ctx.db, ctx.page.id, target.id, target.componentIds ?? []));
  const expected = target.expectedVersion ?? (target.id ? ctx.basedOn : undefined);
  if (expected !== undefined && state.event?.version !== expected) {
    const e = state.event;
    const current = e ? { version: e.version, status: e.status, last_update_seq: e.lastUpdateSeq } : null;
    throw conflict(`This ${target.kind} changed since you opened it (version ${expected}); nothing was written.`, "body.version", current);
  }
  const p = plan(state);
  const statements = await planStatements(ctx, state, p);
  try {
    const committed = await commit(ctx, {
      change: p.change,
      statements,
      scope: { eventIds: p.remove ? [] : [p.eventId], deletedEventIds: p.remove ? [p.eventId] : [], eventTimes: p.times },
      componentIds: p.transitions.map((t) => t.componentId),
      updateId: p.post?.id,
      notify: p.post?.notify ?? false,
      statusChanges: p.transitions.filter((t) => t.oldStatus !== t.newStatus).map((t) => ({ componentId: t.componentId, from: t.oldStatus, to: t.newStatus })),
      resource: p.remove ? null : `${p.kind}:${p.eventId}`,
      status,
      audit: eventAudit(state, p),
    });
    return { ...committed, eventId: p.eventId };
  } catch (error) {
    // Two updates numbered alike: one was written by a path that did not move the event's version.
    const lost = isUniqueViolation(error, "incident_updates") ? conflict("Someone else posted an update at the same moment; reload and try again.") : error;
    if (lost instanceof Refusal && lost.code === "conflict" && target.id) throw await withCurrentVersion(ctx, target.kind, target.id, lost);
    throw lost;
  }
}

/** A lost race, with the event's version as it is now, so the client sees that it changed. */
async function withCurrentVersion(ctx: WriteContext, kind: EventKind, id: string, error: Refusal): Promise<Refusal> {
  const event = await getEvent(ctx.db, ctx.page.id, kind, id).catch(() => undefined);
  const current = event ? { version: event.version, status: event.status, last_update_seq: event.lastUpdateSeq } : null;
  return new Refusal(
    "conflict",
    "conflict",
    `The ${kind} changed since this change was planned (someone else wrote at the same moment); nothing was written. Reload and try again.`,
    error.details,
    current,
  );
}

/** The statements of a plan: the executor's half of the orchestration. */
async function planStatements(ctx: WriteContext, state: EventState, p: EventPlan): Promise<Statement[]> {
  const { db, page, now } = ctx;
  const id = p.eventId;
  const event = state.event;
  const seq = (event?.lastUpdateSeq ?? 0) + 1;
  const touched = p.transitions.map((t) => t.componentId);
  // Rare: a change dated before a component's latest one needs the status it had then (one more read).
  const changedAt = p.post?.displayAt ?? now;
  const overtaken = touched.filter((c) => (state.lastChangedAt.get(c) ?? Number.NEGATIVE_INFINITY) > changedAt);
  const statusAtChange = overtaken.length > 0 ? await statusesAt(db, overtaken, changedAt) : undefined;
  // Transitions keep the component's name as it was, so history reads right after a rename or delete.
  const names = new Map([...state.components.values()].map((c) => [c.id, c.name]));
  const statements: Statement[] = [];
  if (event) statements.push(eventUnchangedGuard(db, id, event.version));
  if (p.remove) return [...statements, deleteEventStatement(db, id)];
  if (p.create)
    statements.push(insertEventStatement(db, { id, pageId: page.id, kind: p.kind, ...p.create, lastUpdateSeq: 0, version: 0, createdAt: now, updatedAt: now }));
  if (p.post) {
    const update = {
      id: p.post.id,
      incidentId: id,
      seq,
      status: p.post.status,
      body: p.post.body,
      displayAt: p.post.displayAt,
      deliverNotifications: p.post.notify,
      createdAt: now,
      updatedAt: now,
    };
    statements.push(...updateWithTransitionsStatements(db, update, p.transitions, names));
  }
  if (p.editUpdate) statements.push(editUpdateBodyStatement(db, p.editUpdate.id, p.editUpdate.body, now));
  statements.push(...("replace" in p.affected ? replaceAffectedStatements(db, id, p.affected.replace) : affectedStatements(db, id, p.affected.add)));
  statements.push(
    ...transitionStatements(db, p.transitions, {
      pageId: page.id,
      timeZone: page.timeZone,
      changedAt,
      lastChangedAt: state.lastChangedAt,
      statusAtChange,
      now,
      incidentId: id,
      updateId: p.post?.id,
    }),
  );
  statements.push(updateEventStatement(db, id, { ...p.set, ...(p.post ? { lastUpdateSeq: seq } : {}), version: (event?.version ?? 0) + 1, updatedAt: now }));
  return statements;
}
