import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { daysAhead, ID, minutesAgo, newSite, site, type Site, UNKNOWN_ID, utc, WINDOW } from "./helpers";

const main = site();
const ids = (list: { id: string }[]) => list.map((x) => x.id);
const statusOf = async (s: Site, id: string) => (await s.fresh("/api/v2/components.json")).components.find((c: { id: string }) => c.id === id).status;

beforeAll(async () => {
  // The default page has its own host so that admin calls on status.test reach it even once other pages exist.
  await createPage({ host: "status.test" });
});

describe("POST /maintenances", () => {
  it("schedules a maintenance; the public upcoming list and summary show it at once, components untouched", async () => {
    const s = await newSite("schedule.test");
    const db = await s.component({ name: "Database" });
    const { scheduled_maintenance: m } = await s.ok("POST", "/maintenances", {
      name: "DB upgrade",
      body: "Upgrading Postgres.",
      ...WINDOW,
      component_ids: [db.id],
    });
    expect(m).toMatchObject({
      id: expect.stringMatching(ID),
      name: "DB upgrade",
      status: "scheduled",
      impact: "maintenance",
      scheduled_for: utc(WINDOW.scheduled_for),
      scheduled_until: utc(WINDOW.scheduled_until),
      started_at: utc(WINDOW.scheduled_for),
      resolved_at: null,
      auto_start: false,
      auto_complete: false,
      cancelled: false,
      shortlink: `https://schedule.test/maintenances/${m.id}`,
      components: [expect.objectContaining({ id: db.id, status: "operational" })],
      incident_updates: [expect.objectContaining({ status: "scheduled", body: "Upgrading Postgres.", affected_components: null })],
    });
    const { auto_start, auto_complete, cancelled, ...publicShape } = m;
    expect((await s.fresh("/api/v2/scheduled-maintenances/upcoming.json")).scheduled_maintenances).toEqual([publicShape]);
    const summary = await s.fresh("/api/v2/summary.json");
    expect(ids(summary.scheduled_maintenances)).toEqual([m.id]);
    expect(summary.status.indicator).toBe("none");
    expect((await s.fresh("/api/v2/scheduled-maintenances/active.json")).scheduled_maintenances).toEqual([]);
    expect((await s.fresh(`/api/v2/scheduled-maintenances/${m.id}.json`)).scheduled_maintenance).toEqual(publicShape);
    expect(await s.ok("GET", `/maintenances/${m.id}`)).toEqual({ scheduled_maintenance: m });
    expect(await statusOf(s, db.id)).toBe("operational");
  });

  it("stores the automation flags", async () => {
    const m = await main.maintenance({ auto_start: true, auto_complete: true });
    expect(m).toMatchObject({ auto_start: true, auto_complete: true });
  });

  it("refuses a window that ends before it starts (422 timestamp_order)", async () => {
    await main.refused(
      "POST",
      "/maintenances",
      { name: "X", body: "X", scheduled_for: WINDOW.scheduled_until, scheduled_until: WINDOW.scheduled_for },
      {
        status: 422,
        code: "timestamp_order",
        field: "body.scheduled_until",
      },
    );
  });

  it("refuses unknown components and groups (422 unknown_component)", async () => {
    const group = await createComponent({ name: "Group", group: true });
    const leaf = await createComponent({ name: "Leaf" });
    const error = await main.refused(
      "POST",
      "/maintenances",
      { name: "X", body: "X", ...WINDOW, component_ids: [leaf.id, UNKNOWN_ID, group.id] },
      { status: 422, code: "unknown_component" },
    );
    expect(error.details.map((d) => d.field)).toEqual(["body.component_ids.1", "body.component_ids.2"]);
  });

  it.each([
    [{ body: "X", ...WINDOW }, "body.name"],
    [{ name: "X", ...WINDOW }, "body.body"],
    [{ name: "X", body: "X", scheduled_until: WINDOW.scheduled_until }, "body.scheduled_for"],
    [{ name: "X", body: "X", ...WINDOW, scheduled_for: "2030-05-01 02:00" }, "body.scheduled_for"],
    [{ name: "X", body: "X", ...WINDOW, component_ids: ["nope"] }, "body.component_ids.0"],
    [{ name: "X", body: "X", ...WINDOW, component_ids: [UNKNOWN_ID, UNKNOWN_ID] }, "body.component_ids"],
    [{ name: "X", body: "X", ...WINDOW, auto_start: 1 }, "body.auto_start"],
    [{ name: "X", body: "X", ...WINDOW, status: "in_progress" }, "body"],
  ])("refuses %j naming %s (400)", async (body, field) => {
    await main.refused("POST", "/maintenances", body, { status: 400, code: "validation_failed", field });
  });
});

