import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createPage, seedDemo } from "../../helpers/fixtures";
import { adminJson, getJson } from "../../helpers/http";
import { adminOn, barEventNames, bars, cachedPage, componentRows, elements, get, main, pastDays, section, statusLabel, text, texts, times } from "./html";

const PLATFORM = ["CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"];
const ZONE = "America/Sao_Paulo";

/** "Nov 22, 2026": a day as the page labels it, in the page's zone. */
const dayLabel = (ms: number, timeZone = ZONE) => new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", year: "numeric" }).format(ms);

async function componentId(name: string): Promise<string> {
  const { json } = await getJson("/api/v2/components.json");
  return json.components.find((c: { name: string }) => c.name === name).id;
}

beforeAll(async () => {
  await seedDemo();
});

describe("the demo home page, all quiet", () => {
  let html: string;

  beforeAll(async () => {
    const { res, html: body } = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    html = body;
  });

  it("is one HTML document with exactly one h1, the page name", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(texts(html, "h1")).toEqual(["Blip"]);
  });

  it("says all is well, and why", () => {
    const banner = section(html, "status-h");
    expect(texts(banner, "h2")).toEqual(["All Systems Operational"]);
    expect(text(banner)).toContain("All 7 components operational");
    expect(html).not.toContain('aria-labelledby="open-h"');
  });

  it("lists Desk, then the Take Blip Platform group collapsible in a <details> with its six components", () => {
    const components = section(html, "comp-h");
    const details = elements(components, "details");
    expect(details).toHaveLength(1);
    expect(text(elements(details[0]!, "summary")[0]!)).toBe("Take Blip Platform ✓ Operational");
    expect([...componentRows(details[0]!).keys()]).toEqual(PLATFORM);
    expect([...componentRows(components).keys()]).toEqual(["Desk", ...PLATFORM]);
    expect(components.indexOf(">Desk<")).toBeLessThan(components.indexOf("<details>"));
    expect(details[0]!).not.toContain(">Desk<");
  });

  it("shows 90 bare daily bars, each telling its day and 100.00 % uptime, for each showcased component", () => {
    const rows = componentRows(html);
    expect(rows.size).toBe(7);
    for (const [name, row] of rows) {
      const list = bars(row, html);
      expect(list, name).toHaveLength(90);
      expect(
        list.every((b) => b.level === "ok" && /^[A-Z][a-z]{2} \d{1,2}, \d{4} · 100\.00 % uptime · No downtime$/.test(b.text)),
        name,
      ).toBe(true);
      expect(new Set(list.map((b) => b.text)).size, `${name}: one bar per day`).toBe(90);
      expect(list.at(-1)!.text, `${name}: the last bar is today`).toContain(pastDays(html)[0]!.label);
      expect(row.match(/<p>/g), `${name}: an operational day is a bare <p>`).toHaveLength(90);
      expect(text(row)).toContain("100.00 % uptime");
      expect(row).toContain(`aria-label="${name}: 100.00 % uptime over the last 90 days"`);
    }
  });

  it("lists the past 14 days, each saying no incidents were reported", () => {
    const days = pastDays(html);
    expect(days).toHaveLength(14);
    for (const day of days) {
      expect(day.label).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      expect(day.html).toContain('<p class="quiet">No incidents reported.</p>');
      expect(day.html).not.toContain("<li");
    }
    expect(new Set(days.map((d) => d.label)).size).toBe(14);
    expect(section(html, "past-h")).toContain('<a href="/history?lang=en">');
  });

  it("says which zone its times are in", () => {
    expect(text(html)).toContain("Times are shown in GMT-3 (America/Sao_Paulo)");
  });

  it("stays light: the HTML is under 45,000 bytes (the CSS, about 6 KB, is a separate file)", () => {
    expect(new TextEncoder().encode(html).byteLength).toBeLessThan(45_000);
    expect(html).toContain('<link rel="stylesheet" href="/styles.css"/>');
  });
});

