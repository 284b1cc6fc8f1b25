// Browser-test helpers: Debian's Chromium through playwright-core (never a downloaded browser),
// console and page error collection, axe-core, screenshots under test-results/ (git-ignored).
import { mkdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults, Result } from "axe-core";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const WIDTHS = [375, 1280] as const;

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Chromium; each of `hosts` resolves to 127.0.0.1, for status pages served on a host of their own. */
export function launchBrowser(hosts: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(hosts.length > 0 ? [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(",")}`] : []),
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console messages of type "error" and uncaught page errors, in the order they happened. */
  errors: string[];
  status: number | undefined;
}

/** Opens `url` in a fresh context at `width` (phones get a touch, mobile viewport) and records errors. */
export async function openPage(browser: Browser, url: string, width: number, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const phone = width < 600;
  const context = await browser.newContext({
    viewport: { width, height: phone ? 812 : 900 },
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    ...options,
  });
  // Fail fast: the pages are server-rendered, so an element that is not there at load never comes.
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`));
  const response = await page.goto(url, { waitUntil: "load" });
  return { context, page, errors, status: response?.status() };
}

function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`)
        .join("\n");
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n");
}

/** Runs axe-core on the page and fails, listing every violation readably, unless there are none. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Evaluated through DevTools, not as a <script>: the page's CSP rightly refuses inline scripts.
  await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  const results = await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const message = `${results.violations.length} axe violation(s) on ${label}:\n${describeViolations(results.violations)}`;
  if (results.violations.length > 0) console.error(message);
  expect(results.violations.length, message).toBe(0);
}

/** Fails if the document is wider than the viewport (horizontal scrolling). */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const vw = window.innerWidth;
    let widest = "";
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1) {
        widest = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} (right edge ${Math.round(r.right)} px)`;
        break;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, widest };
  });
  expect(scrollWidth, `${label}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}; first overflowing element: ${widest || "?"}`).toBeLessThanOrEqual(
    innerWidth,
  );
}

/** Saves a full-page screenshot to test-results/screenshots/<name>-<width>.png and returns its path. */
export async function screenshot(page: Page, name: string, width: number): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Whitespace-normalised visible text of a locator. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const text = await page.locator(selector).innerText();
  return text.replace(/\s+/g, " ").trim();
}

/** An admin API call from Node with the run's token; the parsed JSON answer, or an error naming the status. */
export async function adminRequest(base: string, token: string, method: string, pathname: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/api/admin${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * An admin call on the status page served at `origin` ("http://xss.test:8787"), sent to 127.0.0.1
 * with that Host (Node's fetch cannot set Host); retried once past a 429.
 */
export async function adminOnHost(origin: string, token: string, method: string, pathname: string, body?: unknown, retried = false): Promise<any> {
  const { host, port } = new URL(origin);
  const data = body === undefined ? undefined : JSON.stringify(body);
  const answer = await new Promise<{ status: number; text: string; retryAfter?: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path: `/api/admin${pathname}`,
        headers: {
          Host: host,
          Authorization: `Bearer ${token}`,
          ...(data ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, retryAfter: res.headers["retry-after"] as string | undefined }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
  if (answer.status === 429 && !retried) {
    await new Promise((r) => setTimeout(r, Number(answer.retryAfter ?? 60) * 1000));
    return adminOnHost(origin, token, method, pathname, body, true);
  }
  if (answer.status >= 300) throw new Error(`${method} ${pathname}: ${answer.status} ${answer.text}`);
  return answer.text ? JSON.parse(answer.text) : null;
}
