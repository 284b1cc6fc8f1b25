import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countingEnv, dbFingerprint } from "../helpers/fixtures";
import { runCron } from "../helpers/scheduled";
import { EVERY_MINUTE } from "../../src/scheduled";
import { expectEnvelope, newSite, rowCount, type Site } from "../routes/admin/helpers";
import { cachedPage, main, text } from "../routes/pages/html";

// Admin writes run on the real clock; the ticks are chosen from what those writes stored. Where a
// test needs an update posted in the past (so that "after the quiet period" can be now), it dates
// the update's posting back in D1, as if it had been posted then.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const autoBody = (words: string) => `Resolved automatically after ${words} of monitoring with no new issues.`;
const BODY_60 = autoBody("60 minutes");

type Update = { status: string; body: string; display_at: string; created_at: string; affected_components: unknown[] | null };

async function incidentOf(s: Site, id: string) {
  return (await s.ok("GET", `/incidents/${id}`, undefined, 200)).incident;
}

async function statusOf(s: Site, componentId: string): Promise<string> {
  return (await s.fresh("/api/v2/components.json")).components.find((c: { id: string }) => c.id === componentId).status;
}

/** Posts "monitoring" now (no display_at) and returns when it was posted, which starts the quiet period. */
async function monitor(s: Site, id: string, extra: Record<string, unknown> = {}): Promise<number> {
  const { incident } = await s.ok("POST", `/incidents/${id}/updates`, { status: "monitoring", body: "A fix is deployed; we are monitoring.", ...extra });
  const update = incident.incident_updates[0] as Update;
  expect(update.status).toBe("monitoring");
  expect(update.display_at).toBe(update.created_at);
  return Date.parse(update.display_at);
}

/** As if the incident's latest update had been posted when it is displayed (its display_at, in the past). */
async function postedWhenDisplayed(id: string): Promise<number> {
  await env.DB.prepare(
    "UPDATE incident_updates SET created_at = display_at WHERE incident_id = ? AND seq = (SELECT last_update_seq FROM incidents WHERE id = ?)",
  )
    .bind(id, id)
    .run();
  const row = await env.DB.prepare(
    "SELECT display_at AS at FROM incident_updates WHERE incident_id = ? AND seq = (SELECT last_update_seq FROM incidents WHERE id = ?)",
  )
    .bind(id, id)
    .first<{ at: number }>();
  return row!.at;
}

async function jobRun(s: Site, job: string) {
  return (await s.ok("GET", "/jobs", undefined, 200)).jobs.find((j: { job: string }) => j.job === job);
}

const autoResolveUpdates = (id: string) => rowCount("incident_updates", "incident_id = ? AND body LIKE 'Resolved automatically%'", id);

// First in the file: the heartbeat only moves forward, so its tick must be the latest yet.
describe("the auto-resolve heartbeat", () => {
  it("records the tick it ran for, not late, with what it resolved; an older tick run later does not move it back", async () => {
    const s = await newSite("heartbeat.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Slow pages", components: [{ id: web.id, status: "degraded_performance" }] });
    const tick = (await monitor(s, incident.id)) + 60 * MINUTE;

    await runCron(tick);

    const run = await jobRun(s, "auto-resolve");
    expect(run).toMatchObject({
      job: "auto-resolve",
      cron: "* * * * *",
      last_scheduled_at: iso(tick),
      late: false,
      last_result: { resolved: 1, conflicts: 0, failed: 0 },
      last_error: null,
      last_error_at: null,
    });
    for (const job of ["maintenance-windows", "refresh-cache"]) expect((await jobRun(s, job)).last_scheduled_at).toBe(iso(tick));

    await runCron(tick - 10 * MINUTE);

    const after = await jobRun(s, "auto-resolve");
    expect(after.last_scheduled_at).toBe(iso(tick));
    expect(after.late).toBe(false);
    expect(after.last_result).toEqual({ resolved: 0, conflicts: 0, failed: 0 });
  });
});

