import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { beforeAll, describe, expect, it } from "vitest";
import { htmlKey } from "../../src/cache/keys";
import { createDb } from "../../src/db/client";
import { guardStatement } from "../../src/db/queries/guards";
import { invalidateDaysStatements, markRollupsClean, upsertRollupStatements } from "../../src/db/queries/uptime";
import { isStaleState } from "../../src/lib/errors";
import { loadHomeSnapshot } from "../../src/present/home-data";
import { EVERY_MINUTE, EVERY_TEN_MINUTES } from "../../src/scheduled";
import { runCron } from "../helpers/scheduled";
import { rollups } from "../../src/scheduled/rollups";
import { countingEnv, createComponent, createPage } from "../helpers/fixtures";
import { adminJson } from "../helpers/http";
import { adminOn, bars, cachedPage, componentRows, section, text } from "../routes/pages/html";

const MINUTE_CRON = EVERY_MINUTE;
const ROLLUP_CRON = EVERY_TEN_MINUTES;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// São Paulo has kept UTC-3 all year since 2019, Tokyo keeps UTC+9: fixed offsets let the tests
// state local midnights as plain ISO strings, independently of the code under test.
interface Zone {
  name: string;
  offset: string;
  hours: number;
}
const SAO_PAULO: Zone = { name: "America/Sao_Paulo", offset: "-03:00", hours: -3 };
const TOKYO: Zone = { name: "Asia/Tokyo", offset: "+09:00", hours: 9 };

/** The calendar day of instant `ms` in `zone`. */
const dayIn = (ms: number, zone: Zone) => new Date(ms + zone.hours * HOUR).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** Local midnight of `day` in `zone`, UTC ms. */
const midnight = (day: string, zone: Zone) => Date.parse(`${day}T00:00:00${zone.offset}`);
/** An API timestamp: `day` at local `time` ("22:00") with the zone's offset. */
const at = (day: string, time: string, zone: Zone = SAO_PAULO) => `${day}T${time}:00${zone.offset}`;
/** Every day from `first` to `last`, both included. */
function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = plusDays(d, 1)) out.push(d);
  return out;
}
/** "Nov 22, 2026": a day as the home page labels its bars. */
const barLabel = (day: string, zone: Zone) =>
  new Intl.DateTimeFormat("en-US", { timeZone: zone.name, month: "short", day: "numeric", year: "numeric" }).format(midnight(day, zone) + 12 * HOUR);

type Statement = BatchItem<"sqlite">;

/** Runs statements as one D1 batch, as the app's writes do. */
function runBatch(statements: Statement[]) {
  return createDb(env.DB).batch(statements as [Statement, ...Statement[]]);
}

interface DayRow {
  page_id: string;
  component_id: string;
  day: string;
  day_start: number;
  day_end: number;
  observed_ms: number;
  major_ms: number;
  partial_ms: number;
  degraded_ms: number;
  maintenance_ms: number;
  worst: string | null;
}

async function rowsOf(componentId: string): Promise<DayRow[]> {
  return (await env.DB.prepare("SELECT * FROM uptime_days WHERE component_id = ? ORDER BY day").bind(componentId).all<DayRow>()).results;
}

async function byDay(componentId: string): Promise<Map<string, DayRow>> {
  return new Map((await rowsOf(componentId)).map((r) => [r.day, r]));
}

async function pageRows(pageId: string): Promise<DayRow[]> {
  return (await env.DB.prepare("SELECT * FROM uptime_days WHERE page_id = ? ORDER BY component_id, day").bind(pageId).all<DayRow>()).results;
}

interface StateRow {
  generation: number;
  clean_generation: number;
  complete_through: string | null;
}

async function rollupState(pageId: string): Promise<StateRow | null> {
  return env.DB.prepare("SELECT generation, clean_generation, complete_through FROM rollup_state WHERE page_id = ?").bind(pageId).first<StateRow>();
}

/** What the scheduled handler recorded for the rollups job's latest run. */
async function lastRollupResult(): Promise<unknown> {
  const row = await env.DB.prepare("SELECT last_result FROM job_runs WHERE job = 'rollups'").first<{ last_result: string }>();
  return JSON.parse(row!.last_result);
}

/** Rebuilds a page's home from scratch with the minute cron at `time`, and reads it from KV. */
async function rebuildHome(pageId: string, origin: string, time: number): Promise<string> {
  await env.CACHE.delete(htmlKey(pageId, "home", "en"));
  await runCron(time, MINUTE_CRON);
  return cachedPage(`${origin}/`);
}

/** Each component row's uptime figure ("99.87 %"), by name. */
const percents = (html: string) => new Map([...componentRows(html)].map(([name, row]) => [name, /(\d+\.\d\d %|No data) uptime/.exec(text(row))?.[1]]));
/** Each component row's bars, by name. */
const barsOf = (html: string) => new Map([...componentRows(html)].map(([name, row]) => [name, bars(row, html)]));

async function post(path: string, body: unknown, origin?: string) {
  const { status, json } = origin ? await adminOn(origin, "POST", path, body) : await adminJson("POST", path, body);
  expect(status, JSON.stringify(json)).toBe(201);
  return json;
}

