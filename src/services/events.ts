import { refreshPublicBodies } from "../cache/refresh";
import { getComponentsByIds, lastChangeTimes, statusesAt, transitionStatements } from "../db/queries/components";
import {
  affectedStatements,
  getEvent,
  insertEventStatement,
  type EventKind,
  type NewEvent,
  updateEventStatement,
  updateWithTransitionsStatements,
} from "../db/queries/events";
import { loadSnapshot } from "../db/queries/snapshot";
import type { IncidentRow } from "../db/schema";
import type { ComponentTransition } from "../domain/component-transitions";
import { Presenter } from "../public-api/present";
import { batchUnlessChanged, eventUnchangedGuard } from "../db/queries/guards";
import { ApiError, conflict, isUniqueViolation, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { WriteContext } from "./context";

export async function requireEvent(ctx: WriteContext, kind: EventKind, id: string): Promise<IncidentRow> {
  const event = await getEvent(ctx.db, ctx.page.id, kind, id);
  if (!event) throw notFound(kind === "incident" ? "Incident" : "Scheduled maintenance");
  return event;
}

/** Checks that every id names a (non-group) component of this page. */
export async function requireLeafComponents(ctx: WriteContext, ids: readonly string[], field: string): Promise<void> {
  const found = new Map((await getComponentsByIds(ctx.db, ctx.page.id, ids)).map((c) => [c.id, c]));
  const details = ids.flatMap((id, i) => {
    const c = found.get(id);
    if (!c) return [{ field: `${field}.${i}`, message: `No component ${id} on this page.` }];
    if (c.isGroup) return [{ field: `${field}.${i}`, message: `${c.name} is a group; name its components instead.` }];
    return [];
  });
  if (details.length > 0) throw new ApiError(422, "unknown_component", "Some components are not components of this page.", details);
}

export interface UpdateToCommit {
  eventId: string;
  /** The seq of the event's latest update when the state was read (0 for a new event). */
  lastUpdateSeq: number;
  eventChanges: Partial<NewEvent>;
  status: string;
  body: string;
  displayAt: number;
  deliverNotifications: boolean;
  transitions: readonly ComponentTransition[];
  affectedIds: readonly string[];
  /** Refuse the write if the event changed after it was read (the scheduled jobs pass it). */
  expectedUpdatedAt?: number;
}

/**
 * Writes one update with everything it changes in a single D1 batch (all or nothing): the update,
 * its component transitions, the components' new statuses and history, and the event's new state.
 * Two operators posting at once both read the same seq; the second batch fails on the unique
 * (incident, seq) index and nothing of it is written.
 */
export async function commitUpdate(ctx: WriteContext, u: UpdateToCommit, insertEvent?: NewEvent): Promise<void> {
  const { db, page, now } = ctx;
  const seq = u.lastUpdateSeq + 1;
  const updateId = newId();
  // Transitions keep the component's name as it was, so history reads right after a rename or delete.
  const touched = u.transitions.map((t) => t.componentId);
  const [found, lastChangedAt] = await Promise.all([getComponentsByIds(db, page.id, touched), lastChangeTimes(db, touched)]);
  const names = new Map(found.map((c) => [c.id, c.name]));
  // Rare: a change dated before the component's latest one needs the status it had then.
  const overtaken = touched.filter((id) => (lastChangedAt.get(id) ?? Number.NEGATIVE_INFINITY) > u.displayAt);
  const statusAtChange = overtaken.length > 0 ? await statusesAt(db, overtaken, u.displayAt) : undefined;
  const statements = [
    ...(u.expectedUpdatedAt !== undefined ? [eventUnchangedGuard(db, u.eventId, u.expectedUpdatedAt)] : []),
    ...(insertEvent ? [insertEventStatement(db, insertEvent)] : []),
    ...updateWithTransitionsStatements(
      db,
      { id: updateId, incidentId: u.eventId, seq, status: u.status, body: u.body, displayAt: u.displayAt, deliverNotifications: u.deliverNotifications, createdAt: now, updatedAt: now },
      u.transitions,
      names,
    ),
    ...affectedStatements(db, u.eventId, [...u.affectedIds, ...u.transitions.map((t) => t.componentId)]),
    ...transitionStatements(db, u.transitions, { pageId: page.id, timeZone: page.timeZone, changedAt: u.displayAt, lastChangedAt, statusAtChange, now, incidentId: u.eventId, updateId }),
    updateEventStatement(db, u.eventId, { ...u.eventChanges, lastUpdateSeq: seq, updatedAt: now }),
  ];
  try {
    await batchUnlessChanged(db, statements);
  } catch (error) {
    if (isUniqueViolation(error, "incident_updates")) throw conflict("Someone else posted an update at the same moment; reload and try again.");
    throw error;
  }
}

/**
 * After a write: refresh the cache, then answer from D1 (admin responses never come from KV).
 * `previousStart` is where the event started before this write, when the write may have moved it.
 */
export async function settle(ctx: WriteContext, eventId: string, previousStart?: number): Promise<unknown> {
  const historyAt = previousStart === undefined ? [] : [previousStart];
  await refreshPublicBodies(ctx.kv, ctx.db, ctx.page.id, ctx.now, { eventIds: [eventId], historyAt });
  return presentEventFromDb(ctx, eventId);
}

export async function presentEventFromDb(ctx: WriteContext, eventId: string) {
  const snapshot = await loadSnapshot(ctx.db, ctx.page.id, eventId);
  const record = snapshot?.events[0];
  if (!snapshot || !record) throw notFound("Event");
  const presenter = new Presenter(snapshot);
  if (record.row.kind === "incident") return presenter.incident(record);
  const { row } = record;
  return { ...presenter.maintenance(record), auto_start: row.autoStart, auto_complete: row.autoComplete, cancelled: row.cancelledAt !== null };
}