describe("resolving an incident left in monitoring", () => {
  it("leaves it one minute before the quiet period ends; at its end resolves it, restores its components, and the public API shows it", async () => {
    const s = await newSite("quiet.test");
    const web = await s.component({ name: "Web" });
    const api = await s.component({ name: "API" });
    const incident = await s.incident({
      name: "Errors on checkout",
      components: [
        { id: web.id, status: "partial_outage" },
        { id: api.id, status: "degraded_performance" },
      ],
    });
    const monitoringAt = await monitor(s, incident.id, { components: [{ id: web.id, status: "degraded_performance" }] });
    const end = monitoringAt + 60 * MINUTE;

    await runCron(end - MINUTE);
    const early = await incidentOf(s, incident.id);
    expect(early).toMatchObject({ status: "monitoring", resolved_at: null });
    expect(early.incident_updates).toHaveLength(2);
    expect(await statusOf(s, web.id)).toBe("degraded_performance");
    expect(await statusOf(s, api.id)).toBe("degraded_performance");

    await runCron(end);
    const resolved = await incidentOf(s, incident.id);
    expect(resolved).toMatchObject({ status: "resolved", monitoring_at: iso(monitoringAt), resolved_at: iso(end) });
    expect(resolved.incident_updates.map((u: Update) => u.status)).toEqual(["resolved", "monitoring", "investigating"]);
    const [update] = resolved.incident_updates as Update[];
    expect(update).toMatchObject({ status: "resolved", body: BODY_60, display_at: iso(end), created_at: iso(end) });
    expect(update!.affected_components).toHaveLength(2);
    expect(update!.affected_components).toEqual(
      expect.arrayContaining([
        { code: web.id, name: "Web", old_status: "degraded_performance", new_status: "operational" },
        { code: api.id, name: "API", old_status: "degraded_performance", new_status: "operational" },
      ]),
    );

    // The minute run refreshed the cache after resolving: public reads are cache hits with the new state.
    const summary = await s.fresh("/api/v2/summary.json");
    expect(summary.incidents).toEqual([]);
    expect(summary.status).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect(summary.components.map((c: { status: string }) => c.status)).toEqual(["operational", "operational"]);
    const one = (await s.fresh(`/api/v2/incidents/${incident.id}.json`)).incident;
    expect(one).toMatchObject({ status: "resolved", resolved_at: iso(end) });
    expect(one.incident_updates[0]).toMatchObject({ status: "resolved", body: BODY_60, display_at: iso(end) });
    expect((await s.fresh("/api/v2/incidents/unresolved.json")).incidents).toEqual([]);
  });

  it("a run three hours late resolves at the end of the quiet period, and the duration runs from started_at to then", async () => {
    const s = await newSite("late.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Login failures", components: [{ id: web.id, status: "major_outage" }] });
    const monitoringAt = await monitor(s, incident.id);
    // Impact began 2h30m before the fix was being monitored: 3h30m in all once the quiet hour passes.
    await s.ok("PATCH", `/incidents/${incident.id}`, { started_at: iso(monitoringAt - 150 * MINUTE) }, 200);
    const end = monitoringAt + 60 * MINUTE;
    const tick = end + 3 * HOUR;

    await runCron(tick);

    const resolved = await incidentOf(s, incident.id);
    expect(resolved).toMatchObject({ status: "resolved", started_at: iso(monitoringAt - 150 * MINUTE), resolved_at: iso(end) });
    expect(resolved.incident_updates[0]).toMatchObject({ status: "resolved", body: BODY_60, display_at: iso(end), created_at: iso(tick) });
    const history = await env.DB.prepare("SELECT to_status, changed_at FROM component_status_changes WHERE component_id = ? ORDER BY id DESC")
      .bind(web.id)
      .first();
    expect(history).toEqual({ to_status: "operational", changed_at: end });

    const one = (await s.fresh(`/api/v2/incidents/${incident.id}.json`)).incident;
    expect(one).toMatchObject({ status: "resolved", started_at: iso(monitoringAt - 150 * MINUTE), resolved_at: iso(end) });
    expect(Date.parse(one.resolved_at) - Date.parse(one.started_at)).toBe(210 * MINUTE);
    const page = text(main(await cachedPage(`${s.origin}/incidents/${incident.id}`)));
    expect(page).toContain("lasting 3h 30m");
    expect(page).not.toContain("ongoing");
  });

  it("the same tick run twice: the second run writes nothing to D1 or KV", async () => {
    const s = await newSite("twice.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Timeouts", components: [{ id: web.id, status: "partial_outage" }] });
    const tick = (await monitor(s, incident.id)) + 60 * MINUTE + 5 * MINUTE;
    await runCron(tick);
    expect((await incidentOf(s, incident.id)).status).toBe("resolved");

    const d1Before = await dbFingerprint();
    const kvBefore = await env.CACHE.list();
    const counting = countingEnv();
    await runCron(tick, EVERY_MINUTE, counting.env);

    expect(await dbFingerprint()).toBe(d1Before);
    expect(counting.kvWrites()).toBe(0);
    expect(await env.CACHE.list()).toEqual(kvBefore);
    expect(await autoResolveUpdates(incident.id)).toBe(1);
    expect(await rowCount("incident_updates", "incident_id = ?", incident.id)).toBe(3);
    expect((await jobRun(s, "auto-resolve")).last_result).toEqual({ resolved: 0, conflicts: 0, failed: 0 });
  });
});

