// The seed incident page ("Desk and Portal inaccessible", November 14, 2024) and the 404 page,
// in real Chromium at 375 px and 1280 px.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WIDTHS, expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, openPage, screenshot, type OpenedPage } from "./helpers";

const INCIDENT = "Desk and Portal inaccessible";
const UPDATE_LABELS = ["Investigating", "Identified", "Monitoring", "Update", "Resolved", "Postmortem"];

let browser: Browser;
let incidentUrl: string;

beforeAll(async () => {
  const base = inject("baseUrl");
  const res = await fetch(`${base}/api/v2/incidents.json`);
  expect(res.status).toBe(200);
  const { incidents } = (await res.json()) as { incidents: { id: string; name: string }[] };
  const incident = incidents.find((i) => i.name === INCIDENT);
  expect(incident, `the demo incident "${INCIDENT}" in /api/v2/incidents.json`).toBeDefined();
  incidentUrl = `${base}/incidents/${incident!.id}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function mainText(page: Page): Promise<string> {
  return ((await page.locator("main").innerText()) ?? "").replace(/\s+/g, " ").trim();
}

describe.each(WIDTHS)("incident page at %i px", (width) => {
  let opened: OpenedPage;
  let page: Page;
  const label = `/incidents/<id> at ${width} px`;

  beforeAll(async () => {
    opened = await openPage(browser, incidentUrl, width);
    page = opened.page;
    await screenshot(page, "incident", width);
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  it("answers 200 with the incident name as its only h1", async () => {
    expect(opened.status).toBe(200);
    const h1 = page.locator("h1");
    expect(await h1.count()).toBe(1);
    expect((await h1.innerText()).trim()).toBe(INCIDENT);
    expect(await page.getByRole("main").count()).toBe(1);
  });

  it("sums the incident up in one sentence and names what it affected", async () => {
    const text = await mainText(page);
    expect(text).toContain("Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m");
    const affected = /This incident affected: ([^\n]*?)\./.exec(text);
    expect(affected, '"This incident affected: ..." line').not.toBeNull();
    expect(affected![1]).toContain("Desk");
    expect(affected![1]).toContain("Portal");
  });

  it("shows the updates newest first with their status labels and posting times in GMT-3", async () => {
    const labels = await page.locator("main").evaluate((main, known) => {
      const found: string[] = [];
      for (const el of Array.from(main.querySelectorAll("*"))) {
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? "")
          .join("")
          .replace(/\s+/g, " ")
          .trim();
        if (known.includes(own) && (el as HTMLElement).offsetParent !== null) found.push(own);
      }
      return found;
    }, UPDATE_LABELS);
    const sequence = labels.filter((l) => l !== "Postmortem" && l !== "Update").filter((l, i, all) => l !== all[i - 1]);
    expect(sequence).toEqual(["Resolved", "Monitoring", "Identified", "Investigating"]);
    // Six updates; a repeated status is labelled "Update", as hosted status pages do.
    expect(labels.filter((l) => l !== "Postmortem")).toEqual(["Resolved", "Monitoring", "Identified", "Update", "Update", "Investigating"]);

    const text = await mainText(page);
    expect(text).toContain("Posted Nov 14, 2024 - 08:56 GMT-3"); // the first update (11:56 UTC)
    expect(text).toContain("Posted Nov 14, 2024 - 12:08 GMT-3"); // the resolving update (15:08 UTC)
    expect(text.indexOf("12:08 GMT-3")).toBeLessThan(text.indexOf("08:56 GMT-3"));
  });

  it('renders the postmortem\'s markdown: bold labels, "(GMT-3)" without backslashes', async () => {
    await expect
      .poll(() =>
        page
          .getByRole("heading", { name: /Postmortem/i })
          .first()
          .isVisible(),
      )
      .toBe(true);
    const strong = page.locator("main strong", { hasText: "Start Time:" });
    expect(await strong.count()).toBe(1);
    expect(await strong.isVisible()).toBe(true);
    const text = await mainText(page);
    expect(text).toContain("14/11/2024 ~05:21 (GMT-3)");
    expect(text).not.toContain("\\(");
    expect(text).not.toContain("\\)");
    expect(text).not.toContain("**");
  });

  it("marks times up with <time datetime>, the exact UTC time on hover", async () => {
    const times = await page
      .locator("main time")
      .evaluateAll((els) =>
        els.map((el) => ({ datetime: el.getAttribute("datetime"), title: el.getAttribute("title"), text: (el as HTMLElement).innerText.trim() })),
      );
    expect(times.length).toBeGreaterThanOrEqual(6);
    for (const t of times) {
      expect(t.datetime, `<time> "${t.text}" needs a datetime`).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(t.title, `<time> "${t.text}" needs a title (the exact UTC time on hover)`).toBeTruthy();
    }
    expect(times.some((t) => t.datetime?.startsWith("2024-11-14T"))).toBe(true);
  });

  it("fits the screen, logs no errors and passes axe", async () => {
    await expectNoHorizontalScroll(page, label);
    expect(opened.errors, `console/page errors on ${label}`).toEqual([]);
    await expectNoAxeViolations(page, label);
  });
});

describe.each(WIDTHS)("404 page at %i px", (width) => {
  it("answers 404 for an unknown incident with a heading, and passes axe", async () => {
    const opened = await openPage(browser, `${inject("baseUrl")}/incidents/zzzzzzzzzzzz`, width);
    try {
      const { page } = opened;
      await screenshot(page, "not-found", width);
      expect(opened.status).toBe(404);
      expect(await page.locator("h1").count()).toBe(1);
      expect((await page.locator("h1").innerText()).trim().length).toBeGreaterThan(0);
      expect(await page.getByRole("main").count()).toBe(1);
      // The browser itself logs the 404 of the document; anything else is a real error.
      const errors = opened.errors.filter((e) => !(/status of 404/.test(e) && e.includes("/incidents/zzzzzzzzzzzz")));
      expect(errors).toEqual([]);
      await expectNoHorizontalScroll(page, `404 at ${width} px`);
      await expectNoAxeViolations(page, `404 at ${width} px`);
    } finally {
      await opened.context.close();
    }
  });
});
