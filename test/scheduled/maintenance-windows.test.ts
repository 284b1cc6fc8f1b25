import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countingEnv, dbFingerprint } from "../helpers/fixtures";
import { runCron } from "../helpers/scheduled";
import { EVERY_MINUTE } from "../../src/scheduled";
import { newSite, rowCount, type Site } from "../routes/admin/helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const START_BODY = "Scheduled maintenance is now in progress. We will provide updates as necessary.";
const COMPLETE_BODY = "The scheduled maintenance has been completed.";

// Maintenances are entered now (real clock) for windows in the coming days; each test has its own
// day, so a tick of one test finds the earlier tests' maintenances already done or never due.
const BASE = Math.ceil(Date.now() / HOUR) * HOUR + DAY;
const windowOn = (day: number) => ({ from: BASE + day * DAY, until: BASE + day * DAY + 2 * HOUR });

type Update = { status: string; body: string; display_at: string; created_at: string; affected_components: unknown[] | null };

async function maintenanceOf(s: Site, id: string) {
  return (await s.ok("GET", `/maintenances/${id}`, undefined, 200)).scheduled_maintenance;
}

async function statusOf(s: Site, componentId: string): Promise<string> {
  return (await s.fresh("/api/v2/components.json")).components.find((c: { id: string }) => c.id === componentId).status;
}

async function schedule(s: Site, window: { from: number; until: number }, body: Record<string, unknown>) {
  return s.maintenance({
    name: "Database upgrade",
    body: "We will upgrade the database.",
    scheduled_for: iso(window.from),
    scheduled_until: iso(window.until),
    ...body,
  });
}

/** A component's status history (the uptime bars are built from it), oldest first. */
async function historyOf(componentId: string) {
  const { results } = await env.DB.prepare("SELECT from_status, to_status, changed_at FROM component_status_changes WHERE component_id = ? ORDER BY id")
    .bind(componentId)
    .all();
  return results;
}

