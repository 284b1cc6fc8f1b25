import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/statuspage-summary-github-2022-11-25.json";
import { adminJson, call } from "../helpers/http";
import { dbFingerprint } from "../helpers/fixtures";
import { component } from "./sources";

// The real capture of a hosted page (GitHub's, 2022-11-25): 11 components, one open incident with 7 updates.
const HOST = "githubstatus.test";
const ORIGIN = `http://${HOST}`;
const capture = () => structuredClone(fixture) as typeof fixture;
const importing = (body: Record<string, unknown>) => adminJson("POST", "/import", { host: HOST, ...body });
const publicJson = async (path: string) => (await call(`${ORIGIN}${path}`)).json() as Promise<any>;
const rows = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<any>()
  ).results;

describe("importing a hosted status page", () => {
  it("answers a dry run with what it would create, and writes nothing", async () => {
    const before = await dbFingerprint();
    const { status, json } = await importing({ summary: capture(), dry_run: true });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json).toMatchObject({ dry_run: true, page: { created: true }, created: { components: 11, incidents: 1, maintenances: 0, updates: 7 }, skipped: [] });
    expect(await dbFingerprint()).toBe(before);
  });

  it("creates the page on its host with the same components, order, statuses and incident, keeping the source's times", async () => {
    const { status, json } = await importing({ summary: capture() });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.created).toEqual({ components: 11, incidents: 1, maintenances: 0, updates: 7 });

    const summary = await publicJson("/api/v2/summary.json");
    expect(summary.page.name).toBe("GitHub");
    expect(summary.components.map((c: any) => [c.name, c.status])).toEqual(fixture.components.map((c) => [c.name, c.status]));
    expect(summary.status.indicator).not.toBe("none");
    const [source] = fixture.incidents;
    const [incident] = summary.incidents;
    expect(summary.incidents).toHaveLength(1);
    expect([incident.name, incident.status, incident.impact, incident.started_at, incident.created_at]).toEqual([
      source!.name,
      source!.status,
      source!.impact,
      source!.started_at,
      source!.created_at,
    ]);
    expect(incident.incident_updates.map((u: any) => [u.status, u.body, u.display_at])).toEqual(
      source!.incident_updates.map((u) => [u.status, u.body, u.display_at]),
    );
    expect(incident.components.map((c: any) => c.name).sort()).toEqual(["Packages", "Pages"]);

    const page = await call(`${ORIGIN}/incidents/${incident.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Incident with Packages and Pages");
  });

  it("tells nobody, and the audit log records the import", async () => {
    expect(await rows("SELECT notify FROM outbox WHERE change = 'page.imported'")).toEqual([{ notify: 0 }]);
    expect(await rows("SELECT count(*) AS n FROM notifications")).toEqual([{ n: 0 }]);
    const [audit] = await rows("SELECT actor, action, after FROM audit_log WHERE action = 'page.imported'");
    expect(audit.actor).toBe("api (admin token)");
    expect(JSON.parse(audit.after)).toMatchObject({ source: "https://www.githubstatus.com", created: { components: 11, incidents: 1 } });
  });

  it("changes nothing when the same capture comes again", async () => {
    const before = await dbFingerprint();
    const { status, json } = await importing({ summary: capture() });
    expect(status).toBe(200);
    expect(json).toMatchObject({ page: { created: false }, created: { components: 0, incidents: 0, updates: 0 }, updated: { components: 0, incidents: 0 } });
    expect(json.unchanged).toEqual({ components: 11, incidents: 1, maintenances: 0, updates: 7 });
    expect(await dbFingerprint()).toBe(before);
  });

  it("rewrites what changed at the source: a new update, a component's new status", async () => {
    const later = capture();
    const incident: any = later.incidents[0]!;
    incident.status = "resolved";
    incident.resolved_at = "2022-11-25T16:30:00.000Z";
    incident.incident_updates.unshift({
      ...incident.incident_updates[0]!,
      id: "resolvedupd1",
      status: "resolved",
      body: "This incident has been resolved.",
      created_at: "2022-11-25T16:30:00.000Z",
      display_at: "2022-11-25T16:30:00.000Z",
      affected_components: null,
    });
    later.components.find((c) => c.name === "Packages")!.status = "operational";
    const { status, json } = await importing({ summary: later, incidents: { incidents: [incident] } });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.updated).toEqual({ components: 1, incidents: 1, maintenances: 0, updates: 8 });
    expect(json.unchanged.components).toBe(10);

    const { incidents } = await publicJson("/api/v2/incidents.json");
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: "resolved", resolved_at: "2022-11-25T16:30:00.000Z" });
    expect(incidents[0].incident_updates).toHaveLength(8);
    expect((await publicJson("/api/v2/summary.json")).incidents).toEqual([]);
  });

  it("leaves an incident edited here alone, and says so", async () => {
    const [incident] = (await publicJson("/api/v2/incidents.json")).incidents;
    expect((await adminJson("PATCH", `/incidents/${incident.id}`, { name: "Renamed here" })).status).toBe(200);
    const changed = capture();
    changed.incidents[0]!.name = "Renamed at the source";
    const { json } = await importing({ summary: changed });
    expect(json.skipped).toEqual([{ kind: "incident", source_id: "ljwdk6qml8z8", reason: "Changed here since it was imported: left as it is." }]);
    expect((await publicJson("/api/v2/incidents.json")).incidents[0].name).toBe("Renamed here");
  });
});

describe("a capture that is not one", () => {
  it.each([
    ["a component with an unknown status", (c: any) => (c.summary.components[0].status = "sideways"), "body.summary.components.0.status"],
    ["no components", (c: any) => delete c.summary.components, "body.summary.components"],
    ["an update without a body", (c: any) => delete c.summary.incidents[0].incident_updates[0].body, "body.summary.incidents.0.incident_updates.0.body"],
    ["a time that is not one", (c: any) => (c.summary.incidents[0].created_at = "yesterday"), "body.summary.incidents.0.created_at"],
    ["a bad host", (c: any) => (c.host = "not a host"), "body.host"],
  ])("refuses %s with 422 naming the field, and writes nothing", async (_what, spoil, field) => {
    const before = await dbFingerprint();
    const body: any = { summary: capture(), host: "refused.test" };
    spoil(body);
    const { status, json } = await adminJson("POST", "/import", body);
    expect(status).toBe(422);
    expect(json.error.code).toBe("malformed_capture");
    expect(json.error.details.map((d: any) => d.field)).toContain(field);
    expect(await dbFingerprint()).toBe(before);
  });

  it("refuses times before 2000 with 422, and writes nothing", async () => {
    const before = await dbFingerprint();
    const body = { summary: capture(), host: "early.test" };
    body.summary.incidents[0]!.created_at = "1999-12-31T23:00:00Z";
    const { status, json } = await adminJson("POST", "/import", body);
    expect(status).toBe(422);
    expect(json.error.code).toBe("timestamp_out_of_range");
    expect(json.error.details.map((d: any) => d.field)).toEqual(["body.summary.incidents.0.created_at"]);
    expect(await dbFingerprint()).toBe(before);
  });

  it("refuses a body over 4 MB with 413, and writes nothing", async () => {
    const before = await dbFingerprint();
    const body = { summary: capture(), host: "huge.test" };
    body.summary.incidents[0]!.incident_updates[0]!.body = "x".repeat(5 * 1024 * 1024);
    const { status, json } = await adminJson("POST", "/import", body);
    expect(status).toBe(413);
    expect(json.error.code).toBeDefined();
    expect(await dbFingerprint()).toBe(before);
  });
});

describe("groups, maintenances and components gone from the source", () => {
  const GROUPED = "grouped.test";
  /** A source update that moved one component. */
  const moved = (id: string, status: string, body: string, at: string, component: Record<string, string>) => ({
    id,
    status,
    body,
    created_at: at,
    affected_components: [component],
  });
  const summary = {
    page: { id: "srcpage00002", name: "Grouped", url: "https://status.grouped.example", time_zone: "America/Sao_Paulo", updated_at: "2024-11-14T18:00:00Z" },
    components: [
      component("grp000000001", "Service Desk", 1, { group: true }),
      component("cmp000000002", "Portal", 2, { group_id: "grp000000001" }),
      component("cmp000000001", "Desk", 1, { group_id: "grp000000001" }),
      component("cmp000000003", "API", 3),
    ],
  };
  const maintenance = {
    id: "mnt000000001",
    name: "Database upgrade",
    status: "completed",
    impact: "none",
    created_at: "2024-11-10T12:00:00Z",
    started_at: "2024-11-12T03:00:00Z",
    resolved_at: "2024-11-12T04:00:00Z",
    scheduled_for: "2024-11-12T03:00:00Z",
    scheduled_until: "2024-11-12T04:00:00Z",
    incident_updates: [
      moved("mu0000000002", "completed", "Done.", "2024-11-12T04:00:00Z", {
        code: "cmp000000003",
        name: "API",
        old_status: "under_maintenance",
        new_status: "operational",
      }),
      moved("mu0000000001", "in_progress", "Starting.", "2024-11-12T03:00:00Z", {
        code: "cmp000000003",
        name: "API",
        old_status: "operational",
        new_status: "under_maintenance",
      }),
    ],
  };
  const incident = {
    id: "inc000000001",
    name: "Old gateway errors",
    status: "resolved",
    impact: "major",
    created_at: "2024-11-14T08:56:00Z",
    resolved_at: "2024-11-14T14:00:00Z",
    incident_updates: [
      moved("iu0000000002", "resolved", "Fixed.", "2024-11-14T14:00:00Z", {
        code: "gone00000001",
        name: "Legacy gateway",
        old_status: "major_outage",
        new_status: "operational",
      }),
      moved("iu0000000001", "investigating", "Errors.", "2024-11-14T08:56:00Z", {
        code: "gone00000001",
        name: "Legacy gateway",
        old_status: "operational",
        new_status: "major_outage",
      }),
    ],
  };

  it("keeps groups and their order, maintenances with their windows, and past components as deleted ones that old incidents still name", async () => {
    const { status, json } = await adminJson("POST", "/import", {
      host: GROUPED,
      summary,
      incidents: { incidents: [incident] },
      maintenances: { scheduled_maintenances: [maintenance] },
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.created).toEqual({ components: 5, incidents: 1, maintenances: 1, updates: 4 });

    const origin = `http://${GROUPED}`;
    const components = (await (await call(`${origin}/api/v2/components.json`)).json()) as any;
    const names = components.components.map((c: any) => [
      c.name,
      c.group,
      c.group_id === null ? null : components.components.find((g: any) => g.id === c.group_id)?.name,
    ]);
    expect(names).toEqual([
      ["Service Desk", true, null],
      ["Desk", false, "Service Desk"],
      ["Portal", false, "Service Desk"],
      ["API", false, null],
    ]);

    const maintenances = (await (await call(`${origin}/api/v2/scheduled-maintenances.json`)).json()) as any;
    expect(maintenances.scheduled_maintenances.map((m: any) => [m.name, m.status, Date.parse(m.scheduled_for), Date.parse(m.scheduled_until)])).toEqual([
      ["Database upgrade", "completed", Date.parse("2024-11-12T03:00:00Z"), Date.parse("2024-11-12T04:00:00Z")],
    ]);

    const incidents = (await (await call(`${origin}/api/v2/incidents.json`)).json()) as any;
    const old = incidents.incidents.find((i: any) => i.name === "Old gateway errors");
    expect(old.incident_updates.map((u: any) => u.affected_components?.map((a: any) => a.name))).toEqual([["Legacy gateway"], ["Legacy gateway"]]);
    const [gone] = await rows("SELECT name, deleted_at FROM components WHERE name = 'Legacy gateway'");
    expect(gone.deleted_at).not.toBeNull();
    const changes = await rows("SELECT from_status, to_status, changed_at FROM component_status_changes WHERE incident_id = ? ORDER BY changed_at", old.id);
    expect(changes).toEqual([
      { from_status: "operational", to_status: "major_outage", changed_at: Date.parse("2024-11-14T08:56:00Z") },
      { from_status: "major_outage", to_status: "operational", changed_at: Date.parse("2024-11-14T14:00:00Z") },
    ]);
  });
});
