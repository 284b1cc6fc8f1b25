import { and, asc, eq, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ComponentTransition } from "../../domain/component-transitions";
import { localDay, startOfLocalDay } from "../../domain/time";
import type { Db } from "../../env";
import { componentStatusChanges, components } from "../schema";
import { componentsUnchangedGuards } from "./guards";
import { invalidateDaysStatements } from "./uptime";

export type NewComponent = typeof components.$inferInsert;
type Statement = BatchItem<"sqlite">;

const live = (pageId: string) => and(eq(components.pageId, pageId), isNull(components.deletedAt));

export function listComponents(db: Db, pageId: string) {
  return db.select().from(components).where(live(pageId)).orderBy(asc(components.position), asc(components.createdAt)).all();
}

export function getComponent(db: Db, pageId: string, id: string) {
  return db.select().from(components).where(and(live(pageId), eq(components.id, id))).get();
}

/** Filters the page's components in memory: an IN list of ids would hit D1's 100-parameter limit. */
export async function getComponentsByIds(db: Db, pageId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return (await listComponents(db, pageId)).filter((c) => wanted.has(c.id));
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

export const updateComponentStatement = (db: Db, id: string, changes: Partial<NewComponent>) =>
  db.update(components).set(changes).where(eq(components.id, id));

export const softDeleteComponentStatement = (db: Db, id: string, now: number) =>
  db.update(components).set({ deletedAt: now, updatedAt: now }).where(eq(components.id, id));

// D1 binds at most 100 parameters per statement; a status change row binds 8.
const CHANGE_ROWS_PER_INSERT = 12;

export interface TransitionSource {
  pageId: string;
  /** The page's time zone: its days are what the uptime rollups cut history into. */
  timeZone: string;
  changedAt: number;
  now: number;
  incidentId?: string;
  updateId?: string;
}

/**
 * Statements that apply component transitions: the new status on each component and one history
 * row per real change (unchanged statuses leave no history). They abort the batch if a component's
 * status moved since the transitions were planned, and a back-dated change forgets the rolled-up
 * days it rewrites.
 */
export function transitionStatements(db: Db, transitions: readonly ComponentTransition[], source: TransitionSource): Statement[] {
  const changed = transitions.filter((t) => t.oldStatus !== t.newStatus);
  const statements: Statement[] = componentsUnchangedGuards(db, changed);
  const today = startOfLocalDay(localDay(source.now, source.timeZone), source.timeZone);
  if (changed.length > 0 && source.changedAt < today) {
    statements.push(...invalidateDaysStatements(db, source.pageId, changed.map((t) => t.componentId), source.changedAt));
  }
  for (const t of changed) {
    statements.push(updateComponentStatement(db, t.componentId, { status: t.newStatus, updatedAt: source.now }));
  }
  for (let i = 0; i < changed.length; i += CHANGE_ROWS_PER_INSERT) {
    const rows = changed.slice(i, i + CHANGE_ROWS_PER_INSERT).map((t) => ({
      pageId: source.pageId,
      componentId: t.componentId,
      fromStatus: t.oldStatus,
      toStatus: t.newStatus,
      changedAt: source.changedAt,
      incidentId: source.incidentId ?? null,
      updateId: source.updateId ?? null,
      createdAt: source.now,
    }));
    statements.push(db.insert(componentStatusChanges).values(rows));
  }
  return statements;
}