describe("the page's quiet period (settings.auto_resolve_after_minutes)", () => {
  it("0 turns it off: the incident is still in monitoring a week later", async () => {
    const s = await newSite("off.test");
    expect((await s.ok("PATCH", "/page", { settings: { auto_resolve_after_minutes: 0 } }, 200)).page.settings).toEqual({ auto_resolve_after_minutes: 0 });
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Flaky", components: [{ id: web.id, status: "partial_outage" }] });
    const monitoringAt = await monitor(s, incident.id);

    await runCron(monitoringAt + 60 * MINUTE);
    await runCron(monitoringAt + 7 * 24 * HOUR);

    const still = await incidentOf(s, incident.id);
    expect(still).toMatchObject({ status: "monitoring", resolved_at: null });
    expect(still.incident_updates).toHaveLength(2);
    expect(await statusOf(s, web.id)).toBe("partial_outage");
  });

  it("15 resolves 15 minutes after the latest update, and the update says 15 minutes", async () => {
    const s = await newSite("fifteen.test");
    await s.ok("PATCH", "/page", { settings: { auto_resolve_after_minutes: 15 } }, 200);
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Queue backlog", components: [{ id: web.id, status: "degraded_performance" }] });
    const end = (await monitor(s, incident.id)) + 15 * MINUTE;

    await runCron(end - MINUTE);
    expect((await incidentOf(s, incident.id)).status).toBe("monitoring");

    await runCron(end);
    const resolved = await incidentOf(s, incident.id);
    expect(resolved).toMatchObject({ status: "resolved", resolved_at: iso(end) });
    expect(resolved.incident_updates[0]).toMatchObject({ status: "resolved", body: autoBody("15 minutes"), display_at: iso(end) });
    expect(await statusOf(s, web.id)).toBe("operational");
  });
});

describe("a new update during monitoring", () => {
  it("restarts the wait: the incident resolves 60 minutes after the new update, not after the monitoring one", async () => {
    const s = await newSite("restart.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Packet loss", display_at: iso(Date.now() - 2 * HOUR), components: [{ id: web.id, status: "partial_outage" }] });
    await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "monitoring", body: "Monitoring.", display_at: iso(Date.now() - 40 * MINUTE) });
    const firstEnd = (await postedWhenDisplayed(incident.id)) + 60 * MINUTE;
    const { incident: noted } = await s.ok("POST", `/incidents/${incident.id}/updates`, { body: "Still watching; one more spike seen." });
    const note = noted.incident_updates[0] as Update;
    expect(note.status).toBe("monitoring");
    const end = Date.parse(note.created_at) + 60 * MINUTE;
    expect(end).toBeGreaterThan(firstEnd + 30 * MINUTE);

    await runCron(firstEnd + MINUTE);
    await runCron(end - MINUTE);
    expect((await incidentOf(s, incident.id)).status).toBe("monitoring");

    await runCron(end);
    const resolved = await incidentOf(s, incident.id);
    expect(resolved).toMatchObject({ status: "resolved", resolved_at: iso(end) });
    expect(resolved.incident_updates.map((u: Update) => u.body)).toEqual([BODY_60, "Still watching; one more spike seen.", "Monitoring.", "Investigating."]);
  });

  it("an update entered late and back-dated into the quiet period still restarts the wait from when it was posted", async () => {
    const s = await newSite("backdated.test");
    const incident = await s.incident({ name: "DNS errors", display_at: iso(Date.now() - 2 * HOUR) });
    await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "monitoring", body: "Monitoring.", display_at: iso(Date.now() - 50 * MINUTE) });
    await postedWhenDisplayed(incident.id);
    const shownAt = Date.now() - 45 * MINUTE;
    const { incident: noted } = await s.ok("POST", `/incidents/${incident.id}/updates`, {
      body: "Entered late: a spike at this time.",
      display_at: iso(shownAt),
    });
    const postedAt = Date.parse(noted.incident_updates[0].created_at);
    expect(noted.incident_updates[0].display_at).toBe(iso(shownAt));

    // Counted from its display time it would have resolved at shownAt + 60 minutes, before this tick.
    await runCron(postedAt + 30 * MINUTE);
    expect((await incidentOf(s, incident.id)).status).toBe("monitoring");

    await runCron(postedAt + 60 * MINUTE);
    expect(await incidentOf(s, incident.id)).toMatchObject({ status: "resolved", resolved_at: iso(postedAt + 60 * MINUTE) });
  });
});

