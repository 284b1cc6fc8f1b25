import { and, asc, desc, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { ComponentStatus } from "../../domain/statuses";
import type { Db } from "../../env";
import {
  componentStatusChanges,
  components,
  incidentComponents,
  incidents,
  incidentUpdates,
  pages,
  updateComponents,
  type ComponentRow,
  type IncidentRow,
  type IncidentUpdateRow,
  type PageRow,
  type StatusChangeRow,
  type UpdateComponentRow,
  type UptimeDayRow,
  uptimeDays,
} from "../schema";

/** The most recent events of each kind that the list endpoints serve. */
export const RECENT_LIMIT = 50;

export interface EventRecord {
  row: IncidentRow;
  /** Newest first (by posting order, not by the back-datable display time). */
  updates: IncidentUpdateRow[];
  transitions: Map<string, UpdateComponentRow[]>;
  componentIds: string[];
}

export interface PageSnapshot {
  page: PageRow;
  components: ComponentRow[];
  events: EventRecord[];
  /** Rolled-up days from the window's first day on: only loaded by loadWindowSnapshot, empty otherwise. */
  rollups: UptimeDayRow[];
  /** Raw status history, for the days the rollups do not cover: loaded separately, empty here. */
  statusChanges: StatusChangeRow[];
  /** Per component, the status in force just before `statusChanges` begin. */
  statusBefore: Map<string, ComponentStatus>;
}

function recentIds(db: Db, pageId: string, kind: "incident" | "maintenance") {
  return db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), eq(incidents.kind, kind)))
    .orderBy(kind === "incident" ? desc(incidents.startedAt) : desc(incidents.scheduledFor), desc(incidents.createdAt))
    .limit(RECENT_LIMIT);
}

/**
 * Ids of every event a public body can show: the recent ones, all that are still open or upcoming,
 * and, with `since`, every one that was going on at or after that time.
 */
function publicEventIds(db: Db, pageId: string, since?: number) {
  const ofPage = (...conditions: (SQL | undefined)[]) => db.select({ id: incidents.id }).from(incidents).where(and(eq(incidents.pageId, pageId), ...conditions));
  // Each branch is its own indexed subquery and the outer query only ORs "id IN (...)" terms, so
  // SQLite looks ids up by primary key instead of scanning every event of the page (a status
  // condition ORed beside them defeats every index).
  return db
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      or(
        inArray(incidents.id, recentIds(db, pageId, "incident")),
        inArray(incidents.id, recentIds(db, pageId, "maintenance")),
        inArray(incidents.id, ofPage(inArray(incidents.kind, ["incident", "maintenance"]), inArray(incidents.status, OPEN_STATUSES))),
        since === undefined ? undefined : inArray(incidents.id, ofPage(or(gte(incidents.startedAt, since), gte(incidents.resolvedAt, since)))),
      ),
    );
}

const OPEN_STATUSES = ["investigating", "identified", "monitoring", "scheduled", "in_progress", "verifying"];

export interface WindowOptions {
  /** Include every event going on at or after this time (UTC ms). */
  eventsSince: number;
  /** Load the rolled-up uptime days from this local day on ("2024-08-17"). */
  rollupsFrom: string;
}

/**
 * Loads what the public bodies of a page are built from, in one D1 round trip (one batch of six
 * queries, whatever the number of incidents). `only` narrows the events to one id.
 */
export function loadSnapshot(db: Db, pageId: string, only?: string): Promise<PageSnapshot | null> {
  const ids = only ? db.select({ id: incidents.id }).from(incidents).where(and(eq(incidents.pageId, pageId), eq(incidents.id, only))) : publicEventIds(db, pageId);
  return load(db, pageId, ids);
}

/** The snapshot plus the recent past the home page shows: events in a window and rolled-up uptime days. */
export function loadWindowSnapshot(db: Db, pageId: string, window: WindowOptions): Promise<PageSnapshot | null> {
  return load(db, pageId, publicEventIds(db, pageId, window.eventsSince), window.rollupsFrom);
}

async function load(db: Db, pageId: string, ids: ReturnType<typeof publicEventIds>, rollupsFrom?: string): Promise<PageSnapshot | null> {
  const eventFilter = (column: Parameters<typeof inArray>[0]): SQL => inArray(column, ids);
  // Without a window this query matches nothing; it stays in the batch to keep one batch shape.
  const rollupsQuery = db
    .select()
    .from(uptimeDays)
    .where(and(eq(uptimeDays.pageId, pageId), rollupsFrom === undefined ? sql`0` : gte(uptimeDays.day, rollupsFrom)));
  const [pageRows, componentRows, eventRows, updateRows, transitionRows, affectedRows, rollupRows] = await db.batch([
    db.select().from(pages).where(eq(pages.id, pageId)),
    db
      .select()
      .from(components)
      .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
      .orderBy(asc(components.position), asc(components.createdAt)),
    db.select().from(incidents).where(eventFilter(incidents.id)),
    db.select().from(incidentUpdates).where(eventFilter(incidentUpdates.incidentId)).orderBy(desc(incidentUpdates.seq)),
    db.select().from(updateComponents).where(eventFilter(updateComponents.incidentId)),
    db.select().from(incidentComponents).where(eventFilter(incidentComponents.incidentId)),
    rollupsQuery,
  ]);
  const page = pageRows[0];
  if (!page) return null;

  const records = new Map<string, EventRecord>();
  for (const row of eventRows) records.set(row.id, { row, updates: [], transitions: new Map(), componentIds: [] });
  for (const update of updateRows) records.get(update.incidentId)?.updates.push(update);
  for (const t of transitionRows) {
    const transitions = records.get(t.incidentId)?.transitions;
    transitions?.set(t.updateId, [...(transitions.get(t.updateId) ?? []), t]);
  }
  for (const a of affectedRows) records.get(a.incidentId)?.componentIds.push(a.componentId);

  return { page, components: componentRows, events: [...records.values()], rollups: rollupRows, statusChanges: [], statusBefore: new Map() };
}
