import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

// Rows written with raw SQL, bypassing every service check: the schema alone must refuse them.

const T = Date.parse("2025-03-01T12:00:00Z");
const PAGE = "pagechecks01";

type Row = Record<string, string | number | null>;
type Keyed = Row & { id: string };

function insert(table: string, row: Row) {
  const columns = Object.keys(row);
  const sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
  return env.DB.prepare(sql)
    .bind(...Object.values(row))
    .run();
}

let seq = 0;
const uid = (prefix: string) => `${prefix}${String(++seq).padStart(12 - prefix.length, "0")}`;

const component = (overrides: Row = {}): Keyed => ({ id: uid("c"), page_id: PAGE, name: "API", position: 1, created_at: T, updated_at: T, ...overrides });

const incident = (overrides: Row = {}): Keyed => ({
  id: uid("i"),
  page_id: PAGE,
  kind: "incident",
  name: "Outage",
  status: "investigating",
  started_at: T,
  created_at: T,
  updated_at: T,
  ...overrides,
});

const maintenance = (overrides: Row = {}): Keyed =>
  incident({ kind: "maintenance", status: "scheduled", scheduled_for: T, scheduled_until: T + 3_600_000, ...overrides });

const update = (incidentId: string, n: number): Row => ({
  id: uid("u"),
  incident_id: incidentId,
  seq: n,
  status: "investigating",
  body: `Update ${n}`,
  display_at: T,
  created_at: T,
  updated_at: T,
});

beforeAll(async () => {
  await insert("pages", { id: PAGE, name: "Checks", url: "https://checks.test", time_zone: "Etc/UTC", created_at: T, updated_at: T });
});

describe("components", () => {
  it("accepts every listed status and refuses any other", async () => {
    for (const status of ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]) {
      await expect(insert("components", component({ status }))).resolves.toMatchObject({ success: true });
    }
    await expect(insert("components", component({ status: "down" }))).rejects.toThrow(/CHECK constraint failed: components_status_check/);
    await expect(insert("components", component({ status: "Operational" }))).rejects.toThrow(/CHECK constraint failed: components_status_check/);
  });

  it("refuses a group that belongs to a group, and refuses making a grouped component a group", async () => {
    const group = component({ is_group: 1 });
    await insert("components", group);
    await expect(insert("components", component({ group_id: group.id }))).resolves.toMatchObject({ success: true });
    await expect(insert("components", component({ is_group: 1, group_id: group.id }))).rejects.toThrow(/CHECK constraint failed: components_group_flat_check/);

    const child = component({ group_id: group.id });
    await insert("components", child);
    const promote = env.DB.prepare("UPDATE components SET is_group = 1 WHERE id = ?").bind(child.id).run();
    await expect(promote).rejects.toThrow(/CHECK constraint failed: components_group_flat_check/);
  });
});

describe("incidents and maintenances", () => {
  it("refuses an incident with a maintenance status and a maintenance with an incident status", async () => {
    await expect(insert("incidents", incident({ status: "postmortem" }))).resolves.toMatchObject({ success: true });
    await expect(insert("incidents", maintenance({ status: "verifying" }))).resolves.toMatchObject({ success: true });
    await expect(insert("incidents", incident({ status: "scheduled" }))).rejects.toThrow(/CHECK constraint failed: incidents_status_check/);
    await expect(insert("incidents", incident({ status: "completed" }))).rejects.toThrow(/CHECK constraint failed: incidents_status_check/);
    await expect(insert("incidents", maintenance({ status: "resolved" }))).rejects.toThrow(/CHECK constraint failed: incidents_status_check/);
    await expect(insert("incidents", incident({ kind: "outage" }))).rejects.toThrow(/CHECK constraint failed: incidents_status_check/);
  });

  it("refuses an impact outside the list", async () => {
    await expect(insert("incidents", incident({ impact_reached: "critical" }))).resolves.toMatchObject({ success: true });
    await expect(insert("incidents", incident({ impact_reached: "severe" }))).rejects.toThrow(/CHECK constraint failed: incidents_impact_check/);
  });

  it("refuses resolved_at before started_at, on insert and on update", async () => {
    await expect(insert("incidents", incident({ status: "resolved", resolved_at: T }))).resolves.toMatchObject({ success: true });
    await expect(insert("incidents", incident({ status: "resolved", resolved_at: T - 1 }))).rejects.toThrow(
      /CHECK constraint failed: incidents_resolved_after_start_check/,
    );
    const open = incident();
    await insert("incidents", open);
    const backwards = env.DB.prepare("UPDATE incidents SET status = 'resolved', resolved_at = ? WHERE id = ?")
      .bind(T - 60_000, open.id)
      .run();
    await expect(backwards).rejects.toThrow(/CHECK constraint failed: incidents_resolved_after_start_check/);
  });

  it("refuses a maintenance whose window ends before it starts or is missing an end", async () => {
    await expect(insert("incidents", maintenance({ scheduled_until: T }))).resolves.toMatchObject({ success: true });
    await expect(insert("incidents", maintenance({ scheduled_until: T - 1 }))).rejects.toThrow(/CHECK constraint failed: incidents_window_check/);
    await expect(insert("incidents", maintenance({ scheduled_until: null }))).rejects.toThrow(/CHECK constraint failed: incidents_window_check/);
    await expect(insert("incidents", maintenance({ scheduled_for: null }))).rejects.toThrow(/CHECK constraint failed: incidents_window_check/);
  });
});