describe("the home page once an incident is open", () => {
  let desk: string;
  let incident: { id: string; started_at: string };
  let html: string;
  let d1AfterWrite: number;
  let cacheStatus: string | null;

  beforeAll(async () => {
    desk = await componentId("Desk");
    const { status, json } = await adminJson("POST", "/incidents", {
      name: "Desk tickets load slowly",
      status: "investigating",
      body: "We are looking into slow ticket loading on Desk.",
      components: [{ id: desk, status: "partial_outage" }],
    });
    expect(status, JSON.stringify(json)).toBe(201);
    incident = json.incident;
    // Read right after the write, before anything else can rebuild the page.
    const counting = countingEnv();
    const fetched = await get("/", {}, counting.env);
    expect(fetched.res.status).toBe(200);
    cacheStatus = fetched.res.headers.get("Cache-Status");
    d1AfterWrite = counting.d1();
    html = fetched.html;
  });

  it("is served from KV right after the write, without a D1 query", () => {
    expect(cacheStatus).toBe("edge-status; hit");
    expect(d1AfterWrite).toBe(0);
  });

  it("shows the API's status in the banner, with the reason", async () => {
    const { json } = await getJson("/api/v2/status.json");
    expect(json.status).toEqual({ indicator: "minor", description: "Minor Service Outage" });
    const banner = section(html, "status-h");
    expect(texts(banner, "h2")).toEqual([json.status.description]);
    expect(html).toContain(`class="banner ind-${json.status.indicator}"`);
    expect(text(banner)).toContain("1 of 7 components in partial outage · 1 open incident");
  });

  it("labels Desk 'Partial outage' with an icon, not colour alone; the others stay operational", () => {
    const rows = componentRows(html);
    expect(statusLabel(rows.get("Desk")!)).toEqual({ cls: "st-partial_outage", icon: "◆", words: "Partial outage" });
    expect(statusLabel(rows.get("Core")!)).toEqual({ cls: "st-operational", icon: "✓", words: "Operational" });
  });

  it("tells the day, its uptime and the incident's name for Desk's bar for today", () => {
    const today = bars(componentRows(html).get("Desk")!, html).at(-1)!;
    expect(today.text).toMatch(new RegExp(`^${dayLabel(Date.parse(incident.started_at))} · \\d+\\.\\d\\d % uptime · `));
    expect(today.text).toMatch(/ · Desk tickets load slowly$/);
    expect(barEventNames(html)).toEqual(["Desk tickets load slowly"]);
  });

  it("colours Desk's bar for today as a partial outage as soon as the outage is posted", () => {
    // Desk is in partial outage now, so today's worst status is at least that, even 0 ms into it.
    expect(bars(componentRows(html).get("Desk")!, html).at(-1)!.level).toBe("partial_outage");
  });

  it("lists the incident under today in past incidents, linked to its page", () => {
    const days = pastDays(html);
    expect(days).toHaveLength(14);
    expect(days[0]!.label).toBe(dayLabel(Date.parse(incident.started_at)));
    expect(days[0]!.html).toContain(`<a href="/incidents/${incident.id}?lang=en">Desk tickets load slowly</a>`);
    expect(text(days[0]!.html)).toContain("Investigating");
    expect(days[0]!.html).not.toContain("No incidents reported.");
    for (const day of days.slice(1)) expect(day.html).toContain("No incidents reported.");
  });

  it("shows an Active incidents card with the latest update and when it was posted", async () => {
    const { status } = await adminJson("POST", `/incidents/${incident.id}/updates`, {
      status: "identified",
      body: "A stuck **queue** delays ticket distribution.",
    });
    expect(status).toBe(201);
    const page = await cachedPage("/");
    const open = section(page, "open-h");
    expect(texts(open, "h2")).toEqual(["Active incidents"]);
    const cards = elements(open, "article");
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(card).toContain(`<a href="/incidents/${incident.id}?lang=en">Desk tickets load slowly</a>`);
    expect(text(card)).toContain("Identified A stuck queue delays ticket distribution.");
    expect(card).toContain("<strong>queue</strong>");
    expect(card).not.toContain("We are looking into slow ticket loading");
    expect(text(card)).toMatch(/Blip is experiencing an? \w+ incident affecting Desk, ongoing for /);
    expect(text(card)).toContain("Affects: Desk");
    const posted = times(card);
    expect(posted).toHaveLength(1);
    expect(text(card)).toMatch(/Posted [A-Z][a-z]{2} \d{1,2}, \d{4} - \d{2}:\d{2} GMT-3/);
    expect(posted[0]!.title).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  });
});

describe("which components the home page shows", () => {
  const ORIGIN = "http://visibility.test";
  const ids: Record<string, string> = {};

  const home = async () => {
    const { res, html } = await get(`${ORIGIN}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
    return componentRows(main(html));
  };

  beforeAll(async () => {
    await createPage({ name: "Visibility", host: "visibility.test", time_zone: ZONE });
    for (const body of [{ name: "API" }, { name: "Legacy SMS", only_show_if_degraded: true }, { name: "Internal tools", showcase: false }]) {
      const { status, json } = await adminOn(ORIGIN, "POST", "/components", body);
      expect(status, JSON.stringify(json)).toBe(201);
      ids[body.name] = json.component.id;
    }
  });

  it("hides a component marked only_show_if_degraded while it is operational", async () => {
    const rows = await home();
    expect([...rows.keys()]).toEqual(["API", "Internal tools"]);
  });

  it("shows it, with its status, once it is degraded, and hides it again once it recovers", async () => {
    expect((await adminOn(ORIGIN, "PATCH", `/components/${ids["Legacy SMS"]}`, { status: "degraded_performance" })).status).toBe(200);
    const rows = await home();
    expect([...rows.keys()]).toEqual(["API", "Legacy SMS", "Internal tools"]);
    expect(statusLabel(rows.get("Legacy SMS")!)).toEqual({ cls: "st-degraded_performance", icon: "▲", words: "Degraded performance" });
    expect((await adminOn(ORIGIN, "PATCH", `/components/${ids["Legacy SMS"]}`, { status: "operational" })).status).toBe(200);
    expect([...(await home()).keys()]).toEqual(["API", "Internal tools"]);
  });

  it("draws no uptime bars for a component that is not showcased", async () => {
    const rows = await home();
    expect(bars(rows.get("API")!, "")).toHaveLength(90);
    expect(rows.get("Internal tools")).not.toContain('class="uptime"');
    expect(bars(rows.get("Internal tools")!, "")).toHaveLength(0);
    expect(text(rows.get("Internal tools")!)).not.toContain("uptime");
  });
});