/** An incident on one component from `from` to `to` (back-dated API timestamps), then resolved. */
async function outage(name: string, componentId: string, status: string, from: string, to: string, origin?: string): Promise<string> {
  const { incident } = await post(
    "/incidents",
    { name, status: "investigating", body: "Investigating.", started_at: from, display_at: from, components: [{ id: componentId, status }] },
    origin,
  );
  await post(
    `/incidents/${incident.id}/updates`,
    { status: "resolved", body: "Resolved.", display_at: to, components: [{ id: componentId, status: "operational" }] },
    origin,
  );
  return incident.id;
}

// The first page of the file is the default page: its admin API and public pages answer on http://status.test.
let page: { id: string };
let api: { id: string };
let web: { id: string };
let platform: { id: string };
let batch: { id: string };
/** Today in São Paulo when the file started; `d(-3)` is three local days earlier. */
let today: string;
const d = (n: number) => plusDays(today, n);

beforeAll(async () => {
  today = dayIn(Date.now(), SAO_PAULO);
  page = await createPage({ name: "Rollups", time_zone: SAO_PAULO.name });
  api = await createComponent({ name: "API", start_date: d(-10) });
  platform = await createComponent({ name: "Platform", group: true });
  web = await createComponent({ name: "Web", group_id: platform.id, start_date: d(-5) });
  // No start date: it counts from its creation, today, so it has no closed day yet.
  batch = await createComponent({ name: "Batch" });
  await outage("API errors", api.id, "partial_outage", at(d(-3), "22:00"), at(d(-2), "02:00"));
  await runCron(Date.now(), ROLLUP_CRON);
});

describe("the rollups job on a page in São Paulo (UTC-3)", () => {
  it("cuts a 22:00–02:00 partial outage at local midnight (03:00Z): 2 h on each of the two days", async () => {
    const rows = await byDay(api.id);
    const zeros = { major_ms: 0, degraded_ms: 0, maintenance_ms: 0 };
    expect(rows.get(d(-3))).toEqual({
      page_id: page.id,
      component_id: api.id,
      day: d(-3),
      day_start: Date.parse(`${d(-3)}T03:00:00Z`),
      day_end: Date.parse(`${d(-2)}T03:00:00Z`),
      observed_ms: DAY,
      partial_ms: 2 * HOUR,
      worst: "partial_outage",
      ...zeros,
    });
    expect(rows.get(d(-2))).toEqual({
      page_id: page.id,
      component_id: api.id,
      day: d(-2),
      day_start: Date.parse(`${d(-2)}T03:00:00Z`),
      day_end: Date.parse(`${d(-1)}T03:00:00Z`),
      observed_ms: DAY,
      partial_ms: 2 * HOUR,
      worst: "partial_outage",
      ...zeros,
    });
    for (const quiet of [d(-4), d(-1)]) expect(rows.get(quiet), quiet).toMatchObject({ partial_ms: 0, ...zeros, worst: "operational" });
  });

  it("rolls up only closed days, from the start date to yesterday, each a fully observed day starting at local midnight", async () => {
    const rows = await rowsOf(api.id);
    expect(rows.map((r) => r.day)).toEqual(daysFrom(d(-10), d(-1)));
    for (const r of rows) {
      expect(r.observed_ms, r.day).toBe(DAY);
      expect(r.day_start, r.day).toBe(midnight(r.day, SAO_PAULO));
      expect(r.day_end, r.day).toBe(midnight(plusDays(r.day, 1), SAO_PAULO));
    }
    expect((await rowsOf(web.id)).map((r) => r.day)).toEqual(daysFrom(d(-5), d(-1)));
  });

  it("writes no row for today, none before a start date, none for a component created today, none for a group", async () => {
    const all = await pageRows(page.id);
    expect(all.filter((r) => r.day >= today)).toEqual([]);
    expect((await rowsOf(api.id)).filter((r) => r.day < d(-10))).toEqual([]);
    expect(await rowsOf(batch.id)).toEqual([]);
    expect(await rowsOf(platform.id)).toEqual([]);
    expect(all).toHaveLength(15);
  });

  it("records what it did in the heartbeat, and marks the page clean through yesterday", async () => {
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 15, conflicts: 0 });
    const state = await rollupState(page.id);
    expect(state!.clean_generation).toBe(state!.generation);
    expect(state!.complete_through).toBe(d(-1));
  });
});

