import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ComponentTransition } from "../../domain/component-transitions";
import type { ComponentStatus } from "../../domain/statuses";
import type { Db } from "../../env";
import { components, incidentComponents, incidents, incidentUpdates, updateComponents, type IncidentRow } from "../schema";

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

export function getUpdate(db: Db, incidentId: string, updateId: string) {
  return db
    .select()
    .from(incidentUpdates)
    .where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.id, updateId)))
    .get();
}

export interface EventContext {
  affectedIds: string[];
  componentStatuses: Map<string, ComponentStatus>;
  /** Statuses that *other* open incidents and active maintenances hold, per component. */
  heldElsewhere: Map<string, ComponentStatus[]>;
}

/** Everything the lifecycle needs to plan an update to `eventId` (or to a new event, with ""). */
export async function loadEventContext(db: Db, pageId: string, eventId: string): Promise<EventContext> {
  const [affected, statuses, holds, maintained] = await db.batch([
    // Deleted components keep their place in history but take no part in new transitions.
    db
      .select({ id: incidentComponents.componentId })
      .from(incidentComponents)
      .innerJoin(components, eq(components.id, incidentComponents.componentId))
      .where(and(eq(incidentComponents.incidentId, eventId), isNull(components.deletedAt))),
    db
      .select({ id: components.id, status: components.status })
      .from(components)
      .where(and(eq(components.pageId, pageId), isNull(components.deletedAt))),
    // The latest status each other open event set on each component is the status it still holds.
    db
      .select({ eventId: updateComponents.incidentId, componentId: updateComponents.componentId, status: updateComponents.newStatus })
      .from(updateComponents)
      .innerJoin(incidentUpdates, eq(incidentUpdates.id, updateComponents.updateId))
      .innerJoin(incidents, eq(incidents.id, updateComponents.incidentId))
      .where(
        and(
          eq(incidents.pageId, pageId),
          ne(incidents.id, eventId),
          sql`((${incidents.kind} = 'incident' AND ${incidents.status} IN ('investigating', 'identified', 'monitoring'))
            OR (${incidents.kind} = 'maintenance' AND ${incidents.status} IN ('in_progress', 'verifying')))`,
          sql`${incidentUpdates.seq} = (SELECT MAX(u2.seq) FROM incident_updates u2 JOIN update_components uc2 ON uc2.update_id = u2.id
            WHERE u2.incident_id = ${incidents.id} AND uc2.component_id = ${updateComponents.componentId})`,
        ),
      ),
    // Every component another active maintenance covers: held under maintenance unless one of its
    // updates set it to something else.
    db
      .select({ eventId: incidentComponents.incidentId, componentId: incidentComponents.componentId })
      .from(incidentComponents)
      .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
      .where(and(eq(incidents.pageId, pageId), ne(incidents.id, eventId), eq(incidents.kind, "maintenance"), inArray(incidents.status, ["in_progress", "verifying"]))),
  ]);
  const heldElsewhere = new Map<string, ComponentStatus[]>();
  const hold = (componentId: string, status: ComponentStatus) => heldElsewhere.set(componentId, [...(heldElsewhere.get(componentId) ?? []), status]);
  const setByUpdates = new Set(holds.map((h) => `${h.eventId}|${h.componentId}`));
  for (const { componentId, status } of holds) hold(componentId, status);
  for (const m of maintained) if (!setByUpdates.has(`${m.eventId}|${m.componentId}`)) hold(m.componentId, "under_maintenance");
  return {
    affectedIds: affected.map((a) => a.id),
    componentStatuses: new Map(statuses.map((s) => [s.id, s.status])),
    heldElsewhere,
  };
}

// D1 binds at most 100 parameters per statement: 6 per transition row, 2 per affected-component row.
const TRANSITION_ROWS_PER_INSERT = 16;
const AFFECTED_ROWS_PER_INSERT = 50;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function affectedStatements(db: Db, eventId: string, componentIds: readonly string[]): Statement[] {
  return chunks([...new Set(componentIds)], AFFECTED_ROWS_PER_INSERT).map((ids) =>
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
  return [
    db.insert(incidentUpdates).values(update),
    ...chunks(rows, TRANSITION_ROWS_PER_INSERT).map((chunk) => db.insert(updateComponents).values(chunk)),
  ];
}

export const insertEventStatement = (db: Db, row: NewEvent) => db.insert(incidents).values(row);

export const updateEventStatement = (db: Db, id: string, changes: Partial<NewEvent>) =>
  db.update(incidents).set(changes).where(eq(incidents.id, id));

export const deleteEventStatement = (db: Db, id: string) => db.delete(incidents).where(eq(incidents.id, id));

export function replaceAffectedStatements(db: Db, eventId: string, componentIds: readonly string[]): Statement[] {
  return [db.delete(incidentComponents).where(eq(incidentComponents.incidentId, eventId)), ...affectedStatements(db, eventId, componentIds)];
}

export function listUpdates(db: Db, incidentId: string) {
  return db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).orderBy(asc(incidentUpdates.seq)).all();
}
