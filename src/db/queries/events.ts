import { and, asc, eq, inArray, isNull, max, ne, or, type SQLWrapper, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ComponentTransition } from "../../domain/component-transitions";
import type { ComponentFacts, EventState } from "../../domain/event-plan";
import { ACTIVE_MAINTENANCE_STATUSES, type ComponentStatus, OPEN_INCIDENT_STATUSES } from "../../domain/statuses";
import { chunk } from "../../lib/chunk";
import { reads, type Reads } from "../reads";
import type { Db } from "../../env";
import { componentStatusChanges, components, incidentComponents, incidents, incidentUpdates, updateComponents, type IncidentRow } from "../schema";

// Incidents and maintenances are "events" here: one table, one set of queries.
export type EventKind = IncidentRow["kind"];
export type NewEvent = typeof incidents.$inferInsert;
export type NewUpdate = typeof incidentUpdates.$inferInsert;
type Statement = BatchItem<"sqlite">;

export function getEvent(db: Db, pageId: string, kind: EventKind, id: string) {
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), eq(incidents.kind, kind), eq(incidents.id, id)))
    .get();
}

export function findEventByName(db: Db, pageId: string, kind: EventKind, name: string, startedAt: number) {
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), eq(incidents.kind, kind), eq(incidents.name, name), eq(incidents.startedAt, startedAt)))
    .get();
}

/** What a change to `eventId` (null for a new event) of a page is planned from: one batch, one round trip. */
export function eventStateReads(db: Db, pageId: string, eventId: string | null, componentIds: readonly string[]): Reads<EventState> {
  const id = eventId ?? "";
  const affectedOfEvent = db.select({ id: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, id));
  const lastChanges = (ids: SQLWrapper | string[]) =>
    db
      .select({ componentId: componentStatusChanges.componentId, at: max(componentStatusChanges.changedAt) })
      .from(componentStatusChanges)
      .where(inArray(componentStatusChanges.componentId, ids as never))
      .groupBy(componentStatusChanges.componentId);
  // One statement per run of ids: D1 binds at most 100 parameters per statement.
  const named = chunk([...new Set(componentIds)], IDS_PER_LIST);
  return reads(
    [
      db
        .select()
        .from(incidents)
        .where(and(eq(incidents.pageId, pageId), eq(incidents.id, id))),
      db
        .select({ id: incidentUpdates.id, displayAt: incidentUpdates.displayAt })
        .from(incidentUpdates)
        .where(eq(incidentUpdates.incidentId, id))
        .orderBy(asc(incidentUpdates.seq)),
      // Deleted components keep their place in history but take no part in new transitions.
      db
        .select({ id: incidentComponents.componentId })
        .from(incidentComponents)
        .innerJoin(components, eq(components.id, incidentComponents.componentId))
        .where(and(eq(incidentComponents.incidentId, id), isNull(components.deletedAt))),
      db
        .select({ id: components.id, name: components.name, isGroup: components.isGroup, status: components.status })
        .from(components)
        .where(and(eq(components.pageId, pageId), isNull(components.deletedAt))),
      heldByOthersQuery(db, pageId, id),
      maintainedByOthersQuery(db, pageId, id),
      lastChanges(affectedOfEvent),
      ...named.map((ids) => lastChanges(ids)),
    ],
    ([events, updates, affected, componentRows, holds, maintained, ...changeRuns]: [
      IncidentRow[],
      { id: string; displayAt: number }[],
      { id: string }[],
      ComponentFacts[],
      { eventId: string; componentId: string; status: ComponentStatus }[],
      { eventId: string; componentId: string }[],
      ...{ componentId: string; at: number | null }[][],
    ]) => {
      const changes = changeRuns.flat();
      const heldElsewhere = new Map<string, ComponentStatus[]>();
      const hold = (componentId: string, status: ComponentStatus) => heldElsewhere.set(componentId, [...(heldElsewhere.get(componentId) ?? []), status]);
      const setByUpdates = new Set(holds.map((h) => `${h.eventId}|${h.componentId}`));
      for (const { componentId, status } of holds) hold(componentId, status);
      // Every component another active maintenance covers is held under maintenance, unless one of its updates set it otherwise.
      for (const m of maintained) if (!setByUpdates.has(`${m.eventId}|${m.componentId}`)) hold(m.componentId, "under_maintenance");
      const componentMap = new Map(componentRows.map((c) => [c.id, c]));
      return {
        event: events[0] ?? null,
        updates,
        affectedIds: affected.map((a) => a.id),
        components: componentMap,
        componentStatuses: new Map(componentRows.map((c) => [c.id, c.status])),
        heldElsewhere,
        lastChangedAt: new Map(changes.map((c) => [c.componentId, c.at ?? 0])),
      };
    },
  );
}