describe("a back-dated update to a rolled-up day", () => {
  let before: Map<string, DayRow>;
  let webBefore: DayRow[];
  let stateBefore: StateRow;
  let afterWrite: string[];
  let stateAfterWrite: StateRow;

  beforeAll(async () => {
    before = await byDay(api.id);
    webBefore = await rowsOf(web.id);
    stateBefore = (await rollupState(page.id))!;
    await outage("API down", api.id, "major_outage", at(d(-6), "10:00"), at(d(-6), "11:30"));
    afterWrite = (await rowsOf(api.id)).map((r) => r.day);
    stateAfterWrite = (await rollupState(page.id))!;
  });

  it("deletes that component's rows from the changed day on, keeps its earlier days and the other components' rows", async () => {
    expect(afterWrite).toEqual(daysFrom(d(-10), d(-7)));
    expect(await rowsOf(web.id)).toEqual(webBefore);
  });

  it("bumps the page's generation, so the page is no longer clean", () => {
    expect(stateAfterWrite.generation).toBeGreaterThan(stateBefore.generation);
    expect(stateAfterWrite.clean_generation).toBeLessThan(stateAfterWrite.generation);
  });

  it("is recomputed by the next run with the new figures, the untouched days left as they were", async () => {
    await runCron(Date.now(), ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 6, conflicts: 0 });
    const rows = await byDay(api.id);
    expect([...rows.keys()]).toEqual(daysFrom(d(-10), d(-1)));
    expect(rows.get(d(-6))).toMatchObject({ major_ms: 90 * MINUTE, partial_ms: 0, observed_ms: DAY, worst: "major_outage" });
    expect(before.get(d(-6))).toMatchObject({ major_ms: 0, worst: "operational" });
    // The earlier outage is still there, still cut at midnight.
    expect(rows.get(d(-3))).toMatchObject({ partial_ms: 2 * HOUR, major_ms: 0, worst: "partial_outage" });
    expect(rows.get(d(-2))).toMatchObject({ partial_ms: 2 * HOUR, major_ms: 0, worst: "partial_outage" });
    for (const day of daysFrom(d(-10), d(-7))) expect(rows.get(day), day).toEqual(before.get(day));
    const state = (await rollupState(page.id))!;
    expect(state.clean_generation).toBe(state.generation);
  });
});

describe("running a tick twice", () => {
  it("recomputes the days a write forgot to the same figures, then writes nothing the second time", async () => {
    const rowsBefore = await pageRows(page.id);
    const db = createDb(env.DB);
    // The statements a back-dated write issues: forget API's and Web's days from d(-4) on, bump the generation.
    await runBatch(invalidateDaysStatements(db, page.id, [api.id, web.id], midnight(d(-4), SAO_PAULO)));
    expect(await pageRows(page.id)).toHaveLength(rowsBefore.length - 8);

    const tick = Date.now();
    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 8, conflicts: 0 });
    expect(await pageRows(page.id)).toEqual(rowsBefore);

    const rows = await pageRows(page.id);
    const state = await rollupState(page.id);
    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 0, rows: 0, conflicts: 0 });
    expect(await pageRows(page.id)).toEqual(rows);
    expect(await rollupState(page.id)).toEqual(state);
  });

  it("costs a clean page no recompute: two reads (the rollup states and the pages), no write", async () => {
    const counting = countingEnv();
    const result = await rollups({ db: createDb(counting.env.DB), kv: counting.env.CACHE, now: Date.now() });
    expect(result).toEqual({ pages: 0, rows: 0, conflicts: 0 });
    expect(counting.d1()).toBe(2);
  });
});

describe("a write that lands while the job computes", () => {
  it("rolls back a rollup batch whose generation guard finds the generation moved on: no row, no clean mark", async () => {
    const db = createDb(env.DB);
    const state = (await rollupState(page.id))!;
    const row = {
      pageId: page.id,
      componentId: api.id,
      day: "2001-01-01",
      dayStart: midnight("2001-01-01", SAO_PAULO),
      dayEnd: midnight("2001-01-02", SAO_PAULO),
      observedMs: DAY,
      majorMs: 0,
      partialMs: 0,
      degradedMs: 0,
      maintenanceMs: 0,
      worst: "operational" as const,
    };
    // The job's guard: the generation it read (here one behind) is no longer the page's.
    const staleGuard = guardStatement(
      db,
      "rollups_changed",
      sql`coalesce((SELECT generation FROM rollup_state WHERE page_id = ${page.id}), 0) <> ${state.generation - 1}`,
    );
    const failure = await runBatch([staleGuard, ...upsertRollupStatements(db, [row]), markRollupsClean(db, page.id, state.generation + 5, "2999-12-31")]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).not.toBeNull();
    expect(isStaleState(failure)).toBe(true);
    expect((await rowsOf(api.id)).filter((r) => r.day === "2001-01-01")).toEqual([]);
    expect(await rollupState(page.id)).toEqual(state);

    // Control: the same batch guarded by the current generation goes through.
    const currentGuard = guardStatement(
      db,
      "rollups_changed",
      sql`coalesce((SELECT generation FROM rollup_state WHERE page_id = ${page.id}), 0) <> ${state.generation}`,
    );
    await runBatch([currentGuard, ...upsertRollupStatements(db, [row])]);
    expect((await rowsOf(api.id)).filter((r) => r.day === "2001-01-01")).toHaveLength(1);
    await env.DB.prepare("DELETE FROM uptime_days WHERE component_id = ? AND day = '2001-01-01'").bind(api.id).run();
  });

  it("drops the rows of a run when a back-dated write (injected through a D1 wrapper) lands between its read and its write; the next run redoes them", async () => {
    // A first back-dated write leaves API's days from d(-5) on to recompute.
    await outage("API slow", api.id, "degraded_performance", at(d(-5), "08:00"), at(d(-5), "09:00"));
    expect((await rowsOf(api.id)).map((r) => r.day)).toEqual(daysFrom(d(-10), d(-6)));

    // The job reads, computes those days, and just before its write batch goes out, an operator
    // posts another back-dated outage on d(-4): the days the job computed are stale.
    let armed = false;
    let injected = 0;
    const racing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") {
          return (query: string) => {
            if (query.includes("write_guards")) armed = true;
            return target.prepare(query);
          };
        }
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (armed) {
              armed = false;
              injected++;
              await outage("API down again", api.id, "major_outage", at(d(-4), "12:00"), at(d(-4), "12:20"));
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });

    const result = await rollups({ db: createDb(racing), kv: env.CACHE, now: Date.now() });
    expect(injected).toBe(1);
    expect(result).toEqual({ pages: 0, rows: 0, conflicts: 1 });
    expect((await rowsOf(api.id)).map((r) => r.day)).toEqual(daysFrom(d(-10), d(-6)));
    const state = (await rollupState(page.id))!;
    expect(state.clean_generation).toBeLessThan(state.generation);

    await runCron(Date.now(), ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 5, conflicts: 0 });
    const rows = await byDay(api.id);
    expect([...rows.keys()]).toEqual(daysFrom(d(-10), d(-1)));
    expect(rows.get(d(-5))).toMatchObject({ degraded_ms: HOUR, major_ms: 0, worst: "degraded_performance" });
    expect(rows.get(d(-4))).toMatchObject({ major_ms: 20 * MINUTE, degraded_ms: 0, worst: "major_outage" });
    expect(rows.get(d(-3))).toMatchObject({ partial_ms: 2 * HOUR, worst: "partial_outage" });
  });
});

