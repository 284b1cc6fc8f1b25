// The embeds on a customer's own site, in real Chromium: the widget (public/embed/widget.js), the
// status badge and the /embed/status iframe, on a host page served from ANOTHER origin than the
// status page. The widget says nothing while all is well, shows an accessible, dismissible notice
// while an incident is open, and never breaks the host page when the status page is unreachable
// or answers nonsense. The incident this file opens is deleted again at the end.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closedPort, hostPage, type LocalServer, startServer } from "./host-server";
import { adminRequest, expectNoAxeViolations, launchBrowser, openPage, screenshot, type OpenedPage } from "./helpers";

const WIDGET_FILE = path.resolve(import.meta.dirname, "../../public/embed/widget.js");
const INCIDENT = "Checkout is slow";
const NOTICE = "edge-status-notice";
const LIGHT_BG = "rgb(255, 255, 255)";
const DARK_BG = "rgb(21, 27, 35)";

let browser: Browser;
let base: string;
let token: string;
let host: LocalServer;
let fake: LocalServer;
let deadOrigin: string;
const pages = new Map<string, string>();
/** What the fake status origin answers at /api/v2/summary.json. */
let fakeMode = "500";
let components: { desk: string; crm: string };
let incidentId: string | null = null;

type FakeAnswer = { status: number; type?: string; cors?: boolean; body: string } | "hang";

const HOSTILE_SUMMARY = {
  page: { name: "<b>Evil</b>" },
  status: { indicator: "major", description: "x" },
  incidents: [
    {
      id: "javascript:alert(1)",
      name: '<img src=x onerror="window.__pwned=1">',
      status: "investigating",
      impact: "major",
      shortlink: "javascript:alert(2)",
      incident_updates: [{ id: "u1", status: "constructor" }],
      components: [],
    },
  ],
  scheduled_maintenances: [],
};

/** An open incident, for the words a status page in Portuguese gives the widget. */
const PORTUGUESE_SUMMARY = {
  page: { name: "Blip" },
  status: { indicator: "minor", description: "Minor Service Outage" },
  incidents: [
    {
      id: "abcdefghijkl",
      name: "Checkout lento",
      status: "investigating",
      impact: "minor",
      incident_updates: [{ id: "u1", status: "investigating" }],
      components: [],
    },
  ],
  scheduled_maintenances: [],
};

// What /embed/widget-words.json of a pt-BR page answers (test/routes/embeds/languages.test.ts checks the real one).
const PORTUGUESE_WORDS = {
  locale: "pt-BR",
  words: {
    statuses: {
      investigating: "Investigando",
      identified: "Identificado",
      monitoring: "Monitorando",
      resolved: "Resolvido",
      postmortem: "Análise pós-incidente",
      scheduled: "Agendada",
      in_progress: "Em andamento",
      verifying: "Verificando",
      completed: "Concluída",
    },
    heading: "Status de {page}",
    unnamedHeading: "Status do serviço",
    update: "Atualização",
    maintenance: "Manutenção",
    incident: "Incidente",
    more: "Mais {count} na página de status",
    dismiss: "Fechar aviso de status",
  },
};

/** Words with holes and markup: the widget speaks English rather than show them. */
const HOSTILE_WORDS = { locale: "xx", words: { statuses: { investigating: "<b>pwned</b>" }, heading: 42, update: "<img src=x>" } };

/** The query the widget asked for its words with. */
let wordsQuery: string | null = null;

const FAKE_MODES: Record<string, FakeAnswer> = {
  "500": { status: 500, body: "Internal error" },
  "not JSON": { status: 200, type: "text/html", body: "<!doctype html><p>Login required</p>" },
  "JSON without CORS": { status: 200, cors: false, body: JSON.stringify({ ...HOSTILE_SUMMARY, incidents: [{ ...HOSTILE_SUMMARY.incidents[0], id: "abc" }] }) },
  "JSON of another shape": { status: 200, body: JSON.stringify({ page: "x", incidents: "none", scheduled_maintenances: { length: 3 } }) },
  null: { status: 200, body: "null" },
  "nothing (a hang past the 5 s timeout)": "hang",
};