// Bound ids per IN list, under D1's 100 parameters.
const IDS_PER_LIST = 80;

/** The latest status each other open event set on each component: the status it still holds. */
function heldByOthersQuery(db: Db, pageId: string, eventId: string) {
  return db
    .select({ eventId: updateComponents.incidentId, componentId: updateComponents.componentId, status: updateComponents.newStatus })
    .from(updateComponents)
    .innerJoin(incidentUpdates, eq(incidentUpdates.id, updateComponents.updateId))
    .innerJoin(incidents, eq(incidents.id, updateComponents.incidentId))
    .where(
      and(
        eq(incidents.pageId, pageId),
        ne(incidents.id, eventId),
        or(
          and(eq(incidents.kind, "incident"), inArray(incidents.status, [...OPEN_INCIDENT_STATUSES])),
          and(eq(incidents.kind, "maintenance"), inArray(incidents.status, [...ACTIVE_MAINTENANCE_STATUSES])),
        ),
        sql`${incidentUpdates.seq} = (SELECT MAX(u2.seq) FROM incident_updates u2 JOIN update_components uc2 ON uc2.update_id = u2.id
          WHERE u2.incident_id = ${incidents.id} AND uc2.component_id = ${updateComponents.componentId})`,
      ),
    );
}

/** Every component another active maintenance covers. */
function maintainedByOthersQuery(db: Db, pageId: string, eventId: string) {
  return db
    .select({ eventId: incidentComponents.incidentId, componentId: incidentComponents.componentId })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(
      and(
        eq(incidents.pageId, pageId),
        ne(incidents.id, eventId),
        eq(incidents.kind, "maintenance"),
        inArray(incidents.status, [...ACTIVE_MAINTENANCE_STATUSES]),
      ),
    );
}

// D1 binds at most 100 parameters per statement: 6 per transition row, 2 per affected-component row.
const TRANSITION_ROWS_PER_INSERT = 16;
const AFFECTED_ROWS_PER_INSERT = 50;

export function affectedStatements(db: Db, eventId: string, componentIds: readonly string[]): Statement[] {
  return chunk([...new Set(componentIds)], AFFECTED_ROWS_PER_INSERT).map((ids) =>
    db
      .insert(incidentComponents)
      .values(ids.map((componentId) => ({ incidentId: eventId, componentId })))
      .onConflictDoNothing(),
  );
}

export function updateWithTransitionsStatements(
  db: Db,
  update: NewUpdate,
  transitions: readonly ComponentTransition[],
  names: ReadonlyMap<string, string>,
): Statement[] {
  const rows = transitions.map((t) => ({
    updateId: update.id,
    incidentId: update.incidentId,
    componentId: t.componentId,
    componentName: names.get(t.componentId) ?? "",
    oldStatus: t.oldStatus,
    newStatus: t.newStatus,
  }));
  return [db.insert(incidentUpdates).values(update), ...chunk(rows, TRANSITION_ROWS_PER_INSERT).map((part) => db.insert(updateComponents).values(part))];
}

export const insertEventStatement = (db: Db, row: NewEvent) => db.insert(incidents).values(row);

export const updateEventStatement = (db: Db, id: string, changes: Partial<NewEvent>) => db.update(incidents).set(changes).where(eq(incidents.id, id));

export const editUpdateBodyStatement = (db: Db, updateId: string, body: string, now: number) =>
  db.update(incidentUpdates).set({ body, updatedAt: now }).where(eq(incidentUpdates.id, updateId));

export const deleteEventStatement = (db: Db, id: string) => db.delete(incidents).where(eq(incidents.id, id));

export function replaceAffectedStatements(db: Db, eventId: string, componentIds: readonly string[]): Statement[] {
  return [db.delete(incidentComponents).where(eq(incidentComponents.incidentId, eventId)), ...affectedStatements(db, eventId, componentIds)];
}
