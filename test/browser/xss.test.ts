// Stored XSS in real Chromium. A status page served on its own host (xss.test, mapped to the
// `wrangler dev` of global-setup) gets every hostile payload as its name, its components' names
// and descriptions, its incidents' names, updates and postmortem, and a maintenance; then Chromium
// opens every surface: the HTML pages, the embed status line (alone and framed by another site),
// the feeds (as XML documents, and their entries' HTML the way a feed reader shows it), the badge
// as an <img> and as an SVG document (with hostile ?label=), the JSON API, and a customer's page
// on another origin running the widget. Every payload sets window.__xss (or calls alert, which
// init script turns into the same flag), CSP is bypassed so that only escaping can stop them, and
// each surface must end with the flag unset, no dialog, no element with an on* attribute and no
// javascript: URL. test/routes/xss.test.ts checks the same markup statically in workerd.
import { XMLParser } from "fast-xml-parser";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { COMBO, LABEL_PAYLOADS, MARKDOWN_BODY, TEXT_PAYLOADS } from "../helpers/xss-payloads";
import { adminOnHost, CHROMIUM_PATH } from "./helpers";
import { type LocalServer, startServer } from "./host-server";

const HOST = "xss.test";
const PAGE_SCRIPTS = ["/local-time.js", "/uptime-bars.js"];

let browser: Browser;
let context: BrowserContext;
let port: string;
let origin: string;
let token: string;
let customer: LocalServer;
const customerPages = new Map<string, string>();
const dialogs: string[] = [];

/** Each name holds several payloads (at most 200 characters): fewer writes, every payload used. */
const NAMES = TEXT_PAYLOADS.reduce<string[]>((names, payload) => {
  const last = names.at(-1);
  if (last !== undefined && last.length + 1 + payload.length <= 200) names[names.length - 1] = `${last} ${payload}`;
  else names.push(payload);
  return names;
}, []);

interface Seeded {
  components: { id: string; name: string; description: string }[];
  incidents: { id: string; name: string }[];
  resolved: string;
  maintenance: string;
}
let seeded: Seeded;

/** An admin call on the xss.test page. */
const admin = (method: string, path: string, body?: unknown) => adminOnHost(origin, token, method, path, body);

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function seed(): Promise<Seeded> {
  await admin("POST", "/pages", { name: COMBO, url: origin, host: HOST, time_zone: "Etc/UTC" });
  const components: Seeded["components"] = [];
  const group = (await admin("POST", "/components", { name: COMBO, description: NAMES[0], group: true })).component;
  components.push({ id: group.id, name: COMBO, description: NAMES[0]! });
  for (const [i, name] of NAMES.entries()) {
    const description = NAMES[(i + 1) % NAMES.length]!;
    const c = (await admin("POST", "/components", { name, description, showcase: true, ...(i === 0 ? { group_id: group.id } : {}) })).component;
    components.push({ id: c.id, name, description });
  }
  const leaf = (i: number) => components[1 + (i % NAMES.length)]!.id;
  const incidents: Seeded["incidents"] = [];
  for (const [i, name] of NAMES.entries()) {
    const incident = (await admin("POST", "/incidents", { name, body: MARKDOWN_BODY, components: [{ id: leaf(i), status: "partial_outage" }] })).incident;
    incidents.push({ id: incident.id, name });
  }
  const resolved = (await admin("POST", "/incidents", { name: COMBO, body: MARKDOWN_BODY })).incident;
  await admin("POST", `/incidents/${resolved.id}/updates`, { status: "resolved", body: MARKDOWN_BODY });
  await admin("PUT", `/incidents/${resolved.id}/postmortem`, { body: MARKDOWN_BODY });
  const maintenance = (
    await admin("POST", "/maintenances", { name: NAMES[1], body: MARKDOWN_BODY, scheduled_for: soon(24), scheduled_until: soon(26), component_ids: [leaf(0)] })
  ).scheduled_maintenance;
  await admin("POST", `/maintenances/${maintenance.id}/updates`, { status: "in_progress", body: MARKDOWN_BODY });
  // The newest open incident: the one the status line names.
  const newest = (await admin("POST", "/incidents", { name: COMBO, body: COMBO, components: [{ id: leaf(1), status: "major_outage" }] })).incident;
  incidents.push({ id: newest.id, name: COMBO });
  return { components, incidents, resolved: resolved.id, maintenance: maintenance.id };
}