/** What the fake origin answers for the summary or the widget's words: a broken origin answers both alike. */
function fakeAnswer(words: boolean): FakeAnswer {
  if (fakeMode === "hostile") return { status: 200, body: JSON.stringify(words ? HOSTILE_WORDS : HOSTILE_SUMMARY) };
  if (fakeMode === "Portuguese") return { status: 200, body: JSON.stringify(words ? PORTUGUESE_WORDS : PORTUGUESE_SUMMARY) };
  return FAKE_MODES[fakeMode]!;
}

function fakeStatusOrigin(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/embed/widget.js") {
    res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" });
    res.end(readFileSync(WIDGET_FILE));
    return;
  }
  const words = url.pathname === "/embed/widget-words.json";
  if (words) wordsQuery = url.search;
  if (words || url.pathname === "/api/v2/summary.json") {
    const answer = fakeAnswer(words);
    if (answer === "hang") return; // never answers
    res.writeHead(answer.status, {
      "Content-Type": answer.type ?? "application/json",
      "Cache-Control": "no-store",
      ...(answer.cors === false ? {} : { "Access-Control-Allow-Origin": "*" }),
    });
    res.end(answer.body);
    return;
  }
  res.writeHead(404).end();
}

/** Serves a host page at `route` on the host server and returns its URL. */
function hostAt(route: string, html: string): string {
  pages.set(route, html);
  return `${host.url}${route}`;
}

const live = (route: string, options: Record<string, string> = {}) => hostAt(route, hostPage({ statusBase: base, widget: `${base}/embed/widget.js`, options }));

const admin = (method: string, pathname: string, body?: unknown) => adminRequest(base, token, method, pathname, body);

async function summary(): Promise<any> {
  return (await fetch(`${base}/api/v2/summary.json`, { cache: "no-store" })).json();
}

/** Waits until the widget has decided (data-edge-status "ready" or "error") and returns the decision. */
async function widgetState(page: Page, timeout = 5_000): Promise<{ state: string; notices: string | null }> {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('script[src$="/embed/widget.js"]')?.getAttribute("data-edge-status");
      return s === "ready" || s === "error";
    },
    undefined,
    { timeout },
  );
  return page.evaluate(() => {
    const s = document.querySelector('script[src$="/embed/widget.js"]')!;
    return { state: s.getAttribute("data-edge-status")!, notices: s.getAttribute("data-edge-status-notices") };
  });
}

/** The host page still works: its own button changes its own text. */
async function expectHostPageWorks(page: Page): Promise<void> {
  expect((await page.locator("#out").innerText()).trim()).toBe("Not clicked");
  await page.locator("#btn").click();
  expect((await page.locator("#out").innerText()).trim()).toBe("Clicked");
}

/** The badge came from the status page and decoded into an image. */
async function expectBadgeLoaded(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator("#badge").evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);
}

async function frameText(page: Page): Promise<string> {
  return (await page.frameLocator("#frame").locator("body").innerText()).replace(/\s+/g, " ").trim();
}

const pageErrors = (opened: OpenedPage) => opened.errors.filter((e) => e.startsWith("page error:"));

beforeAll(async () => {
  base = inject("baseUrl");
  token = inject("adminToken");
  host = await startServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!html) return void res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(html);
  });
  fake = await startServer(fakeStatusOrigin);
  deadOrigin = `http://127.0.0.1:${await closedPort()}`;
  const { components: list } = (await (await fetch(`${base}/api/v2/components.json`)).json()) as { components: { id: string; name: string }[] };
  const idOf = (name: string) => list.find((c) => c.name === name)!.id;
  components = { desk: idOf("Desk"), crm: idOf("CRM") };
  browser = await launchBrowser();
});

afterAll(async () => {
  // Whatever happened above, leave the demo as the other browser test files expect it.
  if (incidentId) {
    await admin("POST", `/incidents/${incidentId}/updates`, { status: "resolved", body: "Resolved." }).catch(() => undefined);
    await admin("DELETE", `/incidents/${incidentId}`).catch(() => undefined);
  }
  await browser?.close();
  await host?.close();
  await fake?.close();
});