describe("incident updates", () => {
  it("refuses a second update with the same seq on one incident, but not on another", async () => {
    const a = incident();
    const b = incident();
    await insert("incidents", a);
    await insert("incidents", b);
    await insert("incident_updates", update(a.id, 1));
    await expect(insert("incident_updates", update(a.id, 1))).rejects.toThrow(/UNIQUE constraint failed: incident_updates\.incident_id, incident_updates\.seq/);
    await expect(insert("incident_updates", update(b.id, 1))).resolves.toMatchObject({ success: true });
    await expect(insert("incident_updates", update(a.id, 2))).resolves.toMatchObject({ success: true });

    const { results } = await env.DB.prepare("SELECT incident_id, seq FROM incident_updates ORDER BY incident_id, seq").all();
    expect(results).toEqual([
      { incident_id: a.id, seq: 1 },
      { incident_id: a.id, seq: 2 },
      { incident_id: b.id, seq: 1 },
    ]);
  });
});

describe("times (UTC ms, never before 2000-01-01)", () => {
  const Y2K = Date.parse("2000-01-01T00:00:00Z");

  const statusChange = (componentId: string, overrides: Row = {}): Row => ({
    page_id: PAGE,
    component_id: componentId,
    from_status: "operational",
    to_status: "major_outage",
    changed_at: T,
    created_at: T,
    ...overrides,
  });

  it("refuses an incident or maintenance time before 2000 in any time column, and accepts 2000-01-01 itself", async () => {
    await expect(insert("incidents", incident({ started_at: Y2K, created_at: Y2K, updated_at: Y2K }))).resolves.toMatchObject({ success: true });
    for (const column of ["started_at", "created_at", "updated_at", "postmortem_published_at", "postmortem_updated_at"]) {
      await expect(insert("incidents", incident({ [column]: Y2K - 1 })), column).rejects.toThrow(/CHECK constraint failed: incidents_times_check/);
    }
    // A reset clock writes 1970: zero is refused too.
    await expect(insert("incidents", incident({ started_at: 0 }))).rejects.toThrow(/CHECK constraint failed: incidents_times_check/);
    await expect(insert("incidents", maintenance({ scheduled_for: Y2K - 1, scheduled_until: T, started_at: T }))).rejects.toThrow(
      /CHECK constraint failed: incidents_times_check/,
    );
  });

  it("refuses monitoring_at before started_at, on insert and on update", async () => {
    await expect(insert("incidents", incident({ status: "monitoring", monitoring_at: T }))).resolves.toMatchObject({ success: true });
    await expect(insert("incidents", incident({ status: "monitoring", monitoring_at: T - 1 }))).rejects.toThrow(
      /CHECK constraint failed: incidents_monitoring_after_start_check/,
    );
    const open = incident({ status: "monitoring", monitoring_at: T + 60_000 });
    await insert("incidents", open);
    const later = env.DB.prepare("UPDATE incidents SET started_at = ? WHERE id = ?")
      .bind(T + 120_000, open.id)
      .run();
    await expect(later).rejects.toThrow(/CHECK constraint failed: incidents_monitoring_after_start_check/);
  });

  it("refuses an update whose seq is below 1, or whose times are before 2000", async () => {
    const parent = incident();
    await insert("incidents", parent);
    for (const seqValue of [0, -1]) {
      await expect(insert("incident_updates", { ...update(parent.id, 1), seq: seqValue })).rejects.toThrow(
        /CHECK constraint failed: incident_updates_seq_check/,
      );
    }
    for (const column of ["display_at", "created_at", "updated_at"]) {
      await expect(insert("incident_updates", { ...update(parent.id, 1), [column]: Y2K - 1 }), column).rejects.toThrow(
        /CHECK constraint failed: incident_updates_times_check/,
      );
    }
    await expect(insert("incident_updates", { ...update(parent.id, 1), display_at: Y2K })).resolves.toMatchObject({ success: true });
  });

  it("refuses a component status change dated before 2000", async () => {
    const c = component();
    await insert("components", c);
    await expect(insert("component_status_changes", statusChange(c.id))).resolves.toMatchObject({ success: true });
    for (const column of ["changed_at", "created_at"]) {
      await expect(insert("component_status_changes", statusChange(c.id, { [column]: Y2K - 1 })), column).rejects.toThrow(
        /CHECK constraint failed: component_status_changes_times_check/,
      );
    }
  });
});
