import { and, asc, desc, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { type ComponentStatus, isFinishedEvent, UNFINISHED_EVENT_STATUSES } from "../../domain/statuses";
import { reads, type Reads, run } from "../reads";
import type { Db } from "../../env";
import {
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
  /** Rolled-up days from the window's first day on: only loaded by windowSnapshotReads, empty otherwise. */
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
 * with `since`, every one that was going on at or after that time, and the `extra` ones asked for.
 */
function publicEventIds(db: Db, pageId: string, since?: number, extra: readonly string[] = []) {
  const ofPage = (...conditions: (SQL | undefined)[]) =>
    db
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(eq(incidents.pageId, pageId), ...conditions));
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
        inArray(incidents.id, ofPage(inArray(incidents.kind, ["incident", "maintenance"]), inArray(incidents.status, [...UNFINISHED_EVENT_STATUSES]))),
        since === undefined ? undefined : inArray(incidents.id, ofPage(or(gte(incidents.startedAt, since), gte(incidents.resolvedAt, since)))),
        extra.length === 0 ? undefined : inArray(incidents.id, [...new Set(extra)]),
      ),
    );
}

/**
 * The most `extra` events one snapshot may load: their ids are bound in each of five statements,
 * beside the twenty-odd parameters of the rest, under D1's 100.
 */
export const MAX_EXTRA_EVENTS = 40;

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
  return run(db, loadSnapshotReads(db, pageId, only));
}

/** loadSnapshot's reads, for a batch shared with other loaders. */
export function loadSnapshotReads(db: Db, pageId: string, only?: string) {
  const ids = only
    ? db
        .select({ id: incidents.id })
        .from(incidents)
        .where(and(eq(incidents.pageId, pageId), eq(incidents.id, only)))
    : publicEventIds(db, pageId);
  return snapshotReads(db, pageId, ids);
}

/** The snapshot plus the recent past the home page shows (events in a window and rolled-up uptime days), and the `extra` events whatever their age. */
export function windowSnapshotReads(db: Db, pageId: string, window: WindowOptions, extra: readonly string[] = []) {
  return snapshotReads(db, pageId, publicEventIds(db, pageId, window.eventsSince, extra), window.rollupsFrom);
}

function snapshotReads(db: Db, pageId: string, ids: ReturnType<typeof publicEventIds>, rollupsFrom?: string): Reads<PageSnapshot | null> {
  const eventFilter = (column: Parameters<typeof inArray>[0]): SQL => inArray(column, ids);
  // Without a window this query matches nothing; it stays in the batch to keep one batch shape.
  const rollupsQuery = db
    .select()
    .from(uptimeDays)
    .where(and(eq(uptimeDays.pageId, pageId), rollupsFrom === undefined ? sql`0` : gte(uptimeDays.day, rollupsFrom)));
  return reads(
    [
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
    ],
    ([pageRows, componentRows, eventRows, updateRows, transitionRows, affectedRows, rollupRows]: [
      PageRow[],
      ComponentRow[],
      IncidentRow[],
      IncidentUpdateRow[],
      UpdateComponentRow[],
      { incidentId: string; componentId: string }[],
      UptimeDayRow[],
    ]) => {
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
    },
  );
}

const startOf = (row: IncidentRow) => (row.kind === "incident" ? row.startedAt : (row.scheduledFor ?? row.startedAt));

/** The RECENT_LIMIT most recent events of each kind, newest first, as `recentIds` orders them. */
function recentInMemory(events: readonly EventRecord[]): Set<string> {
  const out = new Set<string>();
  for (const kind of ["incident", "maintenance"] as const) {
    events
      .filter((e) => e.row.kind === kind)
      .sort((a, b) => startOf(b.row) - startOf(a.row) || b.row.createdAt - a.row.createdAt)
      .slice(0, RECENT_LIMIT)
      .forEach((e) => {
        out.add(e.row.id);
      });
  }
  return out;
}

/**
 * The events `publicEventIds` would select, from a snapshot that loaded at least those: the page's
 * public bodies from a snapshot loaded for more (a window, extra events).
 */
export function narrowSnapshot(snapshot: PageSnapshot, since?: number): PageSnapshot {
  const recent = recentInMemory(snapshot.events);
  const keep = ({ row }: EventRecord) =>
    recent.has(row.id) || !isFinishedEvent(row.status) || (since !== undefined && (row.startedAt >= since || (row.resolvedAt ?? -Infinity) >= since));
  return { ...snapshot, events: snapshot.events.filter(keep) };
}

/** The snapshot of one event, as `loadSnapshot(db, pageId, id)` loads it; null if it is not there. */
export function eventSnapshot(snapshot: PageSnapshot, id: string): PageSnapshot | null {
  const record = snapshot.events.find((e) => e.row.id === id);
  return record ? { ...snapshot, events: [record], rollups: [], statusChanges: [], statusBefore: new Map() } : null;
}