describe("the home page reads the same with or without rollups", () => {
  const ORIGIN = "http://uptime-home.test";
  let home: { id: string };
  const ids: Record<string, string> = {};
  let tick: number;
  let withoutRollups: string;
  let withRollups: string;

  const homeAt = (time: number) => rebuildHome(home.id, ORIGIN, time);

  beforeAll(async () => {
    home = await createPage({ name: "Uptime home", host: "uptime-home.test", time_zone: SAO_PAULO.name });
    for (const c of [{ name: "Gateway", start_date: "2020-01-01" }, { name: "Search", start_date: d(-20) }, { name: "Mailer" }]) {
      const { status, json } = await adminOn(ORIGIN, "POST", "/components", c);
      expect(status, JSON.stringify(json)).toBe(201);
      ids[c.name] = json.component.id;
    }
    await outage("Gateway errors", ids.Gateway!, "partial_outage", at(d(-3), "22:00"), at(d(-2), "02:00"), ORIGIN);
    await outage("Gateway down", ids.Gateway!, "major_outage", at(d(-40), "10:00"), at(d(-40), "10:45"), ORIGIN);
    await outage("Search slow", ids.Search!, "degraded_performance", at(d(-8), "20:00"), at(d(-6), "09:15"), ORIGIN);
    await outage("Search maintenance", ids.Search!, "under_maintenance", at(d(-12), "01:00"), at(d(-12), "03:30"), ORIGIN);
    // Still going on: today's bar is always computed from raw history.
    await post(
      "/incidents",
      { name: "Mailer delays", status: "investigating", body: "Looking.", components: [{ id: ids.Mailer!, status: "partial_outage" }] },
      ORIGIN,
    );
    tick = Date.now();

    expect(await pageRows(home.id)).toEqual([]);
    withoutRollups = await homeAt(tick);
    await runCron(tick, ROLLUP_CRON);
    withRollups = await homeAt(tick);
  });

  it("has the closed days rolled up, and then reads raw history only for today", async () => {
    // Gateway: the 89 closed days of the 90; Search: 20 days from its start date; Mailer: none (created today).
    expect(await pageRows(home.id)).toHaveLength(89 + 20);
    const snapshot = (await loadHomeSnapshot(createDb(env.DB), home.id, tick))!;
    expect(snapshot.rollups.filter((r) => r.pageId === home.id)).toHaveLength(89 + 20);
    expect(snapshot.statusChanges.length).toBeGreaterThan(0);
    for (const change of snapshot.statusChanges) expect(change.changedAt).toBeGreaterThanOrEqual(midnight(today, SAO_PAULO));
  });

  it("shows the same uptime figure for every component, the expected one", () => {
    const before = percents(withoutRollups);
    expect([...before.keys()]).toEqual(["Gateway", "Search", "Mailer"]);
    expect(percents(withRollups)).toEqual(before);
    // Gateway: 45 min major + 0.3 × 4 h partial, over 89 closed days and today so far.
    const observed = 89 * DAY + (tick - midnight(today, SAO_PAULO));
    const ratio = 1 - (45 * MINUTE + 0.3 * 4 * HOUR) / observed;
    expect(before.get("Gateway")).toBe(`${(Math.floor(ratio * 10_000 + 1e-6) / 100).toFixed(2)} %`);
    expect(before.get("Gateway")).not.toBe("100.00 %");
  });

  it("draws the same 90 bars, with the same texts and colours", () => {
    const before = barsOf(withoutRollups);
    const after = barsOf(withRollups);
    for (const name of ["Gateway", "Search", "Mailer"]) {
      expect(before.get(name), name).toHaveLength(90);
      expect(after.get(name), name).toEqual(before.get(name));
    }
    const gateway = before.get("Gateway")!;
    // Uptime of one day: 1 − (major + 0.3 × partial) / 24 h. 2 h partial: 97.50 %; 45 min major: 96.875 %, shown 96.87 %.
    expect(gateway[86]).toEqual({ level: "partial_outage", text: `${barLabel(d(-3), SAO_PAULO)} · 97.50 % uptime · 2h partial outage · Gateway errors` });
    expect(gateway[87]).toEqual({ level: "partial_outage", text: `${barLabel(d(-2), SAO_PAULO)} · 97.50 % uptime · 2h partial outage · Gateway errors` });
    expect(gateway[88]).toEqual({ level: "ok", text: `${barLabel(d(-1), SAO_PAULO)} · 100.00 % uptime · No downtime` });
    expect(gateway[49]).toEqual({ level: "major_outage", text: `${barLabel(d(-40), SAO_PAULO)} · 96.87 % uptime · 45m major outage · Gateway down` });
    const search = before.get("Search")!;
    expect(search[89 - 21]).toEqual({ level: "none", text: `${barLabel(d(-21), SAO_PAULO)} · No data` });
    expect(search[89 - 7]).toEqual({ level: "degraded_performance", text: `${barLabel(d(-7), SAO_PAULO)} · 100.00 % uptime · 1d degraded · Search slow` });
  });

  it("renders an identical components section (and page) either way", () => {
    expect(section(withRollups, "comp-h")).toBe(section(withoutRollups, "comp-h"));
    expect(withRollups).toBe(withoutRollups);
  });

  it("still reads the same when only the earlier days are rolled up (a back-dated write forgot the later ones)", async () => {
    const db = createDb(env.DB);
    await runBatch(invalidateDaysStatements(db, home.id, [ids.Search!], midnight(d(-7), SAO_PAULO)));
    expect((await rowsOf(ids.Search!)).map((r) => r.day)).toEqual(daysFrom(d(-20), d(-8)));
    expect(await homeAt(tick)).toBe(withoutRollups);
    await runCron(tick, ROLLUP_CRON);
    expect(await rowsOf(ids.Search!)).toHaveLength(20);
    expect(await homeAt(tick)).toBe(withoutRollups);
  });
});

