// Every console page, for the operator who uses a phone, a screen reader, the dark theme or only the
// keyboard: axe-core finds nothing, nothing scrolls sideways at 375 px, a refused form says what is
// wrong where it is wrong, and an incident can be opened with the keyboard alone.
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleTab, type ConsoleTab, createComponent, createPage, field, navigate, press, publicRead, signIn } from "./console-helpers";
import { WIDTHS, expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, screenshot, textOf } from "./helpers";

interface Ids {
  page: string;
  incident: string;
  update: string;
  component: string;
}

/**
 * The tour runs on the demo page, whose incident, postmortem, group and templates fill every form:
 * it only reads, previews and has a form refused, so the demo the other tests read stays as it is.
 */
const TOUR: { name: string; status?: number; open: (page: Page, base: string, ids: Ids) => Promise<unknown> }[] = [
  { name: "dashboard", open: (p, b, i) => p.goto(`${b}/admin/${i.page}`) },
  { name: "incidents", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/incidents`) },
  { name: "new-incident", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/incidents/new`) },
  { name: "incident", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/incidents/${i.incident}`) },
  { name: "incident-edit", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/incidents/${i.incident}/edit`) },
  { name: "edit-update", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/incidents/${i.incident}/updates/${i.update}`) },
  {
    name: "postmortem-preview",
    open: async (p, b, i) => {
      await p.goto(`${b}/admin/${i.page}/incidents/${i.incident}/postmortem`);
      await press(p, "Preview");
      expect(await p.getByRole("region", { name: "Preview" }).locator("strong").count()).toBeGreaterThan(0);
    },
  },
  { name: "maintenances", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/maintenances`) },
  { name: "new-maintenance", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/maintenances/new`) },
  { name: "components", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/components`) },
  { name: "component-form", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/components/${i.component}`) },
  { name: "new-component", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/components/new`) },
  { name: "templates", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/templates`) },
  { name: "audit", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/audit`) },
  { name: "settings", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/settings`) },
  { name: "confirm-delete", open: (p, b, i) => p.goto(`${b}/admin/${i.page}/incidents/${i.incident}/delete`) },
  {
    name: "refused-form",
    status: 400,
    open: async (p, b, i) => {
      await p.goto(`${b}/admin/${i.page}/incidents/new`);
      await field(p, "Name").fill("   ");
      await field(p, "Message").fill("Typed before the refusal.");
      await press(p, "Open incident");
      expect(await p.getByRole("alert").getByRole("heading").innerText()).toBe("There is a problem");
    },
  },
];

const VARIANTS = [...WIDTHS.map((width) => ({ width, scheme: "light" as const })), { width: 375, scheme: "dark" as const }];

let browser: Browser;
let base: string;
let token: string;
let ids: Ids;

beforeAll(async () => {
  base = inject("baseUrl");
  token = inject("adminToken");
  browser = await launchBrowser();
  type Incidents = { incidents: { id: string; name: string; incident_updates: { id: string }[] }[] };
  const { incidents } = (await (await fetch(`${base}/api/v2/incidents.json`)).json()) as Incidents;
  const seed = incidents.find((x) => x.name === "Desk and Portal inaccessible")!;
  const { components } = (await (await fetch(`${base}/api/v2/components.json`)).json()) as { components: { id: string; name: string; page_id: string }[] };
  const desk = components.find((c) => c.name === "Desk")!;
  ids = { page: desk.page_id, incident: seed.id, update: seed.incident_updates[0]!.id, component: desk.id };
});
afterAll(async () => {
  await browser?.close();
});

describe.each(VARIANTS)("every console page at $width px, $scheme theme", ({ width, scheme }) => {
  let tab: ConsoleTab;
  const shot = (name: string) => screenshot(tab.page, scheme === "dark" ? `console-${name}-dark` : `console-${name}`, width);

  async function expectUsable(label: string, status = 200) {
    await expectNoAxeViolations(tab.page, `${label} at ${width} px (${scheme})`);
    await expectNoHorizontalScroll(tab.page, `${label} at ${width} px`);
    // Chromium logs a page that answers 400 as a failed load; that one is the point of the page.
    const unexpected = tab.errors.filter((e) => !e.includes(`the server responded with a status of ${status}`));
    expect(unexpected, `errors on ${label}`).toEqual([]);
    tab.errors.length = 0;
  }

  beforeAll(async () => {
    tab = await consoleTab(browser, width, { colorScheme: scheme });
  });
  afterAll(async () => {
    await tab?.context.close();
  });

  it("sign-in", async () => {
    const response = await tab.page.goto(`${base}/admin`);
    expect(response?.status()).toBe(200);
    expect(await textOf(tab.page, "h1")).toBe("Sign in");
    await shot("sign-in");
    await expectUsable("the sign-in page");
    expect(await signIn(tab.page, base, token, "Accessibility tour")).toBe(ids.page);
  });

  it.each(TOUR)("$name", async ({ name, status, open }) => {
    const answers: number[] = [];
    const record = (r: Response) => {
      if (r.request().isNavigationRequest() && r.frame() === tab.page.mainFrame()) answers.push(r.status());
    };
    tab.page.on("response", record);
    try {
      await open(tab.page, base, ids);
    } finally {
      tab.page.off("response", record);
    }
    expect(answers.at(-1), `${name}: the answer to the last navigation`).toBe(status ?? 200);
    expect(tab.page.url()).toContain(`/admin/${ids.page}`);
    await shot(name);
    await expectUsable(name, status);
  });
});

describe("on a page of its own: a refused form, and the keyboard only", () => {
  let tab: ConsoleTab;
  let pageId: string;
  const HOST = "keyboard.test";

  /** Presses Tab until `target` has the focus; fails after `limit` presses. */
  async function tabTo(page: Page, target: ReturnType<Page["getByLabel"]>, limit = 40) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press("Tab");
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${target}`);
  }
  const focusIsVisible = (target: ReturnType<Page["getByLabel"]>) =>
    target.evaluate((el) => el.matches(":focus-visible") && getComputedStyle(el).outlineStyle !== "none");

  beforeAll(async () => {
    tab = await consoleTab(browser, 1280);
    await signIn(tab.page, base, token, "Keyboard operator");
    pageId = await createPage(tab.page, base, { name: "Keyboard", url: `http://${HOST}`, host: HOST, timeZone: "America/Sao_Paulo" });
    await createComponent(tab.page, base, pageId, { name: "Checkout", description: "Paying for an order" });
  });
  afterAll(async () => {
    await tab?.context.close();
  });

  it("a refused form starts at what went wrong, links to the field, says it there and keeps what was typed", async () => {
    const { page } = tab;
    await page.goto(`${base}/admin/${pageId}/incidents/new`);
    await field(page, "Name").fill("   ");
    await field(page, "Status").selectOption("monitoring");
    await field(page, "Message").fill("Typed before the refusal.\n\nKept after it.");
    await field(page, "Checkout").selectOption("major_outage");
    expect((await press(page, "Open incident"))?.status()).toBe(400);

    const summary = page.getByRole("alert");
    expect(await summary.getByRole("heading").innerText()).toBe("There is a problem");
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Tab");
    const link = summary.getByRole("link", { name: "Name: Must not be empty.", exact: true });
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    const name = field(page, "Name");
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);

    // Next to the field, and read out with it.
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const description = await name.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
    expect(description).toContain("Must not be empty.");
    expect(await page.locator(".field", { has: name }).locator(".error").innerText()).toContain("Must not be empty.");

    expect(await name.inputValue()).toBe("   ");
    expect(await field(page, "Status").inputValue()).toBe("monitoring");
    expect(await field(page, "Message").inputValue()).toBe("Typed before the refusal.\n\nKept after it.");
    expect(await field(page, "Checkout").inputValue()).toBe("major_outage");
    const { body } = await publicRead<{ incidents: unknown[] }>(base, "/api/v2/incidents/unresolved.json", HOST);
    expect(body.incidents).toEqual([]);
  });

  it("opens an incident from the dashboard with Tab, typing, arrow keys, Space and Enter", async () => {
    const { page } = tab;
    await page.goto(`${base}/admin/${pageId}`);
    const newIncident = page.getByRole("link", { name: "New incident", exact: true });
    await tabTo(page, newIncident);
    expect(await focusIsVisible(newIncident)).toBe(true);
    await navigate(page, () => page.keyboard.press("Enter"));
    expect(page.url()).toBe(`${base}/admin/${pageId}/incidents/new`);

    // The skip link first, then straight into the form.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await field(page, "Name").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Checkout refuses cards");
    await page.keyboard.press("Tab");
    expect(await field(page, "Status").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await tabTo(page, field(page, "Message"));
    await page.keyboard.type("Card payments fail at checkout.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("We found the cause.");
    await tabTo(page, field(page, "Checkout"));
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    const notify = field(page, "Notify subscribers");
    await tabTo(page, notify);
    expect(await focusIsVisible(notify)).toBe(true);
    await page.keyboard.press("Space");
    const open = page.getByRole("button", { name: "Open incident", exact: true });
    await tabTo(page, open);
    expect(await focusIsVisible(open)).toBe(true);

    expect(await field(page, "Status").inputValue()).toBe("identified");
    expect(await field(page, "Checkout").inputValue()).toBe("partial_outage");
    expect(await notify.isChecked()).toBe(false);
    const response = await navigate(page, () => page.keyboard.press("Enter"));
    expect(response?.status()).toBe(200);
    // The form had no action of its own, so it went to /incidents/new#main and the redirect keeps the #main.
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/admin/${pageId}/incidents/[a-z0-9]{12}$`));
    expect(await textOf(page, "h1")).toBe("Checkout refuses cards");

    type Unresolved = {
      incidents: {
        name: string;
        status: string;
        incident_updates: { body: string; deliver_notifications: boolean }[];
        components: { name: string; status: string }[];
      }[];
    };
    const { body } = await publicRead<Unresolved>(base, "/api/v2/incidents/unresolved.json", HOST);
    expect(body.incidents).toHaveLength(1);
    const [incident] = body.incidents;
    expect(incident).toMatchObject({ name: "Checkout refuses cards", status: "identified", components: [{ name: "Checkout", status: "partial_outage" }] });
    const [update] = incident!.incident_updates;
    expect(update!.deliver_notifications).toBe(false);
    // Browsers send a textarea's line breaks as CRLF; the console stores "\n", as the API does.
    expect(update!.body).toBe("Card payments fail at checkout.\nWe found the cause.");
  });
});
