import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { pageBodyKey } from "../../../src/cache/keys";
import worker from "../../../src/index";
import { countingEnv, createIncident, seedDemo } from "../../helpers/fixtures";
import { adminJson, call, getJson } from "../../helpers/http";

type Obj = Record<string, any>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const LEAVES = ["Desk", "CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"];
const GROUP = "Take Blip Platform";

const none = (days: number) => ({ days, incidents: 0, resolved: 0, mttr_seconds: null, mttr: null });

let pageId: string;
let ids: Record<string, string>;
let groupId: string;

async function stats(): Promise<Obj> {
  const { res, json } = await getJson("/api/v2/stats.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
  return json;
}

const statsOf = (body: Obj, name: string) => body.components.find((c: Obj) => c.name === name).stats;

/** An incident started `daysAgo` days before `base`, resolved `lastedMs` later (never, when null). */
async function incident(name: string, base: number, daysAgo: number, lastedMs: number | null, components: { id: string; status: string }[]) {
  const startedAt = base - daysAgo * DAY;
  const created = await createIncident({ name, started_at: iso(startedAt), display_at: iso(startedAt), components });
  if (lastedMs !== null) {
    const { status, json } = await adminJson("POST", `/incidents/${created.id}/updates`, {
      status: "resolved",
      body: "Resolved.",
      display_at: iso(startedAt + lastedMs),
      components: components.map((c) => ({ id: c.id, status: "operational" })),
    });
    expect(status, JSON.stringify(json)).toBe(201);
  }
  return { id: created.id as string, startedAt };
}

async function durationRow(id: string) {
  return (await env.DB.prepare("SELECT started_at, resolved_at, duration_ms FROM incidents WHERE id = ?")
    .bind(id)
    .first<{ started_at: number; resolved_at: number | null; duration_ms: number | null }>())!;
}

beforeAll(async () => {
  pageId = (await seedDemo()).page.id;
  const { json } = await getJson("/api/v2/components.json");
  ids = Object.fromEntries(json.components.map((c: Obj) => [c.name, c.id]));
  groupId = ids[GROUP]!;
});

describe("/api/v2/stats.json on the demo (its incidents are in 2021 and 2024)", () => {
  it("counts no incident in the last 30 or 90 days, and has no MTTR", async () => {
    const body = await stats();
    expect(body.page).toMatchObject({ id: pageId, name: "Blip", time_zone: "America/Sao_Paulo" });
    expect(body.stats).toEqual([none(30), none(90)]);
  });

  it("lists each component, not the group, with its group and its own (empty) stats", async () => {
    const body = await stats();
    expect(body.components.map((c: Obj) => c.name)).toEqual(LEAVES);
    expect(body.components.map((c: Obj) => c.name)).not.toContain(GROUP);
    expect(body.components.find((c: Obj) => c.name === "Desk")).toEqual({ id: ids.Desk, name: "Desk", group_id: null, stats: [none(30), none(90)] });
    expect(body.components.find((c: Obj) => c.name === "Portal")).toEqual({ id: ids.Portal, name: "Portal", group_id: groupId, stats: [none(30), none(90)] });
  });

  it("is served from KV with a strong ETag, answers 304 to it, and reads no D1", async () => {
    const counting = countingEnv();
    const res = await call("/api/v2/stats.json", {}, counting.env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(counting.d1()).toBe(0);
    const etag = res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await call("/api/v2/stats.json", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});

describe("/api/v2/stats.json after incidents 10 and 40 days ago", () => {
  let base: number;
  let recent: { id: string; startedAt: number };
  let older: { id: string; startedAt: number };
  let etagBefore: string;

  beforeAll(async () => {
    etagBefore = (await call("/api/v2/stats.json")).headers.get("ETag")!;
    base = Math.floor(Date.now() / MINUTE) * MINUTE;
    // 5h 23m on Desk, 10 days ago; 2h 10m on Portal, 40 days ago.
    recent = await incident("Desk tickets stuck", base, 10, 5 * HOUR + 23 * MINUTE, [{ id: ids.Desk!, status: "partial_outage" }]);
    older = await incident("Portal down", base, 40, 2 * HOUR + 10 * MINUTE, [{ id: ids.Portal!, status: "major_outage" }]);
  });

  it("counts the one of the last 30 days, with its time to resolve as the MTTR", async () => {
    expect((await stats()).stats[0]).toEqual({ days: 30, incidents: 1, resolved: 1, mttr_seconds: 19_380, mttr: "5h 23m" });
  });

  it("counts both in the last 90 days, with the mean of their times to resolve", async () => {
    // (5h 23m + 2h 10m) / 2 = 3h 46m 30s.
    expect((await stats()).stats[1]).toEqual({ days: 90, incidents: 2, resolved: 2, mttr_seconds: 13_590, mttr: "3h 46m" });
  });

  it("counts for each component only the incidents that affected it", async () => {
    const body = await stats();
    expect(statsOf(body, "Desk")).toEqual([
      { days: 30, incidents: 1, resolved: 1, mttr_seconds: 19_380, mttr: "5h 23m" },
      { days: 90, incidents: 1, resolved: 1, mttr_seconds: 19_380, mttr: "5h 23m" },
    ]);
    expect(statsOf(body, "Portal")).toEqual([none(30), { days: 90, incidents: 1, resolved: 1, mttr_seconds: 7_800, mttr: "2h 10m" }]);
    for (const name of LEAVES.filter((n) => n !== "Desk" && n !== "Portal")) expect(statsOf(body, name), name).toEqual([none(30), none(90)]);
    expect(body.components.map((c: Obj) => c.name)).toEqual(LEAVES);
  });

  it("stores each duration in D1 as resolved_at - started_at", async () => {
    expect(await durationRow(recent.id)).toEqual({ started_at: recent.startedAt, resolved_at: recent.startedAt + 19_380_000, duration_ms: 19_380_000 });
    expect(await durationRow(older.id)).toEqual({ started_at: older.startedAt, resolved_at: older.startedAt + 7_800_000, duration_ms: 7_800_000 });
  });

  it("is rewritten in KV by the write: a new ETag, still no D1 read, and a cold rebuild gives the same body", async () => {
    const counting = countingEnv();
    const warm = await call("/api/v2/stats.json", {}, counting.env);
    expect(warm.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(counting.d1()).toBe(0);
    expect(warm.headers.get("ETag")).not.toBe(etagBefore);
    const warmBody = await warm.json();

    await env.CACHE.delete(pageBodyKey(pageId, "stats"));
    const cold = await call("/api/v2/stats.json");
    expect(cold.status).toBe(200);
    expect(cold.headers.get("Cache-Status")).toContain("miss");
    expect(await cold.json()).toEqual(warmBody);
  });
});

describe("/api/v2/stats.json with an open incident", () => {
  let open: { id: string; startedAt: number };

  beforeAll(async () => {
    open = await incident("Desk slow", Math.floor(Date.now() / MINUTE) * MINUTE, 5, null, [{ id: ids.Desk!, status: "degraded_performance" }]);
  });

  it("counts it in incidents, but neither in resolved nor in the MTTR", async () => {
    expect((await stats()).stats).toEqual([
      { days: 30, incidents: 2, resolved: 1, mttr_seconds: 19_380, mttr: "5h 23m" },
      { days: 90, incidents: 3, resolved: 2, mttr_seconds: 13_590, mttr: "3h 46m" },
    ]);
  });

  it("counts it for the component it affects, the same way", async () => {
    expect(statsOf(await stats(), "Desk")).toEqual([
      { days: 30, incidents: 2, resolved: 1, mttr_seconds: 19_380, mttr: "5h 23m" },
      { days: 90, incidents: 2, resolved: 1, mttr_seconds: 19_380, mttr: "5h 23m" },
    ]);
  });

  it("has no duration in D1 while it is open", async () => {
    expect(await durationRow(open.id)).toEqual({ started_at: open.startedAt, resolved_at: null, duration_ms: null });
  });
});

describe("/api/v2/stats.json and maintenances", () => {
  it("does not count a maintenance in the window as an incident", async () => {
    const before = await stats();
    const from = Date.now() - 3 * DAY;
    const { status, json } = await adminJson("POST", "/maintenances", {
      name: "Core upgrade",
      body: "Upgrading Core.",
      scheduled_for: iso(from),
      scheduled_until: iso(from + HOUR),
      component_ids: [ids.Core],
    });
    expect(status, JSON.stringify(json)).toBe(201);
    const after = await stats();
    expect(after.stats).toEqual(before.stats);
    expect(statsOf(after, "Core")).toEqual([none(30), none(90)]);
  });
});

describe("incident durations in D1", () => {
  it("are resolved_at - started_at for every resolved incident (the demo's included), null for open ones, never negative", async () => {
    const { results } = await env.DB.prepare("SELECT name, started_at, resolved_at, duration_ms FROM incidents WHERE kind = 'incident'").all<Obj>();
    expect(results.length).toBeGreaterThanOrEqual(5);
    for (const r of results) {
      expect(r.duration_ms, r.name).toBe(r.resolved_at === null ? null : r.resolved_at - r.started_at);
      if (r.duration_ms !== null) expect(r.duration_ms, r.name).toBeGreaterThanOrEqual(0);
    }
    expect(results.filter((r) => r.name === "Desk and Portal inaccessible").map((r) => r.duration_ms)).toEqual([5 * HOUR + 23 * MINUTE]);
  });

  it("follow an edit of started_at (PATCH), and so do the stats", async () => {
    const { json: list } = await adminJson("GET", "/incidents");
    const recent = list.incidents.find((i: Obj) => i.name === "Desk tickets stuck");
    const startedAt = Date.parse(recent.started_at);
    const { status, json } = await adminJson("PATCH", `/incidents/${recent.id}`, { started_at: iso(startedAt - HOUR) });
    expect(status, JSON.stringify(json)).toBe(200);
    expect((await durationRow(recent.id)).duration_ms).toBe(6 * HOUR + 23 * MINUTE);
    const body = await stats();
    expect(body.stats[0]).toMatchObject({ incidents: 2, resolved: 1, mttr_seconds: 22_980, mttr: "6h 23m" });
    // (6h 23m + 2h 10m) / 2 = 4h 16m 30s.
    expect(body.stats[1]).toMatchObject({ incidents: 3, resolved: 2, mttr_seconds: 15_390, mttr: "4h 16m" });
  });

  it("cannot go negative: a started_at after the resolution is refused, by the API and by D1", async () => {
    const { json: list } = await adminJson("GET", "/incidents");
    const older = list.incidents.find((i: Obj) => i.name === "Portal down");
    const before = await durationRow(older.id);
    const { status, json } = await adminJson("PATCH", `/incidents/${older.id}`, { started_at: iso(before.resolved_at! + HOUR) });
    expect(status).toBe(422);
    expect(json.error.code).toBe("timestamp_order");
    await expect(env.DB.prepare("UPDATE incidents SET started_at = resolved_at + 1 WHERE id = ?").bind(older.id).run()).rejects.toThrow(
      /CHECK constraint failed/,
    );
    expect(await durationRow(older.id)).toEqual(before);
    expect(before.duration_ms).toBe(2 * HOUR + 10 * MINUTE);
  });
});

describe("/api/v2/stats.json as time passes", () => {
  it("is moved on by the minute cron: 21 days later the 10-day-old incident has left the 30-day window", async () => {
    const ctx = createExecutionContext();
    const tick = Date.now() + 21 * DAY;
    await (worker as ExportedHandler<Env>).scheduled!(createScheduledController({ scheduledTime: tick, cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const stored = await env.CACHE.getWithMetadata<Obj, { generatedAt: number }>(pageBodyKey(pageId, "stats"), "json");
    expect(stored.metadata?.generatedAt).toBe(tick);
    // Left: the open incident (26 days old). Out: the resolved one (31 days). Still in 90: all three.
    expect((await stats()).stats).toEqual([
      { days: 30, incidents: 1, resolved: 0, mttr_seconds: null, mttr: null },
      { days: 90, incidents: 3, resolved: 2, mttr_seconds: 15_390, mttr: "4h 16m" },
    ]);
  });
});