describe("components when an incident resolves itself", () => {
  it("a component other open incidents still hold goes to the worst status they hold, not operational", async () => {
    const s = await newSite("held.test");
    const shared = await s.component({ name: "Shared" });
    const own = await s.component({ name: "Own" });
    await s.incident({ name: "Outage elsewhere", components: [{ id: shared.id, status: "major_outage" }] });
    await s.incident({ name: "Slowness elsewhere", components: [{ id: shared.id, status: "partial_outage" }] });
    const incident = await s.incident({
      name: "Ours",
      components: [
        { id: shared.id, status: "degraded_performance" },
        { id: own.id, status: "partial_outage" },
      ],
    });
    expect(await statusOf(s, shared.id)).toBe("degraded_performance");
    const end = (await monitor(s, incident.id)) + 60 * MINUTE;

    await runCron(end);

    const resolved = await incidentOf(s, incident.id);
    expect(resolved.status).toBe("resolved");
    expect(resolved.incident_updates[0].affected_components).toEqual(
      expect.arrayContaining([
        { code: shared.id, name: "Shared", old_status: "degraded_performance", new_status: "major_outage" },
        { code: own.id, name: "Own", old_status: "partial_outage", new_status: "operational" },
      ]),
    );
    expect(await statusOf(s, shared.id)).toBe("major_outage");
    expect(await statusOf(s, own.id)).toBe("operational");
    expect((await s.fresh("/api/v2/incidents/unresolved.json")).incidents.map((i: { name: string }) => i.name).sort()).toEqual([
      "Outage elsewhere",
      "Slowness elsewhere",
    ]);
  });

  it("a component an active maintenance holds goes back under maintenance", async () => {
    const s = await newSite("maintained.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const m = await s.maintenance({ scheduled_for: iso(Date.now() - HOUR), scheduled_until: iso(Date.now() + 10 * HOUR), component_ids: [db.id] });
    await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "in_progress", body: "Started." });
    expect(await statusOf(s, db.id)).toBe("under_maintenance");
    const incident = await s.incident({
      name: "Replica lag",
      components: [
        { id: db.id, status: "major_outage" },
        { id: web.id, status: "partial_outage" },
      ],
    });
    const end = (await monitor(s, incident.id)) + 60 * MINUTE;

    await runCron(end);

    expect((await incidentOf(s, incident.id)).status).toBe("resolved");
    expect(await statusOf(s, db.id)).toBe("under_maintenance");
    expect(await statusOf(s, web.id)).toBe("operational");
  });

  it("a component a maintenance started over during the monitoring goes under maintenance, not back to the incident's status", async () => {
    const s = await newSite("maintained-later.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({
      name: "Replica lag",
      components: [
        { id: db.id, status: "partial_outage" },
        { id: web.id, status: "partial_outage" },
      ],
    });
    const monitoringAt = await monitor(s, incident.id);
    const end = monitoringAt + 60 * MINUTE;
    const m = await s.maintenance({
      scheduled_for: iso(monitoringAt + 10 * MINUTE),
      scheduled_until: iso(monitoringAt + 10 * HOUR),
      component_ids: [db.id],
      auto_start: true,
    });
    await runCron(monitoringAt + 10 * MINUTE);
    expect((await s.ok("GET", `/maintenances/${m.id}`, undefined, 200)).scheduled_maintenance.status).toBe("in_progress");
    // Maintenance ranks below an outage: while the incident holds it, the database stays in partial outage.
    expect(await statusOf(s, db.id)).toBe("partial_outage");

    await runCron(end);

    expect((await incidentOf(s, incident.id)).status).toBe("resolved");
    expect(await statusOf(s, web.id)).toBe("operational");
    expect(await statusOf(s, db.id)).toBe("under_maintenance");
  });

  it("a component the operator set after the quiet period ended keeps the operator's status when a late run resolves the incident", async () => {
    const s = await newSite("operator.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({
      name: "Outage",
      display_at: iso(Date.now() - 3 * HOUR),
      components: [
        { id: db.id, status: "major_outage" },
        { id: web.id, status: "major_outage" },
      ],
    });
    await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "monitoring", body: "Monitoring.", display_at: iso(Date.now() - 2 * HOUR) });
    const end = (await postedWhenDisplayed(incident.id)) + 60 * MINUTE;
    // An hour after the quiet period ended, and before any run resolved it, the operator set the database.
    await s.ok("PATCH", `/components/${db.id}`, { status: "degraded_performance" }, 200);

    await runCron(Date.now() + MINUTE);

    const resolved = await incidentOf(s, incident.id);
    expect(resolved).toMatchObject({ status: "resolved", resolved_at: iso(end) });
    expect(resolved.incident_updates[0]).toMatchObject({
      body: BODY_60,
      display_at: iso(end),
      affected_components: [{ code: web.id, name: "Web", old_status: "major_outage", new_status: "operational" }],
    });
    expect(await statusOf(s, db.id)).toBe("degraded_performance");
    expect(await statusOf(s, web.id)).toBe("operational");
  });
});