declare global {
  interface Window {
    __xss?: number;
  }
}

interface Findings {
  flag: (number | undefined)[];
  handlers: string[];
  scripts: string[];
}

/** In every frame: the tripwire, elements with on* attributes or script URLs (shadow roots too), scripts. */
async function findings(page: Page): Promise<Findings> {
  const all: Findings = { flag: [], handlers: [], scripts: [] };
  for (const frame of page.frames()) {
    const found = await frame
      .evaluate(() => {
        const handlers: string[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of Array.from(root.querySelectorAll("*"))) {
            for (const attr of Array.from(el.attributes)) {
              const url =
                /^(href|src|action|formaction|xlink:href|data|poster)$/i.test(attr.name) &&
                /^\s*(javascript|vbscript|data:text)/i.test(attr.value.replace(/[\u0000-\u001f]/g, ""));
              if (/^on/i.test(attr.name) || url) handlers.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 80)}">`);
            }
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        const scripts = Array.from(document.getElementsByTagNameNS("*", "script")).map(
          (s) => s.getAttribute("src") ?? `inline: ${(s.textContent ?? "").slice(0, 80)}`,
        );
        return { flag: window.__xss, handlers, scripts };
      })
      .catch((error: Error) => ({ flag: undefined, handlers: [`frame not readable: ${error.message}`], scripts: [] }));
    all.flag.push(found.flag);
    all.handlers.push(...found.handlers);
    all.scripts.push(...found.scripts);
  }
  return all;
}

/** Asserts nothing ran and nothing executable is in the page; `scripts` lists the scripts allowed. */
async function expectInert(page: Page, label: string, scripts: string[] = []): Promise<void> {
  await page.waitForTimeout(150); // image errors and focus events fire after load
  const found = await findings(page);
  expect(
    found.flag.filter((f) => f !== 0 && f !== undefined),
    `${label}: window.__xss was set`,
  ).toEqual([]);
  expect(found.handlers, `${label}: executable attributes`).toEqual([]);
  expect(
    found.scripts.filter((s) => !scripts.some((allowed) => s.endsWith(allowed))),
    `${label}: scripts`,
  ).toEqual([]);
  expect(dialogs, `${label}: dialogs opened`).toEqual([]);
}

async function open(url: string): Promise<{ page: Page; status: number | undefined }> {
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  const response = await page.goto(url, { waitUntil: "load" });
  return { page, status: response?.status() };
}

async function withPage(url: string, run: (page: Page) => Promise<void>): Promise<void> {
  const { page, status } = await open(url);
  try {
    expect(status, url).toBe(200);
    await run(page);
  } finally {
    await page.close();
  }
}

/** White space collapsed as HTML collapses it (ASCII white space only: U+2028 stays). */
const squash = (text: string) => text.replace(/[\t\n\f\r ]+/g, " ").trim();

beforeAll(async () => {
  const base = inject("baseUrl");
  token = inject("adminToken");
  port = new URL(base).port;
  origin = `http://${HOST}:${port}`;
  seeded = await seed();
  customer = await startServer((req, res) => {
    const html = customerPages.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!html) return void res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(html);
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
    ],
  });
  // CSP is bypassed: the test is whether escaping alone keeps payloads inert.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  await context.addInitScript(() => {
    window.__xss = 0;
    const trip = () => {
      window.__xss = 1;
    };
    window.alert = trip;
    window.confirm = () => (trip(), false);
    window.prompt = () => (trip(), null);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await customer?.close();
});