describe("a page time-zone change", () => {
  let generationBefore: number;
  let homeRowsBefore: number;

  beforeAll(async () => {
    generationBefore = (await rollupState(page.id))!.generation;
    homeRowsBefore = (await env.DB.prepare("SELECT count(*) AS n FROM uptime_days WHERE page_id <> ?").bind(page.id).first<{ n: number }>())!.n;
    const { status, json } = await adminJson("PATCH", "/page", { time_zone: TOKYO.name });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.page.time_zone).toBe(TOKYO.name);
  });

  it("forgets every rolled-up day of the page (and only of that page), and marks it dirty", async () => {
    expect(await pageRows(page.id)).toEqual([]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM uptime_days WHERE page_id <> ?").bind(page.id).first<{ n: number }>())!.n).toBe(homeRowsBefore);
    const state = (await rollupState(page.id))!;
    expect(state.generation).toBeGreaterThan(generationBefore);
    expect(state.clean_generation).toBeLessThan(state.generation);
  });

  it("is rolled up again by the next run, cut at Tokyo midnight (15:00Z the day before)", async () => {
    const tick = Date.now();
    await runCron(tick, ROLLUP_CRON);
    const tokyoToday = dayIn(tick, TOKYO);
    // The start date is a calendar day: now Tokyo's.
    const apiDays = daysFrom(d(-10), plusDays(tokyoToday, -1));
    const webDays = daysFrom(d(-5), plusDays(tokyoToday, -1));
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: apiDays.length + webDays.length, conflicts: 0 });
    const rows = await rowsOf(api.id);
    expect(rows.map((r) => r.day)).toEqual(apiDays);
    for (const r of rows) {
      expect(r.day_start, r.day).toBe(Date.parse(`${plusDays(r.day, -1)}T15:00:00Z`));
      expect(r.day_end - r.day_start).toBe(DAY);
      expect(r.observed_ms).toBe(DAY);
    }
    // 22:00–02:00 in São Paulo is 10:00–14:00 in Tokyo: the whole 4 h on one Tokyo day.
    const partialDay = dayIn(Date.parse(at(d(-3), "22:00")), TOKYO);
    const byDayRows = new Map(rows.map((r) => [r.day, r]));
    expect(byDayRows.get(partialDay)).toMatchObject({ partial_ms: 4 * HOUR, worst: "partial_outage" });
    expect(rows.reduce((sum, r) => sum + r.partial_ms, 0)).toBe(4 * HOUR);
    expect(byDayRows.get(dayIn(Date.parse(at(d(-6), "10:00")), TOKYO))).toMatchObject({ major_ms: 90 * MINUTE, worst: "major_outage" });
    expect((await rowsOf(web.id)).map((r) => r.day)).toEqual(webDays);
  });
});

