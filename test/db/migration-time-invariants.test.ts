import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

// Migration 0003 rebuilds three tables to add CHECKs (SQLite cannot add one in place). D1 runs a
// migration in one transaction, where `PRAGMA foreign_keys=OFF` does nothing, so a careless rebuild
// cascade-deletes the children of the table it drops. This applies the migrations before it to an
// empty database, fills it, applies 0003 and checks that nothing was lost.

const T = Date.parse("2024-11-14T09:45:00Z");
const HOUR = 3_600_000;
const MIGRATION = "0003_time_invariants.sql";
const TABLES = [
  "pages",
  "components",
  "incidents",
  "incident_updates",
  "update_components",
  "incident_components",
  "component_status_changes",
  "uptime_days",
  "rollup_state",
];

type Row = Record<string, unknown>;

const all = async <R = Row>(sql: string) => (await env.DB.prepare(sql).all<R>()).results;
const sorted = (row: Row) => Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));

async function contents(): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of TABLES) {
    const rows = await all(`SELECT *${table === "incidents" ? ", duration_ms" : ""} FROM ${table}`);
    // Column order may change with a rebuild; the rows must not.
    out[table] = rows.map(sorted).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

async function structure() {
  const indexes = await all<{ name: string; tbl_name: string; sql: string | null }>(
    "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name",
  );
  const foreignKeys: Record<string, Row[]> = {};
  const columns: Record<string, Row[]> = {};
  for (const table of TABLES) {
    foreignKeys[table] = (await all(`PRAGMA foreign_key_list(${table})`)).map(({ id: _id, seq: _seq, ...fk }) => sorted(fk));
    foreignKeys[table]!.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    // table_xinfo lists generated columns too: hidden = 2 for a virtual one.
    columns[table] = (await all<Row>(`PRAGMA table_xinfo(${table})`)).map(({ cid: _cid, ...c }) => sorted(c));
    columns[table]!.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }
  return { indexes, foreignKeys, columns };
}

/** Drops every table, children before the parents they reference. */
async function resetDatabase() {
  let left = (await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")).map(
    (t) => t.name,
  );
  const referenced = async (table: string) => {
    for (const other of left) {
      if (other !== table && (await all<{ table: string }>(`PRAGMA foreign_key_list(${other})`)).some((fk) => fk.table === table)) return true;
    }
    return false;
  };
  while (left.length > 0) {
    const leaves: string[] = [];
    for (const table of left) if (!(await referenced(table))) leaves.push(table);
    expect(leaves.length, `cannot order the drops of ${left.join(", ")}`).toBeGreaterThan(0);
    for (const table of leaves) await env.DB.prepare(`DROP TABLE ${table}`).run();
    left = left.filter((t) => !leaves.includes(t));
  }
}

async function fill() {
  const run = (sql: string, ...binds: unknown[]) => env.DB.prepare(sql).bind(...binds);
  await env.DB.batch([
    run(
      "INSERT INTO pages (id, name, url, time_zone, is_default, settings, created_at, updated_at) VALUES ('pagemigrate1', 'Blip', 'https://blip.test', 'America/Sao_Paulo', 1, '{}', ?, ?)",
      T,
      T,
    ),
    run(
      "INSERT INTO components (id, page_id, name, position, status, created_at, updated_at) VALUES ('compdesk0001', 'pagemigrate1', 'Desk', 1, 'partial_outage', ?, ?)",
      T,
      T,
    ),
    run("INSERT INTO components (id, page_id, name, position, created_at, updated_at) VALUES ('compportal01', 'pagemigrate1', 'Portal', 2, ?, ?)", T, T),
    // A resolved incident (duration 5h 23m) with a postmortem, and an open one.
    run(
      `INSERT INTO incidents (id, page_id, kind, name, status, impact_reached, started_at, monitoring_at, resolved_at, postmortem_body, postmortem_published_at, postmortem_updated_at, last_update_seq, created_at, updated_at)
       VALUES ('incresolved1', 'pagemigrate1', 'incident', 'Desk and Portal inaccessible', 'postmortem', 'major', ?, ?, ?, 'What happened', ?, ?, 2, ?, ?)`,
      T,
      T + 4 * HOUR,
      T + 5 * HOUR + 23 * 60_000,
      T + 48 * HOUR,
      T + 48 * HOUR,
      T,
      T + 48 * HOUR,
    ),
    run(
      "INSERT INTO incidents (id, page_id, kind, name, status, impact_reached, started_at, last_update_seq, created_at, updated_at) VALUES ('incopen00001', 'pagemigrate1', 'incident', 'Desk is slow', 'investigating', 'major', ?, 1, ?, ?)",
      T + 72 * HOUR,
      T + 72 * HOUR,
      T + 72 * HOUR,
    ),
    run(
      "INSERT INTO incidents (id, page_id, kind, name, status, started_at, scheduled_for, scheduled_until, auto_start, last_update_seq, created_at, updated_at) VALUES ('maintenance1', 'pagemigrate1', 'maintenance', 'Upgrade', 'scheduled', ?, ?, ?, 1, 1, ?, ?)",
      T + 96 * HOUR,
      T + 96 * HOUR,
      T + 98 * HOUR,
      T,
      T,
    ),
    run(
      "INSERT INTO incident_updates (id, incident_id, seq, status, body, display_at, created_at, updated_at) VALUES ('updres000001', 'incresolved1', 1, 'investigating', 'Looking.', ?, ?, ?)",
      T + 60_000,
      T + 60_000,
      T + 60_000,
    ),
    run(
      "INSERT INTO incident_updates (id, incident_id, seq, status, body, display_at, created_at, updated_at) VALUES ('updres000002', 'incresolved1', 2, 'resolved', 'Fixed.', ?, ?, ?)",
      T + 5 * HOUR + 23 * 60_000,
      T + 6 * HOUR,
      T + 6 * HOUR,
    ),
    run(
      "INSERT INTO incident_updates (id, incident_id, seq, status, body, display_at, created_at, updated_at) VALUES ('updopen00001', 'incopen00001', 1, 'investigating', 'Slow.', ?, ?, ?)",
      T + 72 * HOUR,
      T + 72 * HOUR,
      T + 72 * HOUR,
    ),
    run(
      "INSERT INTO incident_updates (id, incident_id, seq, status, body, display_at, created_at, updated_at) VALUES ('updmaint0001', 'maintenance1', 1, 'scheduled', 'Planned.', ?, ?, ?)",
      T,
      T,
      T,
    ),
    run("INSERT INTO update_components VALUES ('updres000001', 'incresolved1', 'compdesk0001', 'Desk', 'operational', 'major_outage')"),
    run("INSERT INTO update_components VALUES ('updres000002', 'incresolved1', 'compdesk0001', 'Desk', 'major_outage', 'operational')"),
    run("INSERT INTO update_components VALUES ('updopen00001', 'incopen00001', 'compdesk0001', 'Desk', 'operational', 'partial_outage')"),
    run(
      "INSERT INTO incident_components VALUES ('incresolved1', 'compdesk0001'), ('incresolved1', 'compportal01'), ('incopen00001', 'compdesk0001'), ('maintenance1', 'compportal01')",
    ),
    run(
      "INSERT INTO component_status_changes (page_id, component_id, from_status, to_status, changed_at, incident_id, update_id, created_at) VALUES ('pagemigrate1', 'compdesk0001', 'operational', 'major_outage', ?, 'incresolved1', 'updres000001', ?), ('pagemigrate1', 'compdesk0001', 'major_outage', 'operational', ?, 'incresolved1', 'updres000002', ?), ('pagemigrate1', 'compdesk0001', 'operational', 'partial_outage', ?, 'incopen00001', 'updopen00001', ?)",
      T,
      T,
      T + 5 * HOUR,
      T + 6 * HOUR,
      T + 72 * HOUR,
      T + 72 * HOUR,
    ),
    run(
      "INSERT INTO uptime_days VALUES ('pagemigrate1', 'compdesk0001', '2024-11-14', ?, ?, ?, ?, 0, 0, 0, 'major_outage')",
      T - 9 * HOUR,
      T + 15 * HOUR,
      24 * HOUR,
      5 * HOUR,
    ),
    run("INSERT INTO rollup_state (page_id, generation, clean_generation, complete_through) VALUES ('pagemigrate1', 3, 3, '2024-11-14')"),
  ]);
}

describe(`migration ${MIGRATION}`, () => {
  const migrations = env.TEST_MIGRATIONS;
  let before: Awaited<ReturnType<typeof contents>>;
  let structureBefore: Awaited<ReturnType<typeof structure>>;

  beforeAll(async () => {
    const at = migrations.findIndex((m) => m.name === MIGRATION);
    expect(at).toBeGreaterThan(0);
    await resetDatabase();
    await applyD1Migrations(env.DB, migrations.slice(0, at));
    await fill();
    before = await contents();
    structureBefore = await structure();
    // This migration alone: later ones add columns of their own.
    await applyD1Migrations(env.DB, migrations.slice(0, at + 1));
  });

  it("keeps every row of every table, children of the rebuilt tables included", async () => {
    expect(before.incident_updates).toHaveLength(4);
    expect(before.update_components).toHaveLength(3);
    expect(before.incident_components).toHaveLength(4);
    expect(await contents()).toEqual(before);
  });

  it("keeps the generated duration, the indexes and the foreign keys", async () => {
    const after = await structure();
    expect(after.indexes).toEqual(structureBefore.indexes);
    expect(after.foreignKeys).toEqual(structureBefore.foreignKeys);
    expect(after.columns).toEqual(structureBefore.columns);
    expect(after.columns.incidents!.find((c) => c.name === "duration_ms")).toMatchObject({ hidden: 2 });
    const { duration_ms } = (await env.DB.prepare("SELECT duration_ms FROM incidents WHERE id = 'incresolved1'").first<{ duration_ms: number }>())!;
    expect(duration_ms).toBe(5 * HOUR + 23 * 60_000);
    expect(await all("PRAGMA foreign_key_check")).toEqual([]);
  });

  it("leaves the cascades working: deleting an incident still removes its updates and transitions", async () => {
    await env.DB.prepare("DELETE FROM incidents WHERE id = 'incopen00001'").run();
    expect(await all("SELECT id FROM incident_updates WHERE incident_id = 'incopen00001'")).toEqual([]);
    expect(await all("SELECT update_id FROM update_components WHERE incident_id = 'incopen00001'")).toEqual([]);
    expect(await all("SELECT component_id FROM incident_components WHERE incident_id = 'incopen00001'")).toEqual([]);
    expect(await all("SELECT id FROM incident_updates")).toHaveLength(3);
  });

  it("adds the new checks and leaves no working tables behind", async () => {
    const update = env.DB.prepare("UPDATE incident_updates SET display_at = 0 WHERE id = 'updres000001'").run();
    await expect(update).rejects.toThrow(/CHECK constraint failed: incident_updates_times_check/);
    const names = (await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name);
    expect(names.filter((n) => n.startsWith("__"))).toEqual([]);
  });
});
