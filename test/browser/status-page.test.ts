// The home page as a reader sees it in real Chromium, on a phone (375 px) and a desktop (1280 px),
// with the Blip demo loaded (all incidents resolved, every component operational).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WIDTHS, expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, openPage, screenshot, textOf, type OpenedPage } from "./helpers";

const GROUP_CHILDREN = ["CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"];
const STATUS_LABELS = ["Operational", "Degraded Performance", "Partial Outage", "Major Outage", "Under Maintenance"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The status label shown with a component: the text of its smallest element that also holds a label. */
function statusLabelOf(page: Page, name: string): Promise<string | null> {
  return page.evaluate(
    ({ name, labels }) => {
      const norm = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
      const main = document.querySelector("main") ?? document.body;
      const owners = Array.from(main.querySelectorAll("*")).filter(
        (el) =>
          Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && norm(n.textContent) === name) ||
          (el.children.length === 0 && norm(el.textContent) === name),
      );
      for (const owner of owners) {
        for (let el: Element | null = owner; el && el !== main; el = el.parentElement) {
          const text = norm(el.textContent);
          const found = labels.find((label) => text.includes(label));
          if (found) return found;
        }
      }
      return null;
    },
    { name, labels: STATUS_LABELS },
  );
}

describe.each(WIDTHS)("home page at %i px", (width) => {
  let opened: OpenedPage;
  let page: Page;
  const label = `/ at ${width} px`;

  beforeAll(async () => {
    opened = await openPage(browser, `${inject("baseUrl")}/`, width);
    page = opened.page;
    await screenshot(page, "home", width);
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  it("answers 200 with the page name as its only h1 and the landmarks", async () => {
    expect(opened.status).toBe(200);
    const h1 = page.locator("h1");
    expect(await h1.count()).toBe(1);
    expect((await h1.innerText()).trim()).toBe("Blip");
    expect(await page.getByRole("banner").count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole("main").count()).toBe(1);
    expect(await page.getByRole("contentinfo").count()).toBeGreaterThanOrEqual(1);
    expect(await page.title()).toContain("Blip");
  });

  it("says the overall status and why, near the top, above the components", async () => {
    const status = page.getByRole("heading", { name: "All Systems Operational" });
    await expect.poll(() => status.isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/All 7 components operational/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    const components = page.getByRole("heading", { name: "Components", exact: true });
    const [statusBox, componentsBox] = [await status.boundingBox(), await components.boundingBox()];
    expect(statusBox).not.toBeNull();
    expect(componentsBox).not.toBeNull();
    expect(statusBox!.y).toBeLessThan(componentsBox!.y);
  });

  it("lists Desk and the Take Blip Platform group with a status in words, not colour alone", async () => {
    await expect.poll(() => page.getByRole("heading", { name: "Components", exact: true }).isVisible()).toBe(true);
    expect(await statusLabelOf(page, "Desk")).toBe("Operational");

    const group = page.locator("details", { has: page.locator("summary", { hasText: "Take Blip Platform" }) });
    expect(await group.count()).toBe(1);
    const groupText = (await group.textContent())?.replace(/\s+/g, " ") ?? "";
    for (const name of GROUP_CHILDREN) {
      expect(groupText, `the group should list ${name}`).toContain(name);
      expect(await statusLabelOf(page, name), `${name} should show its status in text`).toBe("Operational");
    }
    // The group's summary shows its rolled-up status in words too.
    expect(await textOf(page, "details > summary")).toMatch(new RegExp(STATUS_LABELS.join("|")));
  });

  it("opens the component group with the keyboard", async () => {
    const details = page.locator("details", { has: page.locator("summary", { hasText: "Take Blip Platform" }) });
    const summary = details.locator("summary").first();
    const wasOpen = await details.evaluate((el) => (el as HTMLDetailsElement).open);
    if (wasOpen) await details.evaluate((el) => ((el as HTMLDetailsElement).open = false));
    await summary.focus();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(() => details.getByText("Cloud Infrastructure", { exact: true }).first().isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    if (wasOpen) await details.evaluate((el) => ((el as HTMLDetailsElement).open = true));
  });

  it("shows a 90-day uptime figure in text for the showcased components: 100.00 % for the demo", async () => {
    const text = ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
    const figures = [...text.matchAll(/(\d{1,3}(?:\.\d{2})?) ?% uptime/g)].map((m) => m[1]);
    expect(figures.length, 'at least one "NN.NN % uptime" figure').toBeGreaterThanOrEqual(1);
    expect(new Set(figures)).toEqual(new Set(["100.00"]));
    // Desk is top-level and always visible: its figure is on screen without opening anything.
    await expect
      .poll(() =>
        page
          .getByText(/100\.00\s?%\s+uptime/)
          .first()
          .isVisible(),
      )
      .toBe(true);
  });

  it('lists past incidents by day with "No incidents reported." on quiet days and links to the history', async () => {
    await expect.poll(() => page.getByRole("heading", { name: /Past incidents/i }).isVisible()).toBe(true);
    expect(await page.getByText("No incidents reported.", { exact: true }).count()).toBeGreaterThanOrEqual(1);
    const history = page.locator('a[href="/history?lang=en"]');
    expect(await history.count()).toBeGreaterThanOrEqual(1);
    expect((await history.first().innerText()).trim().length).toBeGreaterThan(0);
  });

  it("marks every time up with <time datetime> and names the zone of every clock time it shows", async () => {
    const times = await page
      .locator("time")
      .evaluateAll((els) => els.map((el) => ({ datetime: el.getAttribute("datetime"), text: (el as HTMLElement).innerText.replace(/\s+/g, " ").trim() })));
    for (const t of times) {
      expect(t.datetime, `<time> "${t.text}" needs a datetime`).toBeTruthy();
      expect(t.datetime, "a machine-readable date or date-time").toMatch(/^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/);
      if (/\b\d{1,2}:\d{2}\b/.test(t.text)) expect(t.text, "a clock time names its zone").toMatch(/GMT|UTC|[A-Z]{3,4}\b/);
    }
  });

  it("fits the screen, logs no errors and passes axe", async () => {
    await expectNoHorizontalScroll(page, label);
    expect(opened.errors, `console/page errors on ${label}`).toEqual([]);
    await expectNoAxeViolations(page, label);
  });
});

describe("the page's content security policy, enforced by Chromium", () => {
  it("runs the page's own script (it carries this response's nonce) and blocks nothing else of ours", async () => {
    // The 2024 history shows times, so the script offers the reader's zone.
    const opened = await openPage(browser, `${inject("baseUrl")}/history?year=2024`, 1280);
    try {
      expect(opened.status).toBe(200);
      const button = opened.page.locator("button.local-time");
      expect(await button.count(), "local-time.js ran").toBe(1);
      await button.click();
      expect(await opened.page.locator("[data-zone-note]").textContent()).toMatch(/^your time zone/);
      expect(opened.errors, "no CSP violation or other error").toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it("serves the widget script to any origin (CORP cross-origin) and the stylesheet to this one only", async () => {
    const widget = await fetch(`${inject("baseUrl")}/embed/widget.js`);
    expect(widget.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(widget.headers.get("access-control-allow-origin")).toBe("*");
    const css = await fetch(`${inject("baseUrl")}/styles.css`);
    expect(css.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(css.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await fetch(`${inject("baseUrl")}/_headers`)).status).not.toBe(200);
  });
});
