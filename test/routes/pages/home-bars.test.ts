import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { adminOn, barEventNames, bars, cachedPage, componentRows } from "./html";

// The home page's uptime bars in their compact form: a bare <p> for a day without downtime, a title
// only on days that had some, and event names once per page, put on bars by data-ev.
const ORIGIN = "http://bars.test";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REST = "REST API partially unavailable";
const LOGIN = "Login errors";

/** São Paulo's calendar day `offset` days from today (UTC−3 all year, so no zone library needed). */
const day = (offset: number) => new Date(Date.now() - 3 * HOUR + offset * DAY).toISOString().slice(0, 10);
const at = (d: string, time: string) => `${d}T${time}:00-03:00`;
const label = (d: string) => new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }).format(Date.parse(d));
/** Bar index of the day `offset` days from today: the last of 90 is today. */
const bar = (offset: number) => 89 + offset;

async function outage(name: string, ids: string[], status: string, from: string, to: string): Promise<void> {
  const opened = await adminOn(ORIGIN, "POST", "/incidents", {
    name,
    status: "investigating",
    body: "Investigating.",
    started_at: from,
    display_at: from,
    components: ids.map((id) => ({ id, status })),
  });
  expect(opened.status, JSON.stringify(opened.json)).toBe(201);
  const resolved = await adminOn(ORIGIN, "POST", `/incidents/${opened.json.incident.id}/updates`, {
    status: "resolved",
    body: "Resolved.",
    display_at: to,
    components: ids.map((id) => ({ id, status: "operational" })),
  });
  expect(resolved.status, JSON.stringify(resolved.json)).toBe(201);
}

describe("the home page's uptime bars", () => {
  let html: string;
  let rows: Map<string, string>;
  /** The raw start tag of every bar of a component, in order (their end tags are left out). */
  const tags = (name: string) => /<div class="bars"[^>]*>([\s\S]*?)<\/div>/.exec(rows.get(name)!)![1]!.match(/<p\b[^>]*>/g)!;

  beforeAll(async () => {
    await createPage({ name: "Bars", host: "bars.test", time_zone: "America/Sao_Paulo" });
    const ids: Record<string, string> = {};
    for (const c of [
      { name: "API", start_date: day(-30) },
      { name: "Web", start_date: "2020-01-01" },
    ]) {
      const { status, json } = await adminOn(ORIGIN, "POST", "/components", c);
      expect(status, JSON.stringify(json)).toBe(201);
      ids[c.name] = json.component.id;
    }
    await outage(REST, [ids.API!], "partial_outage", at(day(-3), "22:00"), at(day(-2), "02:00"));
    await outage(LOGIN, [ids.API!, ids.Web!], "major_outage", at(day(-5), "10:00"), at(day(-5), "10:30"));
    // Another event of the same name, on the other component.
    await outage(REST, [ids.Web!], "degraded_performance", at(day(-10), "08:00"), at(day(-10), "09:00"));
    html = await cachedPage(`${ORIGIN}/`);
    rows = componentRows(html);
  });

  it("tells each bar's day, that day's uptime, its downtime and the events that touched it", () => {
    const api = bars(rows.get("API")!, html);
    const web = bars(rows.get("Web")!, html);
    expect([api.length, web.length]).toEqual([90, 90]);
    // One day's uptime is 1 − (major + 0.3 × partial) / 24 h: 2 h partial, 97.50 %; 30 min major, 97.916…, shown 97.91 %.
    expect(api[bar(-3)]).toEqual({ level: "partial_outage", text: `${label(day(-3))} · 97.50 % uptime · 2h partial outage · ${REST}` });
    expect(api[bar(-2)]).toEqual({ level: "partial_outage", text: `${label(day(-2))} · 97.50 % uptime · 2h partial outage · ${REST}` });
    expect(api[bar(-5)]).toEqual({ level: "major_outage", text: `${label(day(-5))} · 97.91 % uptime · 30m major outage · ${LOGIN}` });
    expect(web[bar(-5)]).toEqual({ level: "major_outage", text: `${label(day(-5))} · 97.91 % uptime · 30m major outage · ${LOGIN}` });
    expect(web[bar(-10)]).toEqual({ level: "degraded_performance", text: `${label(day(-10))} · 100.00 % uptime · 1h degraded · ${REST}` });
    expect(api[bar(-1)]).toEqual({ level: "ok", text: `${label(day(-1))} · 100.00 % uptime · No downtime` });
    expect(api[bar(-30)]).toEqual({ level: "ok", text: `${label(day(-30))} · 100.00 % uptime · No downtime` });
    expect(api[bar(-31)]).toEqual({ level: "none", text: `${label(day(-31))} · No data` });
    expect(api[0]).toEqual({ level: "none", text: `${label(day(-89))} · No data` });
  });

  it('draws a day without downtime as a bare <p> and a day without data as <p class="n">, nothing more', () => {
    const inner = /<div class="bars"[^>]*>([\s\S]*?)<\/div>/.exec(rows.get("API")!)![1]!;
    expect(inner).not.toContain("</p>");
    expect(tags("API")[bar(-1)]).toBe("<p>");
    expect(tags("API")[bar(-31)]).toBe('<p class="n">');
    expect(tags("API").filter((t) => t === '<p class="n">')).toHaveLength(59);
    expect(tags("Web").filter((t) => t === "<p>")).toHaveLength(88);
  });

  it("titles any other day with its day, uptime and downtime, never with event names", () => {
    expect(tags("API")[bar(-3)]).toBe(`<p class="p" title="${label(day(-3))} · 97.50 % uptime · 2h partial outage">`);
    expect(tags("Web")[bar(-10)]).toBe(`<p class="d" title="${label(day(-10))} · 100.00 % uptime · 1h degraded">`);
    const titles = ["API", "Web"].flatMap((name) => tags(name).flatMap((tag) => / title="([^"]*)"/.exec(tag)?.[1] ?? []));
    expect(titles).toHaveLength(3 + 2);
    for (const title of titles) expect(title).not.toMatch(/REST API|Login/);
  });

  it("lists each event name once for the page, and points each component's bars at it by index and range", () => {
    const names = barEventNames(html);
    expect([...names].sort()).toEqual([LOGIN, REST]);
    const ev = (name: string) => /<div class="bars"[^>]* data-ev="([^"]*)"/.exec(rows.get(name)!)![1]!.split(" ");
    const [rest, login] = [names.indexOf(REST), names.indexOf(LOGIN)];
    expect(ev("API").sort()).toEqual([`${rest}:${bar(-3)}-${bar(-2)}`, `${login}:${bar(-5)}-${bar(-5)}`].sort());
    expect(ev("Web").sort()).toEqual([`${rest}:${bar(-10)}-${bar(-10)}`, `${login}:${bar(-5)}-${bar(-5)}`].sort());
  });

  it("keeps one image for assistive technology, dated from the first bar's day, with the colours explained once", () => {
    const container = /<div class="bars"([^>]*)>/.exec(rows.get("API")!)![1]!;
    expect(container).toContain('role="img"');
    expect(container).toMatch(/aria-label="API: \d+\.\d\d % uptime over the last 90 days"/);
    expect(container).toContain(`data-from="${day(-89)}"`);
    expect(container).not.toContain("title=");
    expect(html.match(/Each bar is a day\. Green: no downtime, all of it up; grey: no data/g)).toHaveLength(1);
  });
});
