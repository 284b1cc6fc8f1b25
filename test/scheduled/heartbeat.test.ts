import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ROUTING_KEY } from "../../src/cache/keys";
import type { Site } from "../../src/cache/routing";
import { EVERY_TEN_MINUTES } from "../../src/scheduled";
import { withFaults } from "../helpers/faults";
import { seedDemo } from "../helpers/fixtures";
import { call, getJson } from "../helpers/http";
import { runCron } from "../helpers/scheduled";
import { text } from "../routes/pages/html";

const MINUTE = 60_000;
// Ticks are whole minutes before the real clock: pages read "now" from the request.
const tickAgo = (minutes: number) => Math.floor(Date.now() / MINUTE) * MINUTE - minutes * MINUTE;

const storedBeat = async () => (await env.CACHE.get<Site>(ROUTING_KEY, "json"))?.heartbeat;
const homeText = async () => text(await (await call("/")).text());

beforeAll(async () => {
  await seedDemo();
});

// One routing record holds the beat, and a beat never moves back: these run in order.
describe("the scheduler's heartbeat", () => {
  it("is absent before the first run: the API says so and the page claims nothing", async () => {
    const { json } = await getJson("/api/v2/heartbeat.json");
    expect(json.scheduler).toMatchObject({ last_run_at: null, age_seconds: null, overdue: true, failing_jobs: [] });
    expect(await homeText()).not.toMatch(/scheduled checks/i);
  });

  it("says on every page, and in the API, when the checks are overdue", async () => {
    const at = tickAgo(20);
    await runCron(at);
    expect(await storedBeat()).toEqual({ at, failing: [] });
    const { json } = await getJson("/api/v2/heartbeat.json");
    expect(json.scheduler).toMatchObject({ last_run_at: new Date(at).toISOString(), overdue: true, recorded_every_seconds: 300, overdue_after_seconds: 900 });
    expect(json.scheduler.age_seconds).toBeGreaterThanOrEqual(20 * 60);
    for (const path of ["/", "/history"]) {
      const page = text(await (await call(path)).text());
      expect(page, path).toMatch(/Scheduled checks are late: they last ran 2\d minutes ago ?\. Maintenance windows may start or end late/);
    }
  });

  it("shows when the checks last ran in the footer, and no warning, once they run again", async () => {
    const at = tickAgo(2);
    await runCron(at);
    expect(await storedBeat()).toEqual({ at, failing: [] });
    const page = await homeText();
    expect(page).not.toMatch(/Scheduled checks are (late|failing)/);
    expect(page).toMatch(/Updated [23] minutes ago by the scheduled checks \(\d{2}:\d{2} UTC\)\./);
    const { json } = await getJson("/api/v2/heartbeat.json");
    expect(json.scheduler.overdue).toBe(false);
  });

  it("is written at most every five minutes, and a repeated or late tick never moves it back", async () => {
    const at = (await storedBeat())!.at;
    await runCron(at + MINUTE);
    expect((await storedBeat())!.at).toBe(at);
    await runCron(at + 5 * MINUTE);
    expect((await storedBeat())!.at).toBe(at + 5 * MINUTE);
    await runCron(at + 5 * MINUTE);
    await runCron(at + 2 * MINUTE);
    expect((await storedBeat())!.at).toBe(at + 5 * MINUTE);
    await runCron(at + 10 * MINUTE, EVERY_TEN_MINUTES);
    expect((await storedBeat())!.at).toBe(at + 5 * MINUTE);
  });

  it("names failing jobs at once, keeps the routing while D1 is down, and clears them when they recover", async () => {
    const before = (await env.CACHE.get<Site>(ROUTING_KEY, "json"))!;
    const at = before.heartbeat!.at + MINUTE;
    await runCron(at, undefined, withFaults({ d1: "all" }));
    const during = (await env.CACHE.get<Site>(ROUTING_KEY, "json"))!;
    expect(during.heartbeat).toEqual({ at, failing: ["auto-resolve", "maintenance-windows", "notify", "refresh-cache"] });
    expect({ ...during, heartbeat: undefined }).toEqual({ ...before, heartbeat: undefined });
    expect(await homeText()).toContain(
      "Scheduled checks are failing (auto-resolve, maintenance-windows, notify, refresh-cache); what this page shows may lag behind.",
    );
    expect((await getJson("/api/v2/heartbeat.json")).json.scheduler.failing_jobs).toEqual(["auto-resolve", "maintenance-windows", "notify", "refresh-cache"]);

    await runCron(at + MINUTE);
    expect(await storedBeat()).toEqual({ at: at + MINUTE, failing: [] });
    expect(await homeText()).not.toMatch(/Scheduled checks are failing/);
  });
});
