import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, NOW, seedDemo } from "../../helpers/fixtures";
import { getJson } from "../../helpers/http";
import { expectHtmlError, get, main, text, texts } from "./html";

type Obj = Record<string, any>;

const ZONE = "America/Sao_Paulo";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

let ids: Record<string, string>;

/** The year and month, in the page's zone, when the demo was loaded and its history page built. */
function localNow() {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, year: "numeric", month: "numeric" }).formatToParts(NOW);
  return { year: Number(parts.find((p) => p.type === "year")!.value), month: Number(parts.find((p) => p.type === "month")!.value) };
}

/** Each month section of a history page: its heading and its HTML. */
function months(html: string): { label: string; html: string }[] {
  return main(html)
    .split('<section class="month">')
    .slice(1)
    .map((m) => ({ label: texts(m, "h2")[0]!, html: m }));
}

/** The pager's links ("← 2024", "2021 →") as year numbers. */
function pager(html: string): { newer: number | null; older: number | null; text: string } {
  const nav = /<nav class="pager"[^>]*>([\s\S]*?)<\/nav>/.exec(html)![1]!;
  // The demo page offers two languages, so its links carry the reader's: "&amp;lang=en".
  const newer = /href="\/history\?year=(\d{4})&amp;lang=en">←/.exec(nav);
  const older = /href="\/history\?year=(\d{4})&amp;lang=en">\d{4} →/.exec(nav);
  return { newer: newer ? Number(newer[1]) : null, older: older ? Number(older[1]) : null, text: text(nav) };
}

async function history(query: string): Promise<string> {
  const { res, html } = await get(`/history${query}`);
  expect(res.status, html.slice(0, 300)).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
  return html;
}

beforeAll(async () => {
  await seedDemo();
  const { json } = await getJson("/api/v2/incidents.json");
  ids = Object.fromEntries(json.incidents.map((i: Obj) => [i.name, i.id]));
});

describe("/history?year=2024", () => {
  it("lists the months of 2024 newest first, with the November incident, its impact and duration, linked", async () => {
    const html = await history("?year=2024");
    expect(texts(html, "h1")).toEqual(["Incident history · 2024"]);
    const list = months(html);
    expect(list.map((m) => m.label)).toEqual([...MONTHS].reverse().map((m) => `${m} 2024`));
    const november = list.find((m) => m.label === "November 2024")!;
    expect(november.html).toContain(`<a href="/incidents/${ids["Desk and Portal inaccessible"]}?lang=en">Desk and Portal inaccessible</a>`);
    expect(text(november.html)).toContain("Major");
    expect(text(november.html)).toContain("lasting 5h 23m");
    expect(text(november.html)).toContain("Nov 14, 2024 - 06:45 GMT-3");
    for (const m of list.filter((m) => m !== november)) expect(text(m.html)).toContain("No incidents reported.");
  });

  it("pages to the neighbouring years that have data", async () => {
    expect(pager(await history("?year=2024"))).toMatchObject({ newer: localNow().year, older: 2021 });
  });
});

describe("/history, the current year", () => {
  it("lists this year's months up to the current one and links back to 2024, skipping the empty 2025", async () => {
    const { year, month } = localNow();
    const html = await history("");
    expect(texts(html, "h1")).toEqual([`Incident history · ${year}`]);
    expect(months(html).map((m) => m.label)).toEqual(
      MONTHS.slice(0, month)
        .reverse()
        .map((m) => `${m} ${year}`),
    );
    const links = pager(html);
    expect(links.older).toBe(2024);
    expect(links.newer).toBeNull();
    expect(html).not.toContain("year=2025");
  });
});

describe("/history?year=2021, the first year with data", () => {
  it("lists September 2021 with its incident, and no month before the first one that has data", async () => {
    const html = await history("?year=2021");
    const list = months(html);
    expect(list.map((m) => m.label)).toEqual(["December 2021", "November 2021", "October 2021", "September 2021"]);
    expect(list[3]!.html).toContain(`<a href="/incidents/${ids["Degraded performance on the BLiP"]}?lang=en">Degraded performance on the BLiP</a>`);
    expect(text(list[3]!.html)).toContain("Minor");
    expect(text(list[3]!.html)).toContain("lasting 1h 8m");
    expect(html).not.toContain("August 2021");
  });

  it("says there is nothing earlier", async () => {
    const links = pager(await history("?year=2021"));
    expect(links.older).toBeNull();
    expect(links.text).toContain("No earlier incidents");
  });

  it("links forward to 2024, the next year with data, not past it", async () => {
    // The demo's 2021 incident was loaded before its 2024 one.
    expect(pager(await history("?year=2021")).newer).toBe(2024);
  });
});

describe("years with no history page", () => {
  it.each(["1999", "3000", "abc", "", "20240", "2024.0", String(localNow().year + 1)])("?year=%s is a 404 page", async (year) => {
    const html = await expectHtmlError(`/history?year=${year}`, 404, "Page not found");
    expect(text(main(html))).toContain("There is no history for");
  });
});

// Runs last: it adds a year of history.
describe("a back-dated incident in a year that had none", () => {
  it("gets its own year, and the years around it page to it at once", async () => {
    const created = await createIncident({
      name: "Webhooks delayed",
      status: "resolved",
      body: "Webhooks were delayed.",
      started_at: "2023-06-10T12:00:00Z",
      display_at: "2023-06-10T14:00:00Z",
    });
    const june = months(await history("?year=2023")).find((m) => m.label === "June 2023")!;
    expect(june.html).toContain(`<a href="/incidents/${created.id}?lang=en">Webhooks delayed</a>`);
    expect(pager(await history("?year=2023"))).toMatchObject({ newer: 2024, older: 2021 });
    expect(pager(await history("?year=2024")).older).toBe(2023);
    expect(pager(await history("?year=2021")).newer).toBe(2023);
  });
});