describe("PATCH /maintenances/{id} before it starts", () => {
  it("changes the name, window, components and automation; the public API follows", async () => {
    const a = await createComponent({ name: "A" });
    const b = await createComponent({ name: "B" });
    const m = await main.maintenance({ component_ids: [a.id] });
    const { scheduled_maintenance: patched } = await main.ok("PATCH", `/maintenances/${m.id}`, {
      name: "Moved upgrade",
      scheduled_for: daysAhead(60, "02:00"),
      scheduled_until: daysAhead(60, "05:00"),
      component_ids: [b.id],
      auto_start: true,
    });
    expect(patched).toMatchObject({
      name: "Moved upgrade",
      scheduled_for: utc(daysAhead(60, "02:00")),
      scheduled_until: utc(daysAhead(60, "05:00")),
      started_at: utc(daysAhead(60, "02:00")),
      auto_start: true,
      auto_complete: false,
    });
    expect(ids(patched.components)).toEqual([b.id]);
    const upcoming = await main.fresh("/api/v2/scheduled-maintenances/upcoming.json");
    const shown = upcoming.scheduled_maintenances.find((x: { id: string }) => x.id === m.id);
    expect(shown).toMatchObject({ name: "Moved upgrade", scheduled_until: utc(daysAhead(60, "05:00")) });
    expect(ids(shown.components)).toEqual([b.id]);
  });

  it("refuses a window that would end before it starts (422 timestamp_order)", async () => {
    const m = await main.maintenance({});
    await main.refused(
      "PATCH",
      `/maintenances/${m.id}`,
      { scheduled_until: daysAhead(29, "00:00") },
      { status: 422, code: "timestamp_order", field: "body.scheduled_until" },
    );
  });

  it("answers 404 / 400 for unknown ids, incident ids, malformed ids and bad bodies", async () => {
    const m = await main.maintenance({});
    const incident = await createIncident({ name: "Not a maintenance" });
    await main.refused("PATCH", `/maintenances/${UNKNOWN_ID}`, { name: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("PATCH", `/maintenances/${incident.id}`, { name: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("PATCH", "/maintenances/m1", { name: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused(
      "PATCH",
      `/maintenances/${m.id}`,
      { component_ids: [UNKNOWN_ID] },
      { status: 422, code: "unknown_component", field: "body.component_ids.0" },
    );
    await main.refused(
      "PATCH",
      `/maintenances/${m.id}`,
      { scheduled_for: "tomorrow" },
      { status: 400, code: "validation_failed", field: "body.scheduled_for" },
    );
    await main.refused("PATCH", `/maintenances/${m.id}`, { status: "completed" }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("the maintenance lifecycle through the API", () => {
  it("scheduled → in_progress → verifying → completed moves components under maintenance and back", async () => {
    const s = await newSite("maintenance-lifecycle.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const m = await s.maintenance({ component_ids: [db.id] });

    // Started ahead of its window (a start is dated when it happened, never in the future).
    const [startedAt, verifiedAt, completedAt] = [minutesAgo(30), minutesAgo(20), minutesAgo(10)];
    const started = (await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "in_progress", body: "Started.", display_at: startedAt }))
      .scheduled_maintenance;
    expect(started).toMatchObject({ status: "in_progress", started_at: utc(startedAt), resolved_at: null });
    expect(started.incident_updates[0].affected_components).toEqual([
      { code: db.id, name: "Database", old_status: "operational", new_status: "under_maintenance" },
    ]);
    expect(await statusOf(s, db.id)).toBe("under_maintenance");
    expect(await statusOf(s, web.id)).toBe("operational");
    expect((await s.fresh("/api/v2/status.json")).status).toEqual({ indicator: "maintenance", description: "Service Under Maintenance" });
    expect(ids((await s.fresh("/api/v2/scheduled-maintenances/active.json")).scheduled_maintenances)).toEqual([m.id]);
    expect((await s.fresh("/api/v2/scheduled-maintenances/upcoming.json")).scheduled_maintenances).toEqual([]);

    await s.refused(
      "PATCH",
      `/maintenances/${m.id}`,
      { scheduled_for: daysAhead(30, "03:00") },
      { status: 409, code: "maintenance_started", field: "body.scheduled_for" },
    );
    await s.refused("PATCH", `/maintenances/${m.id}`, { component_ids: [web.id] }, { status: 409, code: "maintenance_started", field: "body.component_ids" });
    await s.refused("POST", `/maintenances/${m.id}/cancel`, {}, { status: 409, code: "maintenance_started", field: "path.id" });
    // The end can still move while it runs.
    expect((await s.ok("PATCH", `/maintenances/${m.id}`, { scheduled_until: daysAhead(30, "05:00") })).scheduled_maintenance.scheduled_until).toBe(
      utc(daysAhead(30, "05:00")),
    );

    const verifying = (await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "verifying", body: "Checking.", display_at: verifiedAt }))
      .scheduled_maintenance;
    expect(verifying.status).toBe("verifying");
    expect(await statusOf(s, db.id)).toBe("under_maintenance");

    const completed = (await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "completed", body: "Done.", display_at: completedAt }))
      .scheduled_maintenance;
    expect(completed).toMatchObject({ status: "completed", resolved_at: utc(completedAt), cancelled: false });
    expect(completed.incident_updates.map((u: { status: string }) => u.status)).toEqual(["completed", "verifying", "in_progress", "scheduled"]);
    expect(await statusOf(s, db.id)).toBe("operational");
    const summary = await s.fresh("/api/v2/summary.json");
    expect(summary.scheduled_maintenances).toEqual([]);
    expect(summary.status.indicator).toBe("none");
    expect(ids((await s.fresh("/api/v2/scheduled-maintenances.json")).scheduled_maintenances)).toEqual([m.id]);

    await s.refused(
      "PATCH",
      `/maintenances/${m.id}`,
      { scheduled_until: daysAhead(31, "00:00") },
      { status: 409, code: "maintenance_started", field: "body.scheduled_until" },
    );
    await s.refused(
      "POST",
      `/maintenances/${m.id}/updates`,
      { status: "in_progress", body: "Again." },
      { status: 409, code: "invalid_transition", field: "body.status" },
    );
  });

  it("on completion, a component an open incident holds goes back to the incident's status", async () => {
    const s = await newSite("maintenance-held.test");
    const api = await s.component({ name: "API" });
    const m = await s.maintenance({ component_ids: [api.id] });
    await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "in_progress", body: "Started." });
    await s.incident({ name: "Errors during the upgrade", components: [{ id: api.id, status: "partial_outage" }] });
    await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "completed", body: "Done." });
    expect(await statusOf(s, api.id)).toBe("partial_outage");
  });

  it("refuses to complete a maintenance that never started (409 invalid_transition)", async () => {
    const m = await main.maintenance({});
    await main.refused(
      "POST",
      `/maintenances/${m.id}/updates`,
      { status: "completed", body: "Done." },
      { status: 409, code: "invalid_transition", field: "body.status" },
    );
  });

  it("answers 404 / 400 / 422 on updates for unknown ids, malformed ids, bad bodies and unknown components", async () => {
    const m = await main.maintenance({});
    await main.refused("POST", `/maintenances/${UNKNOWN_ID}/updates`, { body: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("POST", "/maintenances/UNKNOWN/updates", { body: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused(
      "POST",
      `/maintenances/${m.id}/updates`,
      { body: "X", status: "resolved" },
      { status: 400, code: "validation_failed", field: "body.status" },
    );
    await main.refused("POST", `/maintenances/${m.id}/updates`, { status: "in_progress" }, { status: 400, code: "validation_failed", field: "body.body" });
    await main.refused(
      "POST",
      `/maintenances/${m.id}/updates`,
      { body: "X", components: [{ id: UNKNOWN_ID, status: "under_maintenance" }] },
      {
        status: 422,
        code: "unknown_component",
        field: "body.components.0",
      },
    );
  });
});

describe("POST /maintenances/{id}/cancel", () => {
  it("cancels a scheduled maintenance: completed, marked cancelled, gone from upcoming, with an update saying so", async () => {
    const s = await newSite("cancel.test");
    const c = await s.component({ name: "Mail" });
    const m = await s.maintenance({ component_ids: [c.id] });
    const { scheduled_maintenance: cancelled } = await s.ok("POST", `/maintenances/${m.id}/cancel`, undefined, 200);
    expect(cancelled).toMatchObject({ status: "completed", cancelled: true });
    expect(cancelled.incident_updates[0]).toMatchObject({ status: "completed", body: "This scheduled maintenance has been cancelled." });
    expect(await statusOf(s, c.id)).toBe("operational");
    expect((await s.fresh("/api/v2/scheduled-maintenances/upcoming.json")).scheduled_maintenances).toEqual([]);
    expect((await s.fresh("/api/v2/summary.json")).scheduled_maintenances).toEqual([]);
    expect((await s.fresh("/api/v2/scheduled-maintenances.json")).scheduled_maintenances[0]).toMatchObject({ id: m.id, status: "completed" });

    await s.refused("POST", `/maintenances/${m.id}/cancel`, {}, { status: 409, code: "maintenance_started", field: "path.id" });
    await s.refused(
      "POST",
      `/maintenances/${m.id}/updates`,
      { status: "in_progress", body: "Start anyway." },
      { status: 409, code: "invalid_transition", field: "body.status" },
    );
  });

  it("uses the operator's message when one is given", async () => {
    const m = await main.maintenance({});
    const { scheduled_maintenance } = await main.ok("POST", `/maintenances/${m.id}/cancel`, { body: "Postponed to next week." }, 200);
    expect(scheduled_maintenance.incident_updates[0].body).toBe("Postponed to next week.");
  });

  it("answers 404 / 400 for unknown ids, incident ids, malformed ids and bad bodies", async () => {
    const m = await main.maintenance({});
    const incident = await createIncident({ name: "Incident, not maintenance" });
    await main.refused("POST", `/maintenances/${UNKNOWN_ID}/cancel`, {}, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("POST", `/maintenances/${incident.id}/cancel`, {}, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("POST", "/maintenances/-/cancel", {}, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused("POST", `/maintenances/${m.id}/cancel`, { body: "" }, { status: 400, code: "validation_failed", field: "body.body" });
    await main.refused("POST", `/maintenances/${m.id}/cancel`, { reason: "x" }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("GET /maintenances", () => {
  it("lists the page's maintenances and reads one", async () => {
    const s = await newSite("maintenance-list.test");
    const first = await s.maintenance({ name: "First", scheduled_for: daysAhead(10, "00:00"), scheduled_until: daysAhead(10, "01:00") });
    const second = await s.maintenance({ name: "Second", scheduled_for: daysAhead(20, "00:00"), scheduled_until: daysAhead(20, "01:00") });
    expect(ids((await s.ok("GET", "/maintenances")).scheduled_maintenances)).toEqual([second.id, first.id]);
    expect((await s.ok("GET", `/maintenances/${first.id}`)).scheduled_maintenance).toEqual(first);
  });

  it("answers 404 for unknown or incident ids and 400 for malformed ids", async () => {
    const incident = await createIncident({ name: "Only an incident" });
    await main.refused("GET", `/maintenances/${UNKNOWN_ID}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("GET", `/maintenances/${incident.id}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("GET", "/maintenances/ABC", undefined, { status: 400, code: "validation_failed", field: "path.id" });
  });
});