describe("a maintenance with auto_start and auto_complete", () => {
  it("starts at scheduled_for, not a minute before: in progress, its components under maintenance, the start update dated scheduled_for", async () => {
    const s = await newSite("start.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const other = await s.component({ name: "Other" });
    const w = windowOn(0);
    const m = await schedule(s, w, { component_ids: [db.id, web.id], auto_start: true, auto_complete: true });

    await runCron(w.from - MINUTE);
    const early = await maintenanceOf(s, m.id);
    expect(early).toMatchObject({ status: "scheduled", resolved_at: null });
    expect(early.incident_updates).toHaveLength(1);
    expect(await statusOf(s, db.id)).toBe("operational");

    await runCron(w.from);
    const started = await maintenanceOf(s, m.id);
    expect(started).toMatchObject({ status: "in_progress", started_at: iso(w.from), resolved_at: null });
    expect(started.incident_updates.map((u: Update) => u.status)).toEqual(["in_progress", "scheduled"]);
    const [update] = started.incident_updates as Update[];
    expect(update).toMatchObject({ status: "in_progress", body: START_BODY, display_at: iso(w.from), created_at: iso(w.from) });
    expect(update!.affected_components).toHaveLength(2);
    expect(update!.affected_components).toEqual(
      expect.arrayContaining([
        { code: db.id, name: "Database", old_status: "operational", new_status: "under_maintenance" },
        { code: web.id, name: "Web", old_status: "operational", new_status: "under_maintenance" },
      ]),
    );
    expect(await historyOf(db.id)).toEqual([{ from_status: "operational", to_status: "under_maintenance", changed_at: w.from }]);

    // The same minute run refreshed the cache: public reads are hits showing the maintenance under way.
    expect(await statusOf(s, db.id)).toBe("under_maintenance");
    expect(await statusOf(s, web.id)).toBe("under_maintenance");
    expect(await statusOf(s, other.id)).toBe("operational");
    expect((await s.fresh("/api/v2/status.json")).status).toEqual({ indicator: "maintenance", description: "Service Under Maintenance" });
    expect((await s.fresh("/api/v2/scheduled-maintenances/active.json")).scheduled_maintenances.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect((await s.fresh(`/api/v2/scheduled-maintenances/${m.id}.json`)).scheduled_maintenance).toMatchObject({
      status: "in_progress",
      started_at: iso(w.from),
    });
  });

  it("completes at scheduled_until, not a minute before, and restores components: operational, or the status an open incident still holds", async () => {
    const s = await newSite("complete.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const w = windowOn(1);
    const m = await schedule(s, w, { component_ids: [db.id, web.id], auto_start: true, auto_complete: true });
    await runCron(w.from);
    expect((await maintenanceOf(s, m.id)).status).toBe("in_progress");
    // During the window an incident takes the web tier down.
    await s.incident({ name: "Web errors", components: [{ id: web.id, status: "partial_outage" }] });

    await runCron(w.until - MINUTE);
    expect(await maintenanceOf(s, m.id)).toMatchObject({ status: "in_progress", resolved_at: null });
    expect(await statusOf(s, db.id)).toBe("under_maintenance");

    await runCron(w.until);
    const done = await maintenanceOf(s, m.id);
    expect(done).toMatchObject({ status: "completed", started_at: iso(w.from), resolved_at: iso(w.until), cancelled: false });
    expect(done.incident_updates.map((u: Update) => u.status)).toEqual(["completed", "in_progress", "scheduled"]);
    expect(done.incident_updates[0]).toMatchObject({
      body: COMPLETE_BODY,
      display_at: iso(w.until),
      affected_components: [{ code: db.id, name: "Database", old_status: "under_maintenance", new_status: "operational" }],
    });
    expect(await statusOf(s, db.id)).toBe("operational");
    expect(await statusOf(s, web.id)).toBe("partial_outage");
    expect((await s.fresh("/api/v2/scheduled-maintenances/active.json")).scheduled_maintenances).toEqual([]);
  });

  it("a run hours late does both steps in one run, in order: start dated scheduled_for, completion dated scheduled_until", async () => {
    const s = await newSite("late-window.test");
    const db = await s.component({ name: "Database" });
    const w = windowOn(2);
    const m = await schedule(s, w, { component_ids: [db.id], auto_start: true, auto_complete: true });
    const tick = w.until + 3 * HOUR;

    await runCron(tick);

    const done = await maintenanceOf(s, m.id);
    expect(done).toMatchObject({ status: "completed", started_at: iso(w.from), resolved_at: iso(w.until) });
    expect(done.incident_updates.map((u: Update) => [u.status, u.body, u.display_at, u.created_at])).toEqual([
      ["completed", COMPLETE_BODY, iso(w.until), iso(tick)],
      ["in_progress", START_BODY, iso(w.from), iso(tick)],
      ["scheduled", "We will upgrade the database.", done.incident_updates[2].display_at, done.incident_updates[2].created_at],
    ]);
    expect(await historyOf(db.id)).toEqual([
      { from_status: "operational", to_status: "under_maintenance", changed_at: w.from },
      { from_status: "under_maintenance", to_status: "operational", changed_at: w.until },
    ]);
    expect(await statusOf(s, db.id)).toBe("operational");
    const run = (await s.ok("GET", "/jobs", undefined, 200)).jobs.find((j: { job: string }) => j.job === "maintenance-windows");
    expect(run).toMatchObject({ last_scheduled_at: iso(tick), last_result: { started: 1, completed: 1, conflicts: 0, failed: 0 }, last_error: null });
  });

  it("the same tick run twice: the second run writes nothing to D1 or KV", async () => {
    const s = await newSite("twice-window.test");
    const db = await s.component({ name: "Database" });
    const w = windowOn(3);
    const m = await schedule(s, w, { component_ids: [db.id], auto_start: true, auto_complete: true });
    await runCron(w.from);
    expect((await maintenanceOf(s, m.id)).status).toBe("in_progress");

    const d1Before = await dbFingerprint();
    const kvBefore = await env.CACHE.list();
    const counting = countingEnv();
    await runCron(w.from, EVERY_MINUTE, counting.env);

    expect(await dbFingerprint()).toBe(d1Before);
    expect(counting.kvWrites()).toBe(0);
    expect(await env.CACHE.list()).toEqual(kvBefore);
    expect(await rowCount("incident_updates", "incident_id = ?", m.id)).toBe(2);
  });
});

describe("maintenances the job leaves alone", () => {
  it("without auto_start nothing happens, even hours after the window (auto_complete alone does not start it)", async () => {
    const s = await newSite("manual.test");
    const db = await s.component({ name: "Database" });
    const w = windowOn(4);
    const m = await schedule(s, w, { component_ids: [db.id], auto_complete: true });

    await runCron(w.from);
    await runCron(w.until + 3 * HOUR);

    const still = await maintenanceOf(s, m.id);
    expect(still).toMatchObject({ status: "scheduled", auto_start: false, resolved_at: null });
    expect(still.incident_updates).toHaveLength(1);
    expect(await statusOf(s, db.id)).toBe("operational");
    expect(await historyOf(db.id)).toEqual([]);
  });

  it("a cancelled maintenance never starts", async () => {
    const s = await newSite("cancelled.test");
    const db = await s.component({ name: "Database" });
    const w = windowOn(5);
    const m = await schedule(s, w, { component_ids: [db.id], auto_start: true, auto_complete: true });
    await s.ok("POST", `/maintenances/${m.id}/cancel`, {}, 200);

    await runCron(w.from);
    await runCron(w.until + 3 * HOUR);

    const cancelled = await maintenanceOf(s, m.id);
    expect(cancelled).toMatchObject({ status: "completed", cancelled: true });
    expect(cancelled.incident_updates.map((u: Update) => u.body)).toEqual(["This scheduled maintenance has been cancelled.", "We will upgrade the database."]);
    expect(await statusOf(s, db.id)).toBe("operational");
    expect(await historyOf(db.id)).toEqual([]);
  });
});

describe("a maintenance over a component an open incident holds in outage", () => {
  it("leaves the component in major_outage when the maintenance starts: maintenance ranks below an outage", async () => {
    const s = await newSite("outage-start.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    await s.incident({ name: "Database down", components: [{ id: db.id, status: "major_outage" }] });
    const w = windowOn(6);
    const m = await schedule(s, w, { component_ids: [db.id, web.id], auto_start: true });

    await runCron(w.from);

    expect((await maintenanceOf(s, m.id)).status).toBe("in_progress");
    expect(await statusOf(s, db.id)).toBe("major_outage");
    expect(await statusOf(s, web.id)).toBe("under_maintenance");
    expect((await s.fresh("/api/v2/status.json")).status.indicator).toBe("major");
  });

  it("puts the component under maintenance, not back in outage, when that incident resolves during the window", async () => {
    const s = await newSite("outage-resolved.test");
    const db = await s.component({ name: "Database" });
    const incident = await s.incident({ name: "Database down", components: [{ id: db.id, status: "major_outage" }] });
    const w = windowOn(7);
    const m = await schedule(s, w, { component_ids: [db.id], auto_start: true });
    await runCron(w.from);
    expect((await maintenanceOf(s, m.id)).status).toBe("in_progress");
    expect(await statusOf(s, db.id)).toBe("major_outage");

    // The outage ends while the maintenance is still under way.
    await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "The database is back." });

    expect(await statusOf(s, db.id)).toBe("under_maintenance");
  });
});
