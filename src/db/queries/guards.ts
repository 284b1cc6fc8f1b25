import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ComponentTransition } from "../../domain/component-transitions";
import type { Db } from "../../env";
import { chunk } from "../../lib/chunk";
import { writeGuards } from "../schema";

type Statement = BatchItem<"sqlite">;

/**
 * A batch statement that aborts the whole batch when `stale` (a SQL condition) holds at write time:
 * D1 has no interactive transactions, so "write only if nothing changed since I read it" has to be
 * a statement inside the batch, not a read before it. The row it inserts breaks write_guards' CHECK.
 */
export function guardStatement(db: Db, reason: string, stale: SQL): Statement {
  return db.insert(writeGuards).select(sql`SELECT ${reason} WHERE ${stale}`);
}

// Two bound parameters per component, under D1's 100.
const COMPONENTS_PER_GUARD = 45;

/** Aborts the batch if any component a transition changes no longer has the status it was planned from. */
export function componentsUnchangedGuards(db: Db, transitions: readonly ComponentTransition[]): Statement[] {
  const changed = transitions.filter((t) => t.oldStatus !== t.newStatus);
  return chunk(changed, COMPONENTS_PER_GUARD).map((part) => {
    const moved = part.map((t) => sql`(id = ${t.componentId} AND status <> ${t.oldStatus})`);
    return guardStatement(db, "component_changed", sql`EXISTS (SELECT 1 FROM components WHERE ${sql.join(moved, sql` OR `)})`);
  });
}

/** Aborts the batch unless the event still exists at the version it was read at. */
export function eventUnchangedGuard(db: Db, eventId: string, version: number): Statement {
  return guardStatement(db, "event_changed", sql`NOT EXISTS (SELECT 1 FROM incidents WHERE id = ${eventId} AND version = ${version})`);
}
