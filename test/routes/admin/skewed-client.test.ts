import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../helpers/fixtures";
import { AUTH, call } from "../../helpers/http";
import { cachedPage } from "../pages/html";
import { expectRefused, jsonInit } from "./helpers";

// The seed incident of September 2021: a server's clock jumped a year ahead, and dates of 2022 were
// written into 2021's data. Here an operator's client runs a year fast. Every write it sends must be
// refused with 422, and readers must see exactly the page they saw before.

const YEAR = 365 * 86_400_000;
const HOUR = 3_600_000;
/** The skewed client's idea of now, as ISO and as its Date header. */
const skewed = (offset = 0) => new Date(Date.now() + YEAR + offset);

type Obj = Record<string, any>;
type Write = { what: string; method: string; path: string; body: Obj; field: string | null };

let desk: string;
let november: string;

/** What the skewed client sends, each with the body field that gives its clock away (null: none does). */
function writes(): Write[] {
  const now = skewed().toISOString();
  return [
    {
      what: "opens an incident",
      method: "POST",
      path: "/incidents",
      body: { name: "Desk down", body: "Investigating.", started_at: now, display_at: now, components: [{ id: desk, status: "major_outage" }] },
      field: "body.started_at",
    },
    {
      what: "re-opens an incident with an update",
      method: "POST",
      path: `/incidents/${november}/updates`,
      body: { status: "investigating", body: "Again.", display_at: now },
      field: "body.display_at",
    },
    { what: "moves an incident's start", method: "PATCH", path: `/incidents/${november}`, body: { started_at: now }, field: "body.started_at" },
    {
      what: "replaces a postmortem",
      method: "PUT",
      path: `/incidents/${november}/postmortem`,
      body: { body: "Rewritten.", published_at: now },
      field: "body.published_at",
    },
    {
      what: "schedules a maintenance for its tomorrow",
      method: "POST",
      path: "/maintenances",
      body: {
        name: "Upgrade",
        body: "Planned.",
        scheduled_for: skewed(24 * HOUR).toISOString(),
        scheduled_until: skewed(26 * HOUR).toISOString(),
        component_ids: [desk],
      },
      field: "body.scheduled_for",
    },
    { what: "changes a component's status", method: "PATCH", path: `/components/${desk}`, body: { status: "major_outage" }, field: null },
  ];
}

async function rowCounts(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of results) counts[name] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${name}`).first<{ n: number }>())!.n;
  return counts;
}

async function publicView() {
  const res = await call("/api/v2/summary.json");
  expect(res.status).toBe(200);
  return { summary: await res.text(), etag: res.headers.get("ETag"), home: await cachedPage("/"), rows: await rowCounts() };
}

describe("a client whose clock runs a year ahead", () => {
  let before: Awaited<ReturnType<typeof publicView>>;

  beforeAll(async () => {
    await seedDemo(Date.now());
    const components = JSON.parse(await (await call("/api/v2/components.json")).text()).components as Obj[];
    desk = components.find((c) => c.name === "Desk")!.id;
    const incidents = JSON.parse(await (await call("/api/v2/incidents.json")).text()).incidents as Obj[];
    november = incidents.find((i) => i.name === "Desk and Portal inaccessible")!.id;
    await publicView(); // warms every cached body
    before = await publicView();
    expect(before.rows.incidents).toBeGreaterThan(0);
  }, 60_000);

  it("has every write refused by its Date header (422 timestamp_in_future, header.date), nothing written", { timeout: 30_000 }, async () => {
    for (const w of writes()) {
      const headers = { ...AUTH, Date: skewed().toUTCString() };
      const error = await expectRefused((b) => call(`/api/admin${w.path}`, jsonInit(w.method, w.body, headers), b), {
        status: 422,
        code: "timestamp_in_future",
        field: "header.date",
      });
      expect(error.details, w.what).toHaveLength(1);
    }
  });

  it("has every write that carries a time refused by that time when no Date header comes with it", { timeout: 30_000 }, async () => {
    for (const w of writes().filter((x) => x.field !== null)) {
      const error = await expectRefused((b) => call(`/api/admin${w.path}`, jsonInit(w.method, w.body), b), {
        status: 422,
        code: "timestamp_in_future",
        field: w.field!,
      });
      expect(error.message, w.what).toMatch(/ahead of|in the future/);
    }
  });

  it("leaves the public page exactly as it was: summary body and ETag, home page, row counts", async () => {
    const after = await publicView();
    expect(after.etag).toBe(before.etag);
    expect(after.summary).toBe(before.summary);
    expect(after.home).toBe(before.home);
    expect(after.rows).toEqual(before.rows);
    const summary = JSON.parse(after.summary) as Obj;
    expect(summary.incidents).toEqual([]);
    expect(summary.scheduled_maintenances).toEqual([]);
    expect(summary.status.indicator).toBe("none");
  });
});
