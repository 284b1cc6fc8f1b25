import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, createPage, seedDemo } from "../../helpers/fixtures";
import { adminJson, getJson } from "../../helpers/http";
import { adminOn, cachedPage, currentPage, main, section, text, texts } from "./html";

type Obj = Record<string, any>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let ids: Record<string, string>;

/** The Reliability section of a history page: its heading, and each window's label and figures. */
function reliability(html: string): { heading: string[]; rows: [string, string][] } {
  const rel = section(main(html), "rel-h");
  const rows = [...rel.matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd>([\s\S]*?)<\/dd>/g)].map((m) => [text(m[1]!), text(m[2]!)] as [string, string]);
  return { heading: texts(rel, "h2"), rows };
}

/** An incident started `daysAgo` days ago, resolved `lastedMs` later (left open when null). */
async function incident(name: string, daysAgo: number, lastedMs: number | null, componentId: string, origin?: string) {
  const startedAt = Math.floor(Date.now() / MINUTE) * MINUTE - daysAgo * DAY;
  const body = {
    name,
    status: "investigating",
    body: "Investigating.",
    started_at: iso(startedAt),
    display_at: iso(startedAt),
    components: [{ id: componentId, status: "partial_outage" }],
  };
  const created = origin ? (await adminOn(origin, "POST", "/incidents", body)).json.incident : await createIncident(body);
  if (lastedMs === null) return;
  const update = { status: "resolved", body: "Resolved.", display_at: iso(startedAt + lastedMs), components: [{ id: componentId, status: "operational" }] };
  const { status, json } = origin
    ? await adminOn(origin, "POST", `/incidents/${created.id}/updates`, update)
    : await adminJson("POST", `/incidents/${created.id}/updates`, update);
  expect(status, JSON.stringify(json)).toBe(201);
}

beforeAll(async () => {
  await seedDemo();
  const { json } = await getJson("/api/v2/components.json");
  ids = Object.fromEntries(json.components.map((c: Obj) => [c.name, c.id]));
});

describe("the Reliability section of /history", () => {
  it("on the demo (incidents in 2021 and 2024 only) counts no incident in either window", async () => {
    const html = await cachedPage("/history");
    expect(reliability(html)).toEqual({
      heading: ["Reliability"],
      rows: [
        ["Last 30 days", "0 incidents"],
        ["Last 90 days", "0 incidents"],
      ],
    });
  });

  it("comes right after the page heading, before the months", async () => {
    const body = main(await cachedPage("/history"));
    const rel = body.indexOf('aria-labelledby="rel-h"');
    expect(rel).toBeGreaterThan(body.indexOf("</h1>"));
    expect(rel).toBeLessThan(body.indexOf('<section class="month">'));
  });

  describe("after incidents 10 and 40 days ago", () => {
    beforeAll(async () => {
      await incident("Desk tickets stuck", 10, 5 * HOUR + 23 * MINUTE, ids.Desk!);
      await incident("Portal down", 40, 2 * HOUR + 10 * MINUTE, ids.Portal!);
    });

    it("counts one in the last 30 days and two in the last 90, each window with its mean time to resolve", async () => {
      expect(reliability(await cachedPage("/history")).rows).toEqual([
        ["Last 30 days", "1 incident · mean time to resolve 5h 23m"],
        ["Last 90 days", "2 incidents · mean time to resolve 3h 46m"],
      ]);
    });

    it("adds an open incident to the counts, says it is still open, and leaves it out of the mean", async () => {
      await incident("Desk slow", 5, null, ids.Desk!);
      expect(reliability(await cachedPage("/history")).rows).toEqual([
        ["Last 30 days", "2 incidents · mean time to resolve 5h 23m · 1 still open"],
        ["Last 90 days", "3 incidents · mean time to resolve 3h 46m · 1 still open"],
      ]);
    });

    it("shows the same last 30 and 90 days on the pages of earlier years, rebuilt on their first read after the write", async () => {
      const current = reliability(await cachedPage("/history"));
      for (const year of [2024, 2021]) {
        expect(reliability(await currentPage(`/history?year=${year}`)), String(year)).toEqual(current);
      }
    });
  });
});

describe("the Reliability section of a page whose only incident is open", () => {
  it("counts it, says it is still open, and gives no mean time to resolve", async () => {
    const ORIGIN = "http://reliability.test";
    await createPage({ name: "Open only", host: "reliability.test", time_zone: "Etc/UTC" });
    const { status, json } = await adminOn(ORIGIN, "POST", "/components", { name: "API" });
    expect(status, JSON.stringify(json)).toBe(201);
    await incident("API errors", 2, null, json.component.id, ORIGIN);
    const html = await cachedPage(`${ORIGIN}/history`);
    expect(reliability(html).rows).toEqual([
      ["Last 30 days", "1 incident · 1 still open"],
      ["Last 90 days", "1 incident · 1 still open"],
    ]);
    expect(text(html)).not.toContain("mean time to resolve");
  });
});
