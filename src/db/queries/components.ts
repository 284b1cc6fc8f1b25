import { and, asc, desc, eq, inArray, isNull, lte, max } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ComponentTransition } from "../../domain/component-transitions";
import type { ComponentStatus } from "../../domain/statuses";
import { localDay, startOfLocalDay } from "../../domain/time";
import type { Db } from "../../env";
import { type ComponentRow, componentStatusChanges, components } from "../schema";
import { componentsUnchangedGuards } from "./guards";
import { invalidateDaysStatements } from "./uptime";
import { chunk } from "../../lib/chunk";
import { type Reads, reads } from "../reads";

export type NewComponent = typeof components.$inferInsert;
type Statement = BatchItem<"sqlite">;

const live = (pageId: string) => and(eq(components.pageId, pageId), isNull(components.deletedAt));

const componentsQuery = (db: Db, pageId: string) =>
  db.select().from(components).where(live(pageId)).orderBy(asc(components.position), asc(components.createdAt));

/** A page's live components by position. */
export const listComponents = (db: Db, pageId: string) => componentsQuery(db, pageId).all();

/** listComponents for a shared batch. */
export const componentsReads = (db: Db, pageId: string): Reads<ComponentRow[]> => reads([componentsQuery(db, pageId)], ([rows]: [ComponentRow[]]) => rows);

export function getComponent(db: Db, pageId: string, id: string) {
  return db
    .select()
    .from(components)
    .where(and(live(pageId), eq(components.id, id)))
    .get();
}

/** Children of a group, or the top level when `groupId` is null. */
export function listSiblings(db: Db, pageId: string, groupId: string | null) {
  return db
    .select()
    .from(components)
    .where(and(live(pageId), groupId === null ? isNull(components.groupId) : eq(components.groupId, groupId)))
    .orderBy(asc(components.position))
    .all();
}

export const insertComponentStatement = (db: Db, row: NewComponent) => db.insert(components).values(row);

export const updateComponentStatement = (db: Db, id: string, changes: Partial<NewComponent>) => db.update(components).set(changes).where(eq(components.id, id));

export const softDeleteComponentStatement = (db: Db, id: string, now: number) =>
  db.update(components).set({ deletedAt: now, updatedAt: now }).where(eq(components.id, id));

/** When each component's status last changed (by its history's own time). */
export async function lastChangeTimes(db: Db, componentIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(componentIds)];
  const out = new Map<string, number>();
  // One bound parameter per id: stay under D1's 100.
  for (const part of chunk(ids, 90)) {
    const rows = await db
      .select({ componentId: componentStatusChanges.componentId, at: max(componentStatusChanges.changedAt) })
      .from(componentStatusChanges)
      .where(inArray(componentStatusChanges.componentId, part))
      .groupBy(componentStatusChanges.componentId)
      .all();
    for (const r of rows) out.set(r.componentId, r.at ?? 0);
  }
  return out;
}

/** Each component's status at `at` by its history (for changes dated before later ones). */
export async function statusesAt(db: Db, componentIds: readonly string[], at: number): Promise<Map<string, ComponentStatus>> {
  const out = new Map<string, ComponentStatus>();
  for (const id of new Set(componentIds)) {
    const [before, first] = await db.batch([
      db
        .select({ status: componentStatusChanges.toStatus })
        .from(componentStatusChanges)
        .where(and(eq(componentStatusChanges.componentId, id), lte(componentStatusChanges.changedAt, at)))
        .orderBy(desc(componentStatusChanges.changedAt), desc(componentStatusChanges.id))
        .limit(1),
      db
        .select({ status: componentStatusChanges.fromStatus })
        .from(componentStatusChanges)
        .where(eq(componentStatusChanges.componentId, id))
        .orderBy(asc(componentStatusChanges.changedAt), asc(componentStatusChanges.id))
        .limit(1),
    ]);
    const status = before[0]?.status ?? first[0]?.status;
    if (status) out.set(id, status);
  }
  return out;
}

// D1 binds at most 100 parameters per statement; a status change row binds 8.
const CHANGE_ROWS_PER_INSERT = 12;

export interface TransitionSource {
  pageId: string;
  /** The page's time zone: its days are what the uptime rollups cut history into. */
  timeZone: string;
  changedAt: number;
  /** When each touched component's status last changed (a back-dated change is re-asserted then). */
  lastChangedAt: ReadonlyMap<string, number>;
  /** For components that changed after `changedAt`: their status at `changedAt`, by their history. */
  statusAtChange?: ReadonlyMap<string, ComponentStatus>;
  now: number;
  incidentId?: string;
  updateId?: string;
}

/**
 * Statements that apply component transitions: the new status on each component and one history
 * row per real change (unchanged statuses leave no history). They abort the batch if a component's
 * status moved since the transitions were planned, and a back-dated change forgets the rolled-up
 * days it rewrites.
 *
 * A back-dated change is recorded at its time; when the component changed again after that time,
 * a second row at its latest change sets the new status again, so the history read in time order
 * ends at the component's current status while keeping every change that was published meanwhile.
 */
export function transitionStatements(db: Db, transitions: readonly ComponentTransition[], source: TransitionSource): Statement[] {
  const changed = transitions.filter((t) => t.oldStatus !== t.newStatus);
  const rows = changed.flatMap((t) => {
    const latest = source.lastChangedAt.get(t.componentId);
    if (latest === undefined || latest <= source.changedAt) return [{ ...t, changedAt: source.changedAt }];
    const then = source.statusAtChange?.get(t.componentId) ?? t.oldStatus;
    return [
      { ...t, oldStatus: then, changedAt: source.changedAt },
      { ...t, changedAt: latest },
    ];
  });
  const statements: Statement[] = componentsUnchangedGuards(db, changed);
  const today = startOfLocalDay(localDay(source.now, source.timeZone), source.timeZone);
  if (changed.length > 0 && source.changedAt < today) {
    statements.push(
      ...invalidateDaysStatements(
        db,
        source.pageId,
        changed.map((t) => t.componentId),
        source.changedAt,
      ),
    );
  }
  for (const t of changed) {
    statements.push(updateComponentStatement(db, t.componentId, { status: t.newStatus, updatedAt: source.now }));
  }
  for (const part of chunk(rows, CHANGE_ROWS_PER_INSERT)) {
    const values = part.map((t) => ({
      pageId: source.pageId,
      componentId: t.componentId,
      fromStatus: t.oldStatus,
      toStatus: t.newStatus,
      changedAt: t.changedAt,
      incidentId: source.incidentId ?? null,
      updateId: source.updateId ?? null,
      createdAt: source.now,
    }));
    statements.push(db.insert(componentStatusChanges).values(values));
  }
  return statements;
}
