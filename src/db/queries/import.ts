import { eq, sql } from "drizzle-orm";
import { invalid } from "../../lib/errors";
import type { Db } from "../../env";
import { type Reads, reads, type Statement } from "../reads";
import type { ComponentStatus } from "../../domain/statuses";
import { components, type ImportSourceRow, importSources, incidents } from "../schema";
import { guardStatement } from "./guards";

// An import writes hundreds of rows: as JSON arrays read by SQLite's json_each, a dozen statements
// for a whole capture (the free plan allows 50 per request), not 100-parameter chunks. The JSON is
// a quoted SQL literal (drizzle cannot bind parameters to raw statements in a batch), so each
// statement stays under D1's 100 KB limit; a row alone over it is refused.
const MAX_STATEMENT_BYTES = 90_000;
const encoder = new TextEncoder();

function jsonChunks(rows: readonly unknown[][]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    // Measured as it will be sent: each quote doubles in the SQL literal.
    const bytes = encoder.encode(json.replaceAll("'", "''")).length;
    if (bytes > MAX_STATEMENT_BYTES) {
      throw invalid("row_too_large", "One imported row is larger than D1 accepts in a statement.", [{ field: "body", message: `${bytes} bytes.` }]);
    }
    if (current.length > 0 && size + bytes > MAX_STATEMENT_BYTES) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 0;
    }
    current.push(json);
    size += bytes + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}

/** A SQL string literal: in SQLite only the quote itself is escaped (doubled). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** `INSERT INTO table (columns) SELECT value[0], value[1], … FROM json_each('[…]')`, in as many statements as the rows need. */
function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly unknown[][], onConflict = ""): Statement[] {
  const values = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  // "WHERE true" lets SQLite tell an upsert's ON CONFLICT from a join's ON.
  return jsonChunks(rows).map((json) =>
    db.run(sql.raw(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${values} FROM json_each(${literal(json)}) WHERE true ${onConflict}`)),
  );
}

const COMPONENT_COLUMNS = [
  "id",
  "page_id",
  "group_id",
  "is_group",
  "name",
  "description",
  "status",
  "position",
  "showcase",
  "only_show_if_degraded",
  "start_date",
  "created_at",
  "updated_at",
  "deleted_at",
];
const EVENT_COLUMNS = [
  "id",
  "page_id",
  "kind",
  "name",
  "status",
  "impact_reached",
  "started_at",
  "monitoring_at",
  "resolved_at",
  "scheduled_for",
  "scheduled_until",
  "postmortem_body",
  "postmortem_published_at",
  "postmortem_updated_at",
  "last_update_seq",
  "created_at",
  "updated_at",
];
const UPDATE_COLUMNS = ["id", "incident_id", "seq", "status", "body", "display_at", "created_at", "updated_at"];
const UPDATE_COMPONENT_COLUMNS = ["update_id", "incident_id", "component_id", "component_name", "old_status", "new_status"];
const STATUS_CHANGE_COLUMNS = ["page_id", "component_id", "from_status", "to_status", "changed_at", "incident_id", "update_id", "created_at"];
const SOURCE_COLUMNS = ["page_id", "kind", "source_id", "local_id", "fingerprint", "local_version", "imported_at"];

/** An import's rows, each in its table's column order above (built by src/import/plan.ts). */
export interface ImportRows {
  components: unknown[][];
  /** Local ids of events written again: their old rows go first. */
  replacedEvents: string[];
  events: unknown[][];
  updates: unknown[][];
  updateComponents: unknown[][];
  eventComponents: unknown[][];
  statusChanges: unknown[][];
  sources: unknown[][];
}

/** Every statement of an import, in foreign-key order: components, replaced events out, events and what hangs on them, the source ids. */
export function importStatements(db: Db, rows: ImportRows): Statement[] {
  const upsertComponent = `ON CONFLICT (id) DO UPDATE SET ${COMPONENT_COLUMNS.filter((c) => !["id", "page_id", "created_at"].includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}`;
  const replaced = sql.raw(`(SELECT value FROM json_each(${literal(JSON.stringify(rows.replacedEvents))}))`);
  return [
    ...insertRows(db, "components", COMPONENT_COLUMNS, rows.components, upsertComponent),
    ...(rows.replacedEvents.length > 0
      ? [
          db.run(sql`DELETE FROM component_status_changes WHERE incident_id IN ${replaced}`),
          // Updates, their component changes and the event's components go with it (ON DELETE CASCADE).
          db.run(sql`DELETE FROM incidents WHERE id IN ${replaced}`),
        ]
      : []),
    ...insertRows(db, "incidents", EVENT_COLUMNS, rows.events),
    ...insertRows(db, "incident_updates", UPDATE_COLUMNS, rows.updates),
    ...insertRows(db, "update_components", UPDATE_COMPONENT_COLUMNS, rows.updateComponents, "ON CONFLICT DO NOTHING"),
    ...insertRows(db, "incident_components", ["incident_id", "component_id"], rows.eventComponents, "ON CONFLICT DO NOTHING"),
    ...insertRows(db, "component_status_changes", STATUS_CHANGE_COLUMNS, rows.statusChanges),
    ...insertRows(
      db,
      "import_sources",
      SOURCE_COLUMNS,
      rows.sources,
      "ON CONFLICT (page_id, kind, source_id) DO UPDATE SET local_id = excluded.local_id, fingerprint = excluded.fingerprint, local_version = excluded.local_version, imported_at = excluded.imported_at",
    ),
  ];
}

/** What earlier imports brought to a page, and what became of it here. */
export interface ImportState {
  /** By `kind:sourceId`. */
  sources: Map<string, ImportSourceRow>;
  /** Each imported event's version now; absent: deleted here since. */
  eventVersions: Map<string, number>;
  /** The status each of the page's components has now. */
  componentStatuses: Map<string, ComponentStatus>;
}

/** One round trip: the source ids with their events' versions (a join), and the components' statuses. */
export function importStateReads(db: Db, pageId: string): Reads<ImportState> {
  const imported = db
    .select({ source: importSources, version: incidents.version })
    .from(importSources)
    .leftJoin(incidents, eq(incidents.id, importSources.localId))
    .where(eq(importSources.pageId, pageId));
  const statuses = db.select({ id: components.id, status: components.status }).from(components).where(eq(components.pageId, pageId));
  return reads(
    [imported, statuses],
    ([rows, componentRows]: [{ source: ImportSourceRow; version: number | null }[], { id: string; status: ComponentStatus }[]]) => ({
      sources: new Map(rows.map((r) => [`${r.source.kind}:${r.source.sourceId}`, r.source])),
      eventVersions: new Map(rows.flatMap((r) => (r.version === null ? [] : [[r.source.localId, r.version] as const]))),
      componentStatuses: new Map(componentRows.map((c) => [c.id, c.status])),
    }),
  );
}

/** Aborts the batch if an event about to be replaced was edited here since it was imported (it is at version 1 until then). */
export function importedEventsUnchangedGuard(db: Db, ids: readonly string[]): Statement {
  return guardStatement(
    db,
    "event_changed",
    sql.raw(`EXISTS (SELECT 1 FROM incidents WHERE id IN (SELECT value FROM json_each(${literal(JSON.stringify(ids))})) AND version <> 1)`),
  );
}