describe("the heartbeat", () => {
  it("lists the rollups job with its cron, its tick and what its last run did", async () => {
    // A new start date forgets all of Web's days: the run has something to do.
    const { status } = await adminJson("PATCH", `/components/${web.id}`, { start_date: d(-3) });
    expect(status).toBe(200);
    const tick = Date.now();
    await runCron(tick, ROLLUP_CRON);
    const expectedRows = daysFrom(d(-3), plusDays(dayIn(tick, TOKYO), -1)).length;

    const { status: listed, json } = await adminJson("GET", "/jobs");
    expect(listed).toBe(200);
    const job = json.jobs.find((j: { job: string }) => j.job === "rollups");
    expect(job).toEqual({
      job: "rollups",
      cron: ROLLUP_CRON,
      last_scheduled_at: new Date(tick).toISOString(),
      last_ran_at: expect.any(String),
      last_result: { pages: 1, rows: expectedRows, conflicts: 0 },
      last_error: null,
      last_error_at: null,
      late: false,
    });
    expect((await rowsOf(web.id)).map((r) => r.day)).toEqual(daysFrom(d(-3), plusDays(dayIn(tick, TOKYO), -1)));
  });
});

describe("the home page after a back-dated update that lands before a change already made today", () => {
  const ORIGIN = "http://uptime-chain.test";
  let chain: { id: string };
  let billing: string;
  let tick: number;
  let withoutRollups: string;
  let withRollups: string;

  const homeAt = (time: number) => rebuildHome(chain.id, ORIGIN, time);

  beforeAll(async () => {
    chain = await createPage({ name: "Uptime chain", host: "uptime-chain.test", time_zone: SAO_PAULO.name });
    const { json } = await adminOn(ORIGIN, "POST", "/components", { name: "Billing", start_date: "2020-01-01" });
    billing = json.component.id;
    // An old, ordinary outage: the history before the window's days is consistent.
    await outage("Billing down in the past", billing, "major_outage", at(d(-30), "10:00"), at(d(-30), "10:45"), ORIGIN);
    // Today: Billing goes into partial outage (now, after local midnight)...
    await post(
      "/incidents",
      { name: "Billing errors", status: "investigating", body: "Looking.", components: [{ id: billing, status: "partial_outage" }] },
      ORIGIN,
    );
    // ...then an operator records that it has been down since yesterday 22:00 (a back-dated incident).
    await post(
      "/incidents",
      {
        name: "Billing down since last night",
        status: "investigating",
        body: "Down.",
        started_at: at(d(-1), "22:00"),
        display_at: at(d(-1), "22:00"),
        components: [{ id: billing, status: "major_outage" }],
      },
      ORIGIN,
    );
    tick = Date.now();
    expect(await pageRows(chain.id)).toEqual([]);
    withoutRollups = await homeAt(tick);
    await runCron(tick, ROLLUP_CRON);
    expect(await rowsOf(billing)).toHaveLength(89);
    withRollups = await homeAt(tick);
  });

  it("rolls up yesterday with the 2 h of major outage since 22:00", async () => {
    expect((await byDay(billing)).get(d(-1))).toMatchObject({ major_ms: 2 * HOUR, worst: "major_outage" });
  });

  it("shows the same bar for today with the rollups as without", () => {
    const before = bars(componentRows(withoutRollups).get("Billing")!, withoutRollups);
    const after = bars(componentRows(withRollups).get("Billing")!, withRollups);
    expect(after.at(-1)).toEqual(before.at(-1));
  });

  it("shows the same uptime figure with the rollups as without", () => {
    const percent = (html: string) => /(\d+\.\d\d %) uptime/.exec(text(componentRows(html).get("Billing")!))?.[1];
    expect(percent(withRollups)).toBe(percent(withoutRollups));
  });
});

describe("a first fill larger than one run's budget", () => {
  const ORIGIN = "http://uptime-many.test";
  let many: { id: string };

  beforeAll(async () => {
    many = await createPage({ name: "Uptime many", host: "uptime-many.test", time_zone: SAO_PAULO.name });
    for (let i = 1; i <= 11; i++) {
      const { status } = await adminOn(ORIGIN, "POST", "/components", { name: `Service ${i}`, start_date: "2020-01-01" });
      expect(status).toBe(201);
    }
  });

  it("writes 900 rows in the first run, leaves the page dirty, and finishes the other 79 in the next", async () => {
    const tick = Date.now();
    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 900, conflicts: 0 });
    expect(await pageRows(many.id)).toHaveLength(900);
    const halfway = (await rollupState(many.id))!;
    expect(halfway.clean_generation).toBeLessThan(halfway.generation);
    expect(halfway.complete_through).toBeNull();

    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 79, conflicts: 0 });
    const rows = await pageRows(many.id);
    expect(rows).toHaveLength(11 * 89);
    expect(new Set(rows.map((r) => `${r.component_id}|${r.day}`)).size).toBe(11 * 89);
    const done = (await rollupState(many.id))!;
    expect(done.clean_generation).toBe(done.generation);
    expect(done.complete_through).toBe(d(-1));

    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 0, rows: 0, conflicts: 0 });
  });
});