describe("the widget while all is well (the demo)", () => {
  it("is under 5 KB gzipped and served by the status page as JavaScript", async () => {
    expect(gzipSync(readFileSync(WIDGET_FILE)).length).toBeLessThan(5 * 1024);
    const res = await fetch(`${base}/embed/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/javascript/);
    expect(await res.text()).toBe(readFileSync(WIDGET_FILE, "utf8"));
  });

  it.each([1280, 375])("shows nothing at %i px; the badge and the status line load; no global, no error", async (width) => {
    expect((await summary()).incidents).toEqual([]);
    const plain = await openPage(browser, hostAt("/plain", hostPage({ statusBase: base })), width);
    const globalsWithout = await plain.page.evaluate(() => Object.getOwnPropertyNames(window));
    await plain.context.close();

    const opened = await openPage(browser, live("/quiet"), width);
    const { page } = opened;
    try {
      expect(opened.status).toBe(200);
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "0" });
      expect(await page.locator(NOTICE).count()).toBe(0);
      expect(await page.getByRole("status").count()).toBe(0);
      await expectBadgeLoaded(page);
      expect(await frameText(page)).toBe("All Systems Operational");
      const globalsWith = await page.evaluate(() => Object.getOwnPropertyNames(window));
      expect(globalsWith.filter((name) => !globalsWithout.includes(name))).toEqual([]);
      await expectHostPageWorks(page);
      await screenshot(page, "widget-quiet", width);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe("the widget while an incident is open", () => {
  let incidentUrl: string;

  beforeAll(async () => {
    // Impact set by hand and Desk named as affected but left operational: the incident counts for
    // the widget and the badge, and deleting it afterwards leaves no trace in uptime or history.
    const { incident } = await admin("POST", "/incidents", {
      name: INCIDENT,
      status: "investigating",
      body: "We are looking into slow checkouts.",
      impact: "minor",
      components: [{ id: components.desk, status: "operational" }],
    });
    incidentId = incident.id as string;
    incidentUrl = `${base}/incidents/${incidentId}`;
    expect((await summary()).incidents.map((i: { name: string }) => i.name)).toEqual([INCIDENT]);
  });

  afterAll(async () => {
    if (!incidentId) return;
    await admin("POST", `/incidents/${incidentId}/updates`, { status: "resolved", body: "Checkouts are fast again." });
    await admin("DELETE", `/incidents/${incidentId}`);
    incidentId = null;
    const after = await summary();
    expect(after.incidents).toEqual([]);
    expect(after.status).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect(after.components.every((c: { status: string }) => c.status === "operational")).toBe(true);
    const { incidents } = await (await fetch(`${base}/api/v2/incidents.json`, { cache: "no-store" })).json();
    expect(incidents.some((i: { name: string }) => i.name === INCIDENT)).toBe(false);
  });

  it.each([1280, 375])("shows a notice at %i px: the incident's name linking to its page and its status", async (width) => {
    const opened = await openPage(browser, live("/incident"), width);
    const { page } = opened;
    try {
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      const notice = page.getByRole("status");
      expect(await notice.count()).toBe(1);
      expect(await notice.getAttribute("aria-live")).toBe("polite");
      await expect.poll(() => notice.isVisible()).toBe(true);
      const text = (await notice.innerText()).replace(/\s+/g, " ").trim();
      expect(text).toContain("Blip status");
      expect(text).toContain(INCIDENT); // not upper-cased by the host page's `span { text-transform }`
      expect(text).toContain("Investigating");
      const link = notice.getByRole("link", { name: INCIDENT });
      expect(await link.getAttribute("href")).toBe(incidentUrl);
      expect(await link.getAttribute("target")).toBe("_blank");
      // The host page's `a { color: #c0c !important; font-size: 30px !important }` stays outside.
      const style = await link.evaluate((a) => ({ color: getComputedStyle(a).color, size: getComputedStyle(a).fontSize }));
      expect(style).toEqual({ color: "rgb(5, 80, 174)", size: "14px" });

      // Fixed at the bottom right, 16 px from the edges, inside the viewport even on a phone.
      const box = (await page.locator(`${NOTICE} .box`).boundingBox())!;
      const viewport = page.viewportSize()!;
      expect(Math.round(viewport.width - (box.x + box.width))).toBe(16);
      expect(Math.round(viewport.height - (box.y + box.height))).toBe(16);
      expect(Math.round(box.x)).toBeGreaterThanOrEqual(16);
      expect(await page.locator(`${NOTICE} .box`).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(LIGHT_BG);

      await expectBadgeLoaded(page);
      expect(await frameText(page)).toBe(`Minor Service Outage · ${INCIDENT}`);
      await expectHostPageWorks(page);
      await screenshot(page, "widget-incident", width);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it("is accessible in light and dark: a labelled dismiss button reachable by keyboard, axe finds nothing", async () => {
    const opened = await openPage(browser, live("/incident"), 1280);
    const { page } = opened;
    try {
      await widgetState(page);
      const button = page.getByRole("button", { name: "Dismiss status notice" });
      expect(await button.count()).toBe(1);
      await expectNoAxeViolations(page, "host page with the widget notice (light)");
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await page.locator(`${NOTICE} .box`).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DARK_BG);
      await expectNoAxeViolations(page, "host page with the widget notice (dark, data-theme=auto)");
      await screenshot(page, "widget-incident-auto-dark", 1280);

      // Tab order: the host's button, then (after the host's links and iframe) the notice's link and button.
      await page.locator("#btn").focus();
      let reached = false;
      for (let i = 0; i < 10 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await button.evaluate((b) => b.getRootNode() instanceof ShadowRoot && (b.getRootNode() as ShadowRoot).activeElement === b);
      }
      expect(reached, "the dismiss button is reachable with Tab").toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(NOTICE).count()).toBe(0);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it("takes data-position and data-theme: top-left, dark even for a reader who prefers light", async () => {
    const opened = await openPage(browser, live("/incident-top-left-dark", { position: "top-left", theme: "dark" }), 1280);
    const { page } = opened;
    try {
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      const box = (await page.locator(`${NOTICE} .box`).boundingBox())!;
      expect([Math.round(box.x), Math.round(box.y)]).toEqual([16, 16]);
      expect(await page.locator(`${NOTICE} .box`).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DARK_BG);
      await expectNoAxeViolations(page, "host page with the widget notice (data-theme=dark)");
      await screenshot(page, "widget-incident-top-left-dark", 1280);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it("takes data-components: only incidents affecting those components count", async () => {
    const other = await openPage(browser, live("/only-crm", { components: components.crm }), 1280);
    try {
      expect(await widgetState(other.page)).toEqual({ state: "ready", notices: "0" });
      expect(await other.page.locator(NOTICE).count()).toBe(0);
    } finally {
      await other.context.close();
    }
    const desk = await openPage(browser, live("/desk-and-crm", { components: ` ${components.crm} , ${components.desk}` }), 1280);
    try {
      expect(await widgetState(desk.page)).toEqual({ state: "ready", notices: "1" });
      expect(await desk.page.getByRole("status").getByRole("link", { name: INCIDENT }).count()).toBe(1);
    } finally {
      await desk.context.close();
    }
  });

  it("dismissal hides the notice for the session, until the incident gets a new update", async () => {
    const opened = await openPage(browser, live("/incident"), 1280);
    const { page } = opened;
    // The summary may be reused from the HTTP cache for 10 s: drop it before reloading after a write.
    const cdp = await opened.context.newCDPSession(page);
    try {
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      await page.getByRole("button", { name: "Dismiss status notice" }).click();
      await expect.poll(() => page.locator(NOTICE).count()).toBe(0);
      await expectHostPageWorks(page);

      await page.reload({ waitUntil: "load" });
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "0" });
      expect(await page.locator(NOTICE).count()).toBe(0);

      await admin("POST", `/incidents/${incidentId}/updates`, { status: "identified", body: "A slow database query." });
      await cdp.send("Network.clearBrowserCache");
      await page.reload({ waitUntil: "load" });
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      expect(await page.getByRole("status").innerText()).toContain("Identified");

      // Escape dismisses too; a second update with the same status is labelled "Update".
      await page.getByRole("status").getByRole("link", { name: INCIDENT }).focus();
      await page.keyboard.press("Escape");
      await expect.poll(() => page.locator(NOTICE).count()).toBe(0);
      await admin("POST", `/incidents/${incidentId}/updates`, { body: "A fix is being deployed." });
      await cdp.send("Network.clearBrowserCache");
      await page.reload({ waitUntil: "load" });
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      const text = await page.getByRole("status").innerText();
      expect(text).toContain("Update");
      expect(text).not.toContain("Identified");
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it("still works, without remembering, when sessionStorage throws", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, "sessionStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(live("/incident"), { waitUntil: "load" });
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      await page.getByRole("button", { name: "Dismiss status notice" }).click();
      await expect.poll(() => page.locator(NOTICE).count()).toBe(0);
      await page.reload({ waitUntil: "load" });
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the widget when the status page cannot be reached or read", () => {
  it("a dead origin (nothing listening): the host page works, no page error, no notice", async () => {
    const widget = `${deadOrigin}/embed/widget.js`;
    const opened = await openPage(browser, hostAt("/dead", hostPage({ statusBase: base, widget })), 1280);
    const { page } = opened;
    try {
      expect(opened.status).toBe(200);
      await expectHostPageWorks(page);
      await expectBadgeLoaded(page);
      expect(await page.locator(NOTICE).count()).toBe(0);
      expect(await page.locator("script[data-edge-status]").count()).toBe(0); // it never ran
      expect(pageErrors(opened)).toEqual([]);
      // The browser reports the failed script load itself; nothing else.
      expect(
        opened.errors.every((e) => e.includes(deadOrigin) || /Failed to load resource/.test(e)),
        opened.errors.join("\n"),
      ).toBe(true);
      await screenshot(page, "widget-dead-origin", 1280);
    } finally {
      await opened.context.close();
    }
  });

  it.each(Object.keys(FAKE_MODES))("an origin answering %s: the host page works, no page error, no notice", async (mode) => {
    fakeMode = mode;
    const hang = FAKE_MODES[mode] === "hang";
    const opened = await openPage(browser, hostAt("/fake", hostPage({ statusBase: base, widget: `${fake.url}/embed/widget.js` })), 1280);
    const { page } = opened;
    try {
      await expectHostPageWorks(page); // while the request may still hang
      const expected = mode === "JSON of another shape" ? "ready" : "error";
      const started = Date.now();
      expect((await widgetState(page, 10_000)).state).toBe(expected);
      if (hang) expect(Date.now() - started).toBeLessThan(7_000);
      expect(await page.locator(NOTICE).count()).toBe(0);
      expect(pageErrors(opened)).toEqual([]);
      // Only the browser's own network messages about the summary and words requests.
      const own = [`${fake.url}/api/v2/summary.json`, `${fake.url}/embed/widget-words.json`];
      expect(
        opened.errors.every((e) => own.some((url) => e.includes(url)) || /Failed to load resource|CORS/.test(e)),
        opened.errors.join("\n"),
      ).toBe(true);
      await page.locator("#out").evaluate((el) => (el.textContent = "Not clicked"));
      await expectHostPageWorks(page);
    } finally {
      await opened.context.close();
    }
  });

  it("an origin answering hostile data: names stay text, links stay http(s), nothing runs", async () => {
    fakeMode = "hostile";
    const opened = await openPage(browser, hostAt("/fake", hostPage({ statusBase: base, widget: `${fake.url}/embed/widget.js` })), 1280);
    const { page } = opened;
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      const notice = page.getByRole("status");
      const text = await notice.innerText();
      expect(text).toContain('<img src=x onerror="window.__pwned=1">');
      expect(text).toContain("<b>Evil</b> status");
      expect(text).toContain("Update"); // an unknown status is never looked up as a property name
      expect(await notice.getAttribute("lang")).toBe("en"); // words with holes: English instead
      expect(await page.locator(`${NOTICE} img, ${NOTICE} b`).count()).toBe(0);
      expect(await notice.getByRole("link").getAttribute("href")).toBe(`${fake.url}/`);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it("speaks the status page's language when its words come whole, and opens the page in the language the site chose", async () => {
    fakeMode = "Portuguese";
    const widget = `${fake.url}/embed/widget.js`;
    const opened = await openPage(browser, hostAt("/fake-pt", hostPage({ statusBase: base, widget, options: { lang: "pt-BR" } })), 1280);
    const { page } = opened;
    try {
      expect(await widgetState(page)).toEqual({ state: "ready", notices: "1" });
      expect(wordsQuery).toBe("?lang=pt-BR");
      const notice = page.getByRole("status");
      expect(await notice.getAttribute("lang")).toBe("pt-BR");
      const text = (await notice.innerText()).replace(/\s+/g, " ").trim();
      expect(text).toContain("Status de Blip");
      expect(text).toContain("Investigando");
      expect(await notice.getByRole("link", { name: "Checkout lento" }).getAttribute("href")).toBe(`${fake.url}/incidents/abcdefghijkl?lang=pt-BR`);
      expect(await page.getByRole("button", { name: "Fechar aviso de status" }).count()).toBe(1);
      await expectNoAxeViolations(page, "host page with the widget notice in Portuguese");
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});