describe("the tripwire", () => {
  it("sees a payload that runs, a handler attribute and a script URL (a control: the checks can fail)", async () => {
    customerPages.set(
      "/control",
      '<!doctype html><title>Control</title><img src="/missing.png" onerror="window.__xss=1"><a href="javascript:void 0">x</a><script>alert(1)</script>',
    );
    await withPage(`${customer.url}/control`, async (page) => {
      await page.waitForTimeout(150);
      const found = await findings(page);
      expect(found.flag).toContain(1);
      expect(found.handlers.join(" ")).toMatch(/onerror=.*href="javascript:/);
      expect(found.scripts.some((s) => s.startsWith("inline:"))).toBe(true);
      await page.evaluate(() => (window.__xss = 0));
    });
  });
});

describe("the status page's HTML", () => {
  const surfaces: [label: string, paths: () => string[]][] = [
    ["home and history", () => ["/", `/history?year=${new Date().getUTCFullYear()}`]],
    ["every open incident", () => seeded.incidents.map((i) => `/incidents/${i.id}`)],
    ["the resolved incident with its postmortem, and the maintenance", () => [`/incidents/${seeded.resolved}`, `/maintenances/${seeded.maintenance}`]],
  ];
  it.each(surfaces)("%s: nothing runs, even when every element is hovered, focused and clicked", async (_, paths) => {
    for (const path of paths()) {
      await withPage(`${origin}${path}`, async (page) => {
        await expectInert(page, path, PAGE_SCRIPTS);
        // Hover and focus everything: handlers smuggled onto any element would fire now.
        await page.evaluate(() => {
          for (const el of Array.from(document.querySelectorAll("body *"))) {
            for (const type of ["mouseover", "focus", "click"]) if (!(el instanceof HTMLAnchorElement) || type !== "click") el.dispatchEvent(new Event(type));
          }
        });
        await expectInert(page, `${path} after hovering`, PAGE_SCRIPTS);
      });
    }
  });

  it("shows names exactly as typed: the <title>, the heading, the components", async () => {
    await withPage(`${origin}/`, async (page) => {
      expect(await page.title()).toBe(`${squash(COMBO)} status`);
      const text = squash(await page.locator("main").innerText());
      for (const c of seeded.components) expect(text, c.name).toContain(squash(c.name));
      const titles = await page.locator("span.name").evaluateAll((els) => els.map((el) => el.getAttribute("title")));
      for (const c of seeded.components) expect(titles).toContain(c.description);
    });
    for (const incident of seeded.incidents) {
      await withPage(`${origin}/incidents/${incident.id}`, async (page) => {
        expect(squash(await page.locator("h1").innerText())).toBe(squash(incident.name));
        expect(await page.title()).toBe(squash(`${incident.name} · ${COMBO} status`));
      });
    }
  });

  it("renders markdown script links as text, never as links", async () => {
    await withPage(`${origin}/incidents/${seeded.resolved}`, async (page) => {
      const hrefs = await page
        .locator("main a, main img")
        .evaluateAll((els) => els.map((el) => (el as HTMLAnchorElement).href || (el as HTMLImageElement).src));
      for (const href of hrefs) expect(new URL(href).protocol, href).toMatch(/^(https?|mailto|data):$/);
      expect(await page.locator("main").innerText()).toContain("[click](javascript:window.__xss=1)");
    });
  });
});

describe("embeds", () => {
  it("the status line runs nothing, alone or framed by another site, and names the incident as text", async () => {
    for (const theme of ["", "?theme=dark"]) {
      await withPage(`${origin}/embed/status${theme}`, async (page) => {
        await expectInert(page, `/embed/status${theme}`);
        expect(squash(await page.locator("body").innerText())).toContain(squash(COMBO));
      });
    }
    customerPages.set("/frame", `<!doctype html><title>Shop</title><iframe id="f" src="${origin}/embed/status" width="320" height="48"></iframe>`);
    await withPage(`${customer.url}/frame`, async (page) => {
      await page.frameLocator("#f").locator("a").waitFor();
      await expectInert(page, "framed status line");
    });
  });

  it("the badge runs nothing as an <img> nor as an SVG document, whatever the label", async () => {
    const badges = LABEL_PAYLOADS.flatMap((label) => [
      `${origin}/badge.svg?label=${encodeURIComponent(label)}`,
      `${origin}/components/${seeded.components[1]!.id}/uptime.svg?label=${encodeURIComponent(label)}`,
    ]);
    customerPages.set(
      "/badges",
      `<!doctype html><title>Readme</title>${badges.map((b, i) => `<img id="b${i}" src="${b.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" alt="">`).join("")}`,
    );
    await withPage(`${customer.url}/badges`, async (page) => {
      await expect
        .poll(() =>
          page.locator("img").evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)),
        )
        .toBe(true);
      await expectInert(page, "badges as images");
    });
    for (const [i, label] of LABEL_PAYLOADS.entries()) {
      await withPage(badges[2 * i]!, async (page) => {
        await expectInert(page, `badge document ?label=${label}`);
        expect(await page.evaluate(() => document.querySelector("title")?.textContent)).toMatch(
          new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `),
        );
      });
    }
  });

  it("the widget on a customer's page (another origin) shows the names as text and runs nothing", async () => {
    const known = [...seeded.incidents.map((i) => i.name), NAMES[1]!];
    const variants: [route: string, components: string | null, names: string[]][] = [
      ["/widget", null, []],
      ...seeded.components.slice(1).map((c, i): [string, string, string[]] => [`/widget-${i}`, c.id, [seeded.incidents[i]!.name]]),
    ];
    for (const [route, components, names] of variants) {
      const data = components ? ` data-components="${components}"` : "";
      customerPages.set(
        route,
        `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1><script src="${origin}/embed/widget.js" async${data}></script></body></html>`,
      );
      await withPage(`${customer.url}${route}`, async (page) => {
        await page.waitForFunction(() =>
          ["ready", "error"].includes(document.querySelector("script[src$='/embed/widget.js']")?.getAttribute("data-edge-status") ?? ""),
        );
        await page.waitForFunction(() => (document.querySelector("edge-status-notice")?.shadowRoot?.querySelectorAll("a").length ?? 0) > 0);
        const shown = await page.evaluate(() =>
          Array.from(document.querySelector("edge-status-notice")!.shadowRoot!.querySelectorAll("a")).map((a) => ({ text: a.textContent, href: a.href })),
        );
        for (const name of names)
          expect(
            shown.map((s) => s.text),
            `${route}: ${JSON.stringify(shown)}`,
          ).toContain(name);
        for (const link of shown)
          if (!/ more on the status page$/.test(link.text ?? "")) expect(known, `${route}: an item named ${JSON.stringify(link.text)}`).toContain(link.text);
        for (const link of shown) expect(link.href.startsWith(`${origin}/`), link.href).toBe(true);
        await expectInert(page, `widget ${route}`, ["/embed/widget.js"]);
      });
    }
  });
});

describe("feeds and JSON", () => {
  it("the feeds open as XML documents with nothing executable in them", async () => {
    for (const feed of ["/history.atom", "/history.rss"]) {
      await withPage(`${origin}${feed}`, async (page) => {
        await expectInert(page, feed);
      });
    }
  });

  it("each feed entry's HTML, shown the way a feed reader shows it, runs nothing", async () => {
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => n === "entry" || n === "item" });
    const htmls: string[] = [];
    // Read through Chromium: only its resolver maps xss.test (Node's fetch cannot set Host).
    const page = (await open(`${origin}/history.atom`)).page;
    for (const feed of ["/history.atom", "/history.rss"]) {
      const xml = await page.evaluate(async (url) => (await fetch(url)).text(), `${origin}${feed}`);
      const doc = parser.parse(xml);
      const entries: any[] = feed.endsWith("atom") ? doc.feed.entry : doc.rss.channel.item;
      expect(entries.length).toBeGreaterThan(NAMES.length);
      for (const entry of entries) htmls.push(String(feed.endsWith("atom") ? (entry.content["#text"] ?? entry.content) : entry.description));
    }
    await page.close();
    customerPages.set("/reader", "<!doctype html><title>Feed reader</title><main id=m></main>");
    await withPage(`${customer.url}/reader`, async (reader) => {
      await reader.evaluate((all) => {
        for (const html of all) {
          const article = document.createElement("article");
          article.innerHTML = html;
          document.getElementById("m")!.append(article);
        }
      }, htmls);
      await expectInert(reader, "feed entries as HTML");
      expect(await reader.locator("main").innerText()).toContain("<script>window.__xss=1</script>");
    });
  });

  it("the JSON API opens as text and returns every payload exactly", async () => {
    await withPage(`${origin}/api/v2/summary.json`, async (page) => {
      await expectInert(page, "summary.json");
      const summary = JSON.parse(await page.locator("pre").first().innerText());
      expect(summary.page.name).toBe(COMBO);
      const names = (summary.components as { name: string }[]).map((c) => c.name);
      for (const c of seeded.components) expect(names).toContain(c.name);
      const incidents = summary.incidents as { name: string; incident_updates: { body: string }[] }[];
      for (const i of seeded.incidents) expect(incidents.map((x) => x.name)).toContain(i.name);
      expect(incidents.flatMap((x) => x.incident_updates.map((u) => u.body))).toContain(MARKDOWN_BODY);
    });
  });
});