describe("a day later", () => {
  it("rolls up the day that has just closed, on every page, and only that day", async () => {
    const tick = Date.now() + DAY;
    const tokyoToday = dayIn(tick - DAY, TOKYO);
    await runCron(tick, ROLLUP_CRON);
    // Rollups (Tokyo): API, Web, Batch; Uptime home: Gateway, Search, Mailer; Uptime chain: Billing; Uptime many: 11.
    expect(await lastRollupResult()).toEqual({ pages: 4, rows: 18, conflicts: 0 });
    expect((await rollupState(page.id))!.complete_through).toBe(tokyoToday);

    // Batch was created today, without a start date: observed from its creation to Tokyo midnight.
    const created = (await env.DB.prepare("SELECT created_at FROM components WHERE id = ?").bind(batch.id).first<{ created_at: number }>())!.created_at;
    const rows = await rowsOf(batch.id);
    expect(rows.map((r) => r.day)).toEqual([tokyoToday]);
    expect(rows[0]).toMatchObject({ observed_ms: midnight(plusDays(tokyoToday, 1), TOKYO) - created, partial_ms: 0, major_ms: 0, worst: "operational" });
    expect((await rowsOf(api.id)).at(-1)!.day).toBe(tokyoToday);
  });
});

describe("days of 25 and 23 hours", () => {
  it("rolls up New York's fall-back day (2024-11-03) as 25 h, and the home page reads it the same", async () => {
    const ORIGIN = "http://uptime-ny.test";
    const ny = await createPage({ name: "Uptime NY", host: "uptime-ny.test", time_zone: "America/New_York" });
    const { json } = await adminOn(ORIGIN, "POST", "/components", { name: "Core", start_date: "2024-10-01" });
    const core = json.component.id as string;
    // 00:30 EDT to 03:30 EST: 4 h across the repeated hour.
    await outage("Core errors", core, "partial_outage", "2024-11-03T00:30:00-04:00", "2024-11-03T03:30:00-05:00", ORIGIN);
    const tick = Date.parse("2024-11-10T17:00:00Z");
    const without = await rebuildHome(ny.id, ORIGIN, tick);
    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: daysFrom("2024-10-01", "2024-11-09").length, conflicts: 0 });

    const rows = await byDay(core);
    expect(rows.get("2024-11-03")).toMatchObject({
      day_start: Date.parse("2024-11-03T04:00:00Z"),
      day_end: Date.parse("2024-11-04T05:00:00Z"),
      observed_ms: 25 * HOUR,
      partial_ms: 4 * HOUR,
      worst: "partial_outage",
    });
    expect(rows.get("2024-11-02")).toMatchObject({ observed_ms: 24 * HOUR, partial_ms: 0 });
    expect(rows.get("2024-11-04")).toMatchObject({ day_start: Date.parse("2024-11-04T05:00:00Z"), observed_ms: 24 * HOUR, partial_ms: 0 });

    const withRollups = await rebuildHome(ny.id, ORIGIN, tick);
    expect(barsOf(withRollups)).toEqual(barsOf(without));
    expect(percents(withRollups)).toEqual(percents(without));
    expect(
      barsOf(without)
        .get("Core")!
        .find((b) => b.text.startsWith("Nov 3, 2024")),
    ).toEqual({ level: "partial_outage", text: "Nov 3, 2024 · 95.20 % uptime · 4h partial outage · Core errors" }); // 1 − 0.3 × 4 h / 25 h
  });

  it("starts Santiago's spring-forward day (2024-09-08, no midnight) at 01:00 local, 23 h long, and the home page reads it the same", async () => {
    const ORIGIN = "http://uptime-scl.test";
    const scl = await createPage({ name: "Uptime Santiago", host: "uptime-scl.test", time_zone: "America/Santiago" });
    const { json } = await adminOn(ORIGIN, "POST", "/components", { name: "Payments", start_date: "2024-09-01" });
    const payments = json.component.id as string;
    // 23:00 (UTC-4) on the 7th to 02:00 (UTC-3) on the 8th: 03:00Z to 05:00Z, one hour on each day.
    await outage("Payments errors", payments, "major_outage", "2024-09-07T23:00:00-04:00", "2024-09-08T02:00:00-03:00", ORIGIN);
    const tick = Date.parse("2024-09-20T15:00:00Z");
    const without = await rebuildHome(scl.id, ORIGIN, tick);
    await runCron(tick, ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: daysFrom("2024-09-01", "2024-09-19").length, conflicts: 0 });

    const rows = await byDay(payments);
    expect(rows.get("2024-09-07")).toMatchObject({
      day_start: Date.parse("2024-09-07T04:00:00Z"),
      day_end: Date.parse("2024-09-08T04:00:00Z"),
      observed_ms: 24 * HOUR,
      major_ms: HOUR,
      worst: "major_outage",
    });
    expect(rows.get("2024-09-08")).toMatchObject({
      day_start: Date.parse("2024-09-08T04:00:00Z"),
      day_end: Date.parse("2024-09-09T03:00:00Z"),
      observed_ms: 23 * HOUR,
      major_ms: HOUR,
      worst: "major_outage",
    });

    const withRollups = await rebuildHome(scl.id, ORIGIN, tick);
    expect(barsOf(withRollups)).toEqual(barsOf(without));
    expect(percents(withRollups)).toEqual(percents(without));
    const list = barsOf(without).get("Payments")!;
    // 1 h down of 24 h, then of 23 h.
    expect(list.find((b) => b.text.startsWith("Sep 7, 2024"))).toEqual({
      level: "major_outage",
      text: "Sep 7, 2024 · 95.83 % uptime · 1h major outage · Payments errors",
    });
    expect(list.find((b) => b.text.startsWith("Sep 8, 2024"))).toEqual({
      level: "major_outage",
      text: "Sep 8, 2024 · 95.65 % uptime · 1h major outage · Payments errors",
    });
  });
});

