// The uptime bars' details (public/uptime-bars.js) in real Chromium at 375 px and 1280 px: one
// tooltip on hover and from the keyboard, and titles that still tell a bad day without JavaScript.
// The demo's incidents (2021 and 2024) are far outside the 90 days the bars show, so this test
// serves a page of its own on bars.test: API and Web, with a partial outage of API back-dated
// over the night from three days ago to two days ago (São Paulo time).
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WIDTHS, adminOnHost, expectNoAxeViolations, launchBrowser, openPage, type OpenedPage } from "./helpers";

const HOST = "bars.test";
const INCIDENT = "REST API partially unavailable";
const HOUR = 3_600_000;
const LAST = 89;

/** São Paulo's calendar day `offset` days from today (UTC−3 all year). */
const day = (offset: number) => new Date(Date.now() - 3 * HOUR + offset * 24 * HOUR).toISOString().slice(0, 10);
const label = (d: string) => new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }).format(Date.parse(d));

let browser: Browser;
let origin: string;

beforeAll(async () => {
  const token = inject("adminToken");
  origin = `http://${HOST}:${new URL(inject("baseUrl")).port}`;
  const admin = (method: string, path: string, body?: unknown) => adminOnHost(origin, token, method, path, body);
  await admin("POST", "/pages", { name: "Bars", url: origin, host: HOST, time_zone: "America/Sao_Paulo" });
  const ids: string[] = [];
  for (const name of ["API", "Web"]) ids.push((await admin("POST", "/components", { name, start_date: "2020-01-01" })).component.id);
  const from = `${day(-3)}T22:00:00-03:00`;
  const components = (status: string) => [{ id: ids[0], status }];
  const { incident } = await admin("POST", "/incidents", {
    name: INCIDENT,
    status: "investigating",
    body: "Looking.",
    started_at: from,
    display_at: from,
    components: components("partial_outage"),
  });
  await admin("POST", `/incidents/${incident.id}/updates`, {
    status: "resolved",
    body: "Fixed.",
    display_at: `${day(-2)}T02:00:00-03:00`,
    components: components("operational"),
  });
  browser = await launchBrowser([HOST]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(WIDTHS)("uptime bars at %i px", (width) => {
  let opened: OpenedPage;
  let page: Page;
  /** The past incidents' day headings, newest first: days[k] is the page's label for k days ago. */
  let days: string[];
  const tip = () => page.getByRole("tooltip");
  const apiBars = () => page.locator(".bars").first().locator("p");
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName);
  const current = () => page.evaluate(() => [...(document.activeElement?.children ?? [])].findIndex((bar) => bar.classList.contains("cur")));

  async function expectInViewport(locator: Locator) {
    const box = await locator.boundingBox();
    const viewport = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: window.innerHeight }));
    const where = `tooltip ${JSON.stringify(box)} within ${JSON.stringify(viewport)}`;
    expect(box, where).not.toBeNull();
    const { x, y, width: w, height: h } = box!;
    expect(x >= 0 && y >= 0 && x + w <= viewport.width && y + h <= viewport.height, where).toBe(true);
  }

  beforeAll(async () => {
    opened = await openPage(browser, `${origin}/`, width);
    page = opened.page;
    days = (await page.locator(".day h3").allInnerTexts()).map((t) => t.trim());
    expect(days[3], "the incident is listed three days ago").toBe(
      (
        await page
          .locator(".day", { has: page.getByRole("link", { name: INCIDENT }) })
          .locator("h3")
          .innerText()
      ).trim(),
    );
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  it("replaces the native titles: no bar and no container keeps one, each container is one tab stop", async () => {
    expect(await page.locator(".bars[title], .bars [title]").count()).toBe(0);
    expect(await page.locator(".bars").evaluateAll((all) => all.map((el) => el.getAttribute("tabindex")))).toEqual(["0", "0"]);
    expect(await apiBars().count()).toBe(90);
  });

  it("shows a bar's day, uptime and incident on hover, inside the viewport, and follows the pointer", async () => {
    await apiBars()
      .nth(LAST - 3)
      .hover();
    await expect.poll(() => tip().isVisible()).toBe(true);
    const text = await tip().innerText();
    expect(text).toMatch(new RegExp(`^${days[3]} · \\d+\\.\\d\\d % uptime · \\d+h( \\d+m)? partial outage · ${INCIDENT}$`));
    expect(text).not.toMatch(/^100\.00 %/);
    await expectInViewport(tip());

    await apiBars()
      .nth(LAST - 4)
      .hover();
    await expect.poll(() => tip().innerText()).toBe(`${days[4]} · 100.00 % uptime · No downtime`);
    await expectInViewport(tip());
    // The first bar, at the left edge: the tooltip is pushed inside the page.
    await apiBars().first().hover();
    await expect.poll(() => tip().innerText()).toMatch(new RegExp(`^${label(day(-LAST))} · `));
    await expectInViewport(tip());

    await page.mouse.move(width - 1, 1);
    await expect.poll(() => tip().isVisible()).toBe(false);
  });

  it("tells today's bar when Tab reaches a container; arrows, Home and End move a day; Escape hides", async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 10 && !(await focused())?.startsWith("API:"); i++) await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^API: \d+\.\d\d % uptime over the last 90 days$/);
    await expect.poll(() => tip().innerText()).toBe(`${days[0]} · 100.00 % uptime · No downtime`);
    expect(days[0]).toBe(label(day(0)));
    expect(await current()).toBe(LAST);
    const mark = await apiBars()
      .nth(LAST)
      .evaluate((bar) => getComputedStyle(bar).outlineStyle);
    expect(mark, "the current bar is marked").not.toBe("none");
    await expectInViewport(tip());
    const description = await page.evaluate(() => document.getElementById(document.activeElement!.getAttribute("aria-describedby")!)?.textContent);
    expect(description, "the tooltip describes the focused container").toBe(`${days[0]} · 100.00 % uptime · No downtime`);

    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => tip().innerText()).toBe(`${days[1]} · 100.00 % uptime · No downtime`);
    expect(await current()).toBe(LAST - 1);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => tip().innerText()).toMatch(new RegExp(`^${days[3]} · \\d+\\.\\d\\d % uptime · .* · ${INCIDENT}$`));
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => tip().innerText()).toMatch(new RegExp(`^${days[2]} · .* · ${INCIDENT}$`));

    await page.keyboard.press("Home");
    await expect.poll(() => tip().innerText()).toBe(`${label(day(-LAST))} · 100.00 % uptime · No downtime`);
    expect(await current()).toBe(0);
    await page.keyboard.press("ArrowLeft");
    expect(await current(), "no day before the first").toBe(0);
    await page.keyboard.press("End");
    await expect.poll(() => tip().innerText()).toBe(`${days[0]} · 100.00 % uptime · No downtime`);
    expect(await current()).toBe(LAST);

    await page.keyboard.press("Escape");
    await expect.poll(() => tip().isVisible()).toBe(false);
    expect(await focused()).toMatch(/^API: /);
  });

  it("moves Tab from one component's bars to the next component's, not to the next bar", async () => {
    await page.locator(".bars").first().focus();
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^Web: \d+\.\d\d % uptime over the last 90 days$/);
    await expect.poll(() => tip().innerText()).toBe(`${days[0]} · 100.00 % uptime · No downtime`);
    expect(await page.locator(".bars").first().locator(".cur").count(), "API's bars lost their mark").toBe(0);
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toMatch(/^API: /);
  });

  it("goes back to the focused component's day when the pointer leaves another's bars; announces only keyboard moves", async () => {
    await page.locator(".bars").first().focus();
    await expect.poll(() => tip().innerText()).toBe(`${days[0]} · 100.00 % uptime · No downtime`);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => tip().innerText()).toBe(`${days[1]} · 100.00 % uptime · No downtime`);
    expect(await tip().getAttribute("aria-live")).toBe("polite");

    await page
      .locator(".bars")
      .nth(1)
      .locator("p")
      .nth(LAST - 5)
      .hover();
    await expect.poll(() => tip().innerText()).toMatch(new RegExp(`^${days[5]} · `));
    expect(await tip().getAttribute("aria-live"), "a hover is not announced").toBeNull();
    await page.mouse.move(width - 1, 1);
    await expect.poll(() => tip().innerText()).toBe(`${days[1]} · 100.00 % uptime · No downtime`);
    expect(await current()).toBe(LAST - 1);
  });

  it("passes axe with the tooltip open, and logs no errors", async () => {
    await page.locator(".bars").first().focus();
    await expect.poll(() => tip().isVisible()).toBe(true);
    await expectNoAxeViolations(page, `bars.test at ${width} px, tooltip open`);
    expect(opened.errors).toEqual([]);
  });

  it("without JavaScript, still titles a bad day with its day and uptime, and explains the colours", async () => {
    const plain = await openPage(browser, `${origin}/`, width, { javaScriptEnabled: false });
    try {
      const bars = plain.page.locator(".bars").first();
      const titles = await bars.locator("p").evaluateAll((all) => all.map((bar) => bar.getAttribute("title")));
      expect(titles[LAST - 3]).toMatch(new RegExp(`^${days[3]} · \\d+\\.\\d\\d % uptime · \\d+h( \\d+m)? partial outage$`));
      expect(titles[LAST - 2]).toMatch(new RegExp(`^${days[2]} · \\d+\\.\\d\\d % uptime · `));
      expect(titles.filter((t) => t !== null)).toHaveLength(2);
      expect(await bars.locator("p").count()).toBe(90);
      await expect.poll(() => plain.page.getByText("Each bar is a day. Green: no downtime, all of it up; grey: no data").isVisible()).toBe(true);
      expect(await bars.getAttribute("tabindex")).toBeNull();
      expect(await plain.page.getByRole("tooltip").count()).toBe(0);
    } finally {
      await plain.context.close();
    }
  });
});