/**
 * An env whose D1 runs `write` once, just before the first batch whose bound values satisfy `when`:
 * a write landing between the reads that batch was planned from and the batch itself. Also keeps the
 * D1 fingerprint taken right after `write`, so a test can show the batch then added nothing (which
 * holds because nothing else in this file is due in those runs: earlier incidents are resolved, or
 * on a page with auto-resolution off). The bound values are read from workerd's D1 statements
 * (`params`); were that to change, `fired` would stay false and the tests say so.
 */
function racingEnv(when: (params: unknown[]) => boolean, write: () => Promise<void>) {
  const state = { fired: false, afterWrite: "" };
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const params = statements.flatMap((st) => ((st as unknown as { params?: unknown[] }).params ?? []) as unknown[]);
          if (!state.fired && when(params)) {
            state.fired = true;
            await write();
            state.afterWrite = await dbFingerprint();
          }
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: { ...env, DB }, state };
}

/** Races `write` against the job's batch that would write this incident's automatic resolution. */
const racingTheJob = (incidentId: string, write: () => Promise<void>) =>
  racingEnv((params) => params.includes(incidentId) && params.some((p) => typeof p === "string" && p.startsWith("Resolved automatically")), write);

describe("a write landing between the job's read and its write", () => {
  it("an operator update (incident back to identified) wins: the job's batch writes nothing, it counts a conflict", async () => {
    const s = await newSite("race-update.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Errors", components: [{ id: web.id, status: "partial_outage" }] });
    const end = (await monitor(s, incident.id, { components: [{ id: web.id, status: "degraded_performance" }] })) + 60 * MINUTE;
    const race = racingTheJob(incident.id, async () => {
      await s.ok("POST", `/incidents/${incident.id}/updates`, {
        status: "identified",
        body: "The errors are back.",
        components: [{ id: web.id, status: "major_outage" }],
      });
    });

    await runCron(end, EVERY_MINUTE, race.env);

    expect(race.state.fired).toBe(true);
    expect(await dbFingerprint()).toBe(race.state.afterWrite);
    const after = await incidentOf(s, incident.id);
    expect(after).toMatchObject({ status: "identified", resolved_at: null });
    expect(after.incident_updates.map((u: Update) => u.status)).toEqual(["identified", "monitoring", "investigating"]);
    expect(await autoResolveUpdates(incident.id)).toBe(0);
    expect(await statusOf(s, web.id)).toBe("major_outage");
    expect((await jobRun(s, "auto-resolve")).last_result).toEqual({ resolved: 0, conflicts: 1, failed: 0 });
    expect((await s.fresh("/api/v2/summary.json")).incidents.map((i: { status: string }) => i.status)).toEqual(["identified"]);

    // No longer in monitoring: later runs leave it to the operator.
    await runCron(end + 2 * HOUR);
    expect((await incidentOf(s, incident.id)).status).toBe("identified");
  });

  it("an operator edit of the incident aborts the job's batch; the next tick resolves it, dated as the on-time run would have", async () => {
    const s = await newSite("race-edit.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Errors", components: [{ id: web.id, status: "partial_outage" }] });
    const end = (await monitor(s, incident.id)) + 60 * MINUTE;
    const race = racingTheJob(incident.id, async () => {
      await s.ok("PATCH", `/incidents/${incident.id}`, { name: "Checkout errors" }, 200);
    });

    await runCron(end, EVERY_MINUTE, race.env);

    expect(race.state.fired).toBe(true);
    expect(await dbFingerprint()).toBe(race.state.afterWrite);
    expect(await incidentOf(s, incident.id)).toMatchObject({ name: "Checkout errors", status: "monitoring", resolved_at: null });
    expect(await autoResolveUpdates(incident.id)).toBe(0);
    expect(await statusOf(s, web.id)).toBe("partial_outage");
    expect((await jobRun(s, "auto-resolve")).last_result).toEqual({ resolved: 0, conflicts: 1, failed: 0 });

    await runCron(end + MINUTE);

    expect(await incidentOf(s, incident.id)).toMatchObject({ name: "Checkout errors", status: "resolved", resolved_at: iso(end) });
    expect(await autoResolveUpdates(incident.id)).toBe(1);
    expect(await statusOf(s, web.id)).toBe("operational");
    expect((await jobRun(s, "auto-resolve")).last_result).toEqual({ resolved: 1, conflicts: 0, failed: 0 });
  });

  it("an operator change to a component it would release aborts the job's batch (component guard); the next tick resolves and keeps the operator's status", async () => {
    const s = await newSite("race-component.test");
    const db = await s.component({ name: "Database" });
    const incident = await s.incident({ name: "Outage", display_at: iso(Date.now() - 3 * HOUR), components: [{ id: db.id, status: "major_outage" }] });
    await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "monitoring", body: "Monitoring.", display_at: iso(Date.now() - 2 * HOUR) });
    const end = (await postedWhenDisplayed(incident.id)) + 60 * MINUTE;
    const updatedAt = (await env.DB.prepare("SELECT updated_at AS u FROM incidents WHERE id = ?").bind(incident.id).first<{ u: number }>())!.u;
    const race = racingTheJob(incident.id, async () => {
      await s.ok("PATCH", `/components/${db.id}`, { status: "degraded_performance" }, 200);
    });

    await runCron(Date.now() + MINUTE, EVERY_MINUTE, race.env);

    expect(race.state.fired).toBe(true);
    expect(await dbFingerprint()).toBe(race.state.afterWrite);
    // The incident itself was not touched, so it was the component guard that refused the batch.
    expect((await env.DB.prepare("SELECT updated_at AS u FROM incidents WHERE id = ?").bind(incident.id).first<{ u: number }>())!.u).toBe(updatedAt);
    expect((await incidentOf(s, incident.id)).status).toBe("monitoring");
    expect(await statusOf(s, db.id)).toBe("degraded_performance");
    expect((await jobRun(s, "auto-resolve")).last_result).toEqual({ resolved: 0, conflicts: 1, failed: 0 });

    await runCron(Date.now() + 2 * MINUTE);

    const resolved = await incidentOf(s, incident.id);
    expect(resolved).toMatchObject({ status: "resolved", resolved_at: iso(end) });
    expect(resolved.incident_updates[0]).toMatchObject({ body: BODY_60, affected_components: null });
    expect(await statusOf(s, db.id)).toBe("degraded_performance");
  });

  it("the other way round: an operator update whose write lands after the job resolved the incident is refused with 409 conflict, nothing of it written", async () => {
    const s = await newSite("race-operator.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Errors", components: [{ id: web.id, status: "partial_outage" }] });
    const end = (await monitor(s, incident.id)) + 60 * MINUTE;
    // The operator's request reads the incident (still in monitoring), then the minute run resolves it, then its batch runs.
    const race = racingEnv(
      (params) => params.includes("The errors are back."),
      () => runCron(end),
    );

    const res = await s.send(
      "POST",
      `/incidents/${incident.id}/updates`,
      { status: "identified", body: "The errors are back.", components: [{ id: web.id, status: "major_outage" }] },
      race.env,
    );

    expect(race.state.fired).toBe(true);
    await expectEnvelope(res, { status: 409, code: "conflict" });
    expect(await dbFingerprint()).toBe(race.state.afterWrite);
    const after = await incidentOf(s, incident.id);
    expect(after).toMatchObject({ status: "resolved", resolved_at: iso(end) });
    expect(after.incident_updates.map((u: Update) => u.body)).toEqual([BODY_60, "A fix is deployed; we are monitoring.", "Investigating."]);
    expect(await statusOf(s, web.id)).toBe("operational");
  });
});
