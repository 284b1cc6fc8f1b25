import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { PUBLIC_LIST_PATHS, adminJson, call, getJson } from "../../helpers/http";
import { expectPublicHeaders, newestFirst } from "./shape";

type Obj = Record<string, any>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const ids = (list: Obj[]) => list.map((e) => e.id as string);

const LIST_PATHS = PUBLIC_LIST_PATHS;

async function maintenance(name: string, scheduledFor: number, componentId: string, ...updates: { status: string; body: string }[]) {
  const created = await adminJson("POST", "/maintenances", {
    name,
    body: `${name} is planned.`,
    scheduled_for: iso(scheduledFor),
    scheduled_until: iso(scheduledFor + 2 * HOUR),
    component_ids: [componentId],
  });
  if (created.status !== 201) throw new Error(`maintenance: ${created.status} ${JSON.stringify(created.json)}`);
  const id = created.json.scheduled_maintenance.id as string;
  for (const u of updates) {
    const res = await adminJson("POST", `/maintenances/${id}/updates`, u);
    if (res.status !== 201) throw new Error(`maintenance update: ${res.status} ${JSON.stringify(res.json)}`);
  }
  return id;
}

describe("every public endpoint", () => {
  const now = Date.now();
  const inc: Record<string, string> = {};
  const mnt: Record<string, string> = {};

  beforeAll(async () => {
    await createPage();
    const api = await createComponent({ name: "API" });
    const web = await createComponent({ name: "Website" });
    const db = await createComponent({ name: "Database" });
    const cdn = await createComponent({ name: "CDN" });
    // Created in an order unlike their start times, so sorting is the server's work.
    inc.resolved = (await createIncident({ name: "Resolved", status: "resolved", started_at: iso(now - 1 * HOUR) })).id;
    inc.identified = (await createIncident({ name: "Identified", status: "identified", started_at: iso(now - 4 * HOUR) })).id;
    inc.investigating = (
      await createIncident({
        name: "Investigating",
        started_at: iso(now - 5 * HOUR),
        display_at: iso(now - 4.5 * HOUR),
        components: [{ id: api.id, status: "partial_outage" }],
      })
    ).id;
    inc.monitoring = (await createIncident({ name: "Monitoring", status: "monitoring", started_at: iso(now - 2 * HOUR) })).id;
    inc.old = (await createIncident({ name: "Old", status: "resolved", started_at: iso(now - 30 * DAY), display_at: iso(now - 30 * DAY) })).id;
    await adminJson("POST", `/incidents/${inc.investigating}/updates`, { body: "Second update.", display_at: iso(now - 3 * HOUR) });
    await adminJson("POST", `/incidents/${inc.investigating}/updates`, { body: "Third update.", display_at: iso(now - 2 * HOUR) });

    mnt.later = await maintenance("Later", now + 3 * DAY, db.id);
    mnt.active = await maintenance("Active", now + 1 * HOUR, web.id, { status: "in_progress", body: "Started." });
    mnt.soon = await maintenance("Soon", now + 1 * DAY, db.id);
    mnt.verifying = await maintenance("Verifying", now + 2 * HOUR, cdn.id, { status: "verifying", body: "Checking." });
    mnt.done = await maintenance("Done", now - 2 * DAY, db.id, { status: "in_progress", body: "Started." }, { status: "completed", body: "Done." });
  });

  it.each(LIST_PATHS)("%s answers 200 JSON with open CORS, an ETag and Cache-Control", async (path) => {
    const res = await call(path);
    expectPublicHeaders(res);
    const json = (await res.json()) as Obj;
    expect(Object.keys(json)[0]).toBe("page");
  });

  it("the by-id endpoints answer 200 JSON with open CORS, an ETag and Cache-Control", async () => {
    expectPublicHeaders(await call(`/api/v2/incidents/${inc.investigating}.json`));
    expectPublicHeaders(await call(`/api/v2/scheduled-maintenances/${mnt.active}.json`));
  });

  it("incidents.json lists every incident, any status, newest start first", async () => {
    const { json } = await getJson("/api/v2/incidents.json");
    expect(ids(json.incidents)).toEqual([inc.resolved, inc.monitoring, inc.identified, inc.investigating, inc.old]);
    expect(newestFirst(json.incidents.map((i: Obj) => i.started_at))).toBe(true);
  });

  it("incidents/unresolved.json lists only investigating, identified and monitoring incidents, newest first", async () => {
    const { json } = await getJson("/api/v2/incidents/unresolved.json");
    expect(ids(json.incidents)).toEqual([inc.monitoring, inc.identified, inc.investigating]);
    for (const i of json.incidents) expect(["investigating", "identified", "monitoring"]).toContain(i.status);
  });

  it("scheduled-maintenances.json lists every maintenance, completed included, newest first", async () => {
    const { json } = await getJson("/api/v2/scheduled-maintenances.json");
    expect(ids(json.scheduled_maintenances)).toEqual([mnt.later, mnt.soon, mnt.verifying, mnt.active, mnt.done]);
    expect(json.scheduled_maintenances.map((m: Obj) => m.status)).toEqual(["scheduled", "scheduled", "verifying", "in_progress", "completed"]);
    expect(newestFirst(json.scheduled_maintenances.map((m: Obj) => m.scheduled_for))).toBe(true);
  });

  it("scheduled-maintenances/upcoming.json lists only scheduled ones", async () => {
    const { json } = await getJson("/api/v2/scheduled-maintenances/upcoming.json");
    expect(ids(json.scheduled_maintenances)).toEqual([mnt.later, mnt.soon]);
    for (const m of json.scheduled_maintenances) expect(m.status).toBe("scheduled");
  });

  it("scheduled-maintenances/active.json lists only in_progress and verifying ones", async () => {
    const { json } = await getJson("/api/v2/scheduled-maintenances/active.json");
    expect(ids(json.scheduled_maintenances).sort()).toEqual([mnt.active, mnt.verifying].sort());
    for (const m of json.scheduled_maintenances) expect(["in_progress", "verifying"]).toContain(m.status);
  });

  it("summary.json combines every component, unresolved incidents and upcoming plus active maintenances", async () => {
    const { json } = await getJson("/api/v2/summary.json");
    expect(json.components.map((c: Obj) => c.name)).toEqual(["API", "Website", "Database", "CDN"]);
    expect(ids(json.incidents)).toEqual([inc.monitoring, inc.identified, inc.investigating]);
    expect(ids(json.scheduled_maintenances).sort()).toEqual([mnt.later, mnt.soon, mnt.active, mnt.verifying].sort());
    const status = (await getJson("/api/v2/status.json")).json;
    expect(json.status).toEqual(status.status);
    expect(json.page).toEqual(status.page);
  });

  it("components.json lists every component with its current status", async () => {
    const { json } = await getJson("/api/v2/components.json");
    const byName = Object.fromEntries(json.components.map((c: Obj) => [c.name, c.status]));
    expect(byName).toEqual({ API: "partial_outage", Website: "under_maintenance", Database: "operational", CDN: "under_maintenance" });
  });

  it("updates inside an incident are newest first", async () => {
    const { json } = await getJson(`/api/v2/incidents/${inc.investigating}.json`);
    const updates = json.incident.incident_updates as Obj[];
    expect(updates.map((u) => u.body)).toEqual(["Third update.", "Second update.", "Investigating."]);
    expect(newestFirst(updates.map((u) => u.display_at))).toBe(true);
    expect(Date.parse(updates[2]!.display_at)).toBe(now - 4.5 * HOUR);
    expect(updates.every((u) => u.incident_id === inc.investigating)).toBe(true);
  });

  it("incidents/{id}.json answers the incident as incidents.json lists it", async () => {
    const { json } = await getJson(`/api/v2/incidents/${inc.investigating}.json`);
    expect(Object.keys(json)).toEqual(["page", "incident"]);
    const listed = (await getJson("/api/v2/incidents.json")).json.incidents.find((i: Obj) => i.id === inc.investigating);
    expect(json.incident).toEqual(listed);
    expect(json.incident.components.map((c: Obj) => c.name)).toEqual(["API"]);
    expect(json.incident.impact).toBe("major");
  });

  it("scheduled-maintenances/{id}.json answers the maintenance as the list shows it", async () => {
    const { json } = await getJson(`/api/v2/scheduled-maintenances/${mnt.verifying}.json`);
    expect(Object.keys(json)).toEqual(["page", "scheduled_maintenance"]);
    const listed = (await getJson("/api/v2/scheduled-maintenances.json")).json.scheduled_maintenances.find((m: Obj) => m.id === mnt.verifying);
    expect(json.scheduled_maintenance).toEqual(listed);
    expect(json.scheduled_maintenance.status).toBe("verifying");
    expect(json.scheduled_maintenance.impact).toBe("maintenance");
  });

  it("does not serve a maintenance as an incident, nor an incident as a maintenance", async () => {
    expect((await call(`/api/v2/incidents/${mnt.active}.json`)).status).toBe(404);
    expect((await call(`/api/v2/scheduled-maintenances/${inc.resolved}.json`)).status).toBe(404);
  });

  it("a write shows in every list at once, with a new ETag", async () => {
    const before = await call("/api/v2/incidents/unresolved.json");
    const res = await adminJson("POST", `/incidents/${inc.identified}/updates`, { status: "resolved", body: "Fixed." });
    expect(res.status).toBe(201);
    const after = await call("/api/v2/incidents/unresolved.json");
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
    expect(ids(((await after.json()) as Obj).incidents)).toEqual([inc.monitoring, inc.investigating]);
    const all = (await getJson("/api/v2/incidents.json")).json.incidents as Obj[];
    expect(all.find((i) => i.id === inc.identified)?.status).toBe("resolved");
  });
});
