import { env } from "cloudflare:workers";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ROUTING_KEY } from "../../../src/cache/keys";
import { utcStamp } from "../../../src/present/notices";
import { failingD1, withFaults } from "../../helpers/faults";
import { seedDemo } from "../../helpers/fixtures";
import { call, getJson } from "../../helpers/http";
import { expectEnvelope } from "../admin/helpers";
import { text, texts, withoutNonce } from "../pages/html";

type Obj = Record<string, any>;

let incidentId: string;
let surfaces: string[];

/** Bodies a read filled expire after 60 s; what is left then is the never-expiring copy. */
async function expireShortLivedCopies(): Promise<void> {
  const { keys } = await env.CACHE.list();
  for (const { name } of keys) if (!name.includes(":lkg:") && name !== ROUTING_KEY) await env.CACHE.delete(name);
}

beforeAll(async () => {
  await seedDemo();
  const { json } = await getJson("/api/v2/incidents.json");
  incidentId = json.incidents.find((i: Obj) => i.name.startsWith("Desk and Portal"))!.id;
  surfaces = [
    "/api/v2/summary.json",
    "/api/v2/status.json",
    "/api/v2/incidents.json",
    `/api/v2/incidents/${incidentId}.json`,
    "/api/v2/stats.json",
    "/",
    `/incidents/${incidentId}`,
    "/history?year=2024",
    "/badge.svg",
    "/badge.json",
    "/history.atom",
    "/history.rss",
    "/embed/status",
  ];
  // Readers fill every body once (short-lived copy plus the last known good one); then the short-lived ones expire.
  await expireShortLivedCopies();
  for (const path of surfaces) expect((await call(path)).status, path).toBe(200);
  await expireShortLivedCopies();
}, 60_000);

describe("D1 failing, the short-lived copies expired", () => {
  const down = () => withFaults({ d1: "all" });

  it("answers every public surface with 200 from its last known good copy, marked stale in a header", async () => {
    for (const path of surfaces) {
      const res = await call(path, {}, down());
      expect(res.status, path).toBe(200);
      expect(Date.parse(res.headers.get("Edge-Status-Stale") ?? ""), path).toBeGreaterThan(0);
      expect(res.headers.get("Cache-Control"), path).toBe("public, max-age=5");
    }
  });

  it("adds stale: true and stale_as_of to JSON, and changes nothing else in it", async () => {
    const fresh = (await getJson("/api/v2/summary.json")).json;
    await expireShortLivedCopies();
    const res = await call("/api/v2/summary.json", {}, down());
    const body = (await res.json()) as Obj;
    expect(Object.keys(body).slice(0, 2)).toEqual(["stale", "stale_as_of"]);
    expect(body.stale).toBe(true);
    expect(body.stale_as_of).toBe(res.headers.get("Edge-Status-Stale"));
    const { stale, stale_as_of, ...rest } = body;
    expect(rest).toEqual(fresh);
    expect(res.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}-stale"$/);
  });

  it("puts 'Live data unavailable; showing the status as of HH:MM UTC' at the top of the HTML pages", async () => {
    for (const path of ["/", `/incidents/${incidentId}`, "/history?year=2024"]) {
      const res = await call(path, {}, down());
      const html = await res.text();
      const asOf = Date.parse(res.headers.get("Edge-Status-Stale")!);
      const main = html.slice(html.indexOf('<main id="main" class="wrap">'));
      expect(text(main), path).toMatch(new RegExp(`^Live data unavailable; showing the status as of ${utcStamp(asOf, Date.now())} ?\\. `));
      expect(texts(html, "h1").length, path).toBe(1);
    }
  });

  it("serves the same feeds, badge and embed line as before, the line saying from when", async () => {
    for (const path of ["/history.atom", "/history.rss", "/badge.svg", "/badge.json"]) {
      const stale = await (await call(path, {}, down())).text();
      await expireShortLivedCopies();
      const fresh = await (await call(path)).text();
      await expireShortLivedCopies();
      expect(stale, path).toBe(fresh);
      if (!path.endsWith(".json")) expect(() => new XMLParser().parse(stale), path).not.toThrow();
    }
    const line = await (await call("/embed/status", {}, down())).text();
    expect(text(line)).toMatch(/· as of \d{2}:\d{2} UTC$/);
  });

  it("gives up on a D1 that does not answer after the deadline, and serves the copy", async () => {
    const res = await call("/api/v2/status.json", {}, withFaults({ d1: "hang" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Obj).stale).toBe(true);
  });

  it("finds the page from the routing table's last known good copy when that record expired too", async () => {
    await env.CACHE.delete(ROUTING_KEY);
    expect((await call("/api/v2/status.json")).status).toBe(200); // a read fills the record, briefly, and its copy
    await env.CACHE.delete(ROUTING_KEY);
    const res = await call("/api/v2/status.json", {}, down());
    expect(res.status).toBe(200);
    expect(((await res.json()) as Obj).status.indicator).toBe("none");
    expect((await call("/api/v2/status.json")).status).toBe(200); // refills the routing record
  });
});

describe("KV failing, D1 answering", () => {
  it("builds every surface from D1, not marked stale", async () => {
    for (const path of surfaces) {
      const res = await call(path, {}, withFaults({ kv: true }));
      expect(res.status, `${path} ${res.status === 200 ? "" : await res.clone().text()}`).toBe(200);
      expect(res.headers.has("Edge-Status-Stale"), path).toBe(false);
    }
  });
});

describe("D1 and KV both failing", () => {
  const bothDown = () => withFaults({ d1: "all", kv: true });

  it("answers JSON, feeds and badge data with the 503 envelope and Retry-After", async () => {
    for (const path of ["/api/v2/summary.json", `/api/v2/incidents/${incidentId}.json`, "/history.atom", "/badge.json"]) {
      const res = await call(path, {}, bothDown());
      expect(res.headers.get("Retry-After"), path).toBe("30");
      await expectEnvelope(res, { status: 503, code: "status_unavailable", field: "cache" });
    }
  });

  it("answers the pages with the page bundled in the worker, and the badge with an 'unavailable' badge", async () => {
    for (const path of ["/", `/incidents/${incidentId}`, "/history", "/embed/status"]) {
      const res = await call(path, {}, bothDown());
      expect(res.status, path).toBe(503);
      const html = await res.text();
      expect(texts(html, "h1"), path).toEqual(["Status temporarily unavailable"]);
      expect(html, path).not.toMatch(/D1_ERROR|KV GET/);
    }
    const badge = await call("/badge.svg", {}, bothDown());
    expect(badge.status).toBe(503);
    expect(badge.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(await badge.text()).toContain("<title>status: unavailable</title>");
  });

  it("is back to normal, fresh and unmarked, as soon as D1 answers again", async () => {
    const res = await call("/", {}, { ...env, DB: failingD1("writes") });
    expect(res.status).toBe(200);
    expect(withoutNonce(await res.text())).not.toContain("Live data unavailable");
  });
});