describe("a back-dated outage posted while the component is in another status today", () => {
  const ORIGIN = "http://uptime-order.test";
  let ledger: string;

  beforeAll(async () => {
    await createPage({ name: "Uptime order", host: "uptime-order.test", time_zone: SAO_PAULO.name });
    const { json } = await adminOn(ORIGIN, "POST", "/components", { name: "Ledger", start_date: "2020-01-01" });
    ledger = json.component.id;
    // Operational for years; in partial outage since now; then an operator records that it has been
    // in major outage since yesterday 22:00.
    await post(
      "/incidents",
      { name: "Ledger errors", status: "investigating", body: "Looking.", components: [{ id: ledger, status: "partial_outage" }] },
      ORIGIN,
    );
    await post(
      "/incidents",
      {
        name: "Ledger down since last night",
        status: "investigating",
        body: "Down.",
        started_at: at(d(-1), "22:00"),
        display_at: at(d(-1), "22:00"),
        components: [{ id: ledger, status: "major_outage" }],
      },
      ORIGIN,
    );
    await runCron(Date.now(), ROLLUP_CRON);
  });

  it("rolls up yesterday with 2 h of major outage", async () => {
    expect((await byDay(ledger)).get(d(-1))).toMatchObject({ major_ms: 2 * HOUR, worst: "major_outage" });
  });

  it("leaves the days before the outage operational", async () => {
    const rows = await rowsOf(ledger);
    expect(rows).toHaveLength(89);
    const before = rows.filter((r) => r.day < d(-1));
    expect(before.filter((r) => r.partial_ms > 0 || r.major_ms > 0).map((r) => `${r.day}: ${r.worst}`)).toEqual([]);
  });
});

describe("a time-zone change to a zone behind the old one", () => {
  const ORIGIN = "http://uptime-west.test";
  let west: { id: string };
  let core: string;
  const HONOLULU: Zone = { name: "Pacific/Honolulu", offset: "-10:00", hours: -10 };

  beforeAll(async () => {
    west = await createPage({ name: "Uptime west", host: "uptime-west.test", time_zone: TOKYO.name });
    const { json } = await adminOn(ORIGIN, "POST", "/components", { name: "Core", start_date: "2024-06-01" });
    core = json.component.id;
    // Ticks in the past: the job computes from its tick, so the days are fixed whatever the clock says.
    // 2024-06-10T20:00Z is 2024-06-11 05:00 in Tokyo: closed through 2024-06-10.
    await runCron(Date.parse("2024-06-10T20:00:00Z"), ROLLUP_CRON);
    expect((await rollupState(west.id))!.complete_through).toBe("2024-06-10");
    const { status } = await adminOn(ORIGIN, "PATCH", "/page", { time_zone: HONOLULU.name });
    expect(status).toBe(200);
    // 10:10 on 2024-06-10 in Honolulu: closed through 2024-06-09.
    await runCron(Date.parse("2024-06-10T20:10:00Z"), ROLLUP_CRON);
  });

  it("rolls up the days closed in the new zone, cut at Honolulu midnight", async () => {
    const rows = await rowsOf(core);
    expect(rows.map((r) => r.day)).toEqual(daysFrom("2024-06-01", "2024-06-09"));
    for (const r of rows) expect(r.day_start, r.day).toBe(midnight(r.day, HONOLULU));
  });

  it("rolls up 2024-06-10 once it closes in Honolulu (the old zone's progress does not count)", async () => {
    // 00:10 on 2024-06-11 in Honolulu: 2024-06-10 has just closed.
    await runCron(Date.parse("2024-06-11T10:10:00Z"), ROLLUP_CRON);
    expect(await lastRollupResult()).toEqual({ pages: 1, rows: 1, conflicts: 0 });
    expect((await rowsOf(core)).map((r) => r.day)).toEqual(daysFrom("2024-06-01", "2024-06-10"));
  });
});
