// Helpers for the operator console's browser tests: a signed-in context, the forms an operator
// fills again and again (a page, a component), navigations that end on a form's answer, and
// public reads for a page chosen by its Host header.
import { request } from "node:http";
import type { Browser, BrowserContext, Locator, Page, Response } from "playwright-core";
import { expect } from "vitest";

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors, as openPage records them. */
  errors: string[];
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface TabOptions {
  /** Another context's cookies (its session), from `context.storageState()`. */
  storageState?: StorageState;
  colorScheme?: "light" | "dark";
}

/** A fresh context at `width` (phones get a touch, mobile viewport), optionally signed in as another one. */
export async function consoleTab(browser: Browser, width: number, { storageState, colorScheme = "light" }: TabOptions = {}): Promise<ConsoleTab> {
  const phone = width < 600;
  const context = await browser.newContext({
    viewport: { width, height: phone ? 812 : 900 },
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    colorScheme,
    ...(storageState ? { storageState } : {}),
  });
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

/** Runs `action` (a click, a key press) and waits for the navigation it starts; the final response. */
export async function navigate(page: Page, action: () => Promise<unknown>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), action()]);
  return response;
}

/** Clicks the button or link named `name` and waits for the page it leads to. */
export const press = (page: Page, name: string, role: "button" | "link" = "button") =>
  navigate(page, () => page.getByRole(role, { name, exact: true }).click());

/** The form control whose label is exactly `label`. */
export const field = (page: Page, label: string): Locator => page.getByLabel(label, { exact: true });

/** The page id of a console URL (/admin/<page id>/…). */
export function pageIdOf(url: string): string {
  const id = /\/admin\/([a-z0-9]{12})(?:[/?]|$)/.exec(new URL(url).pathname)?.[1];
  expect(id, `a console page URL: ${url}`).toBeDefined();
  return id!;
}

/** Signs in from /admin, as an operator does, and returns the id of the page the console opens on. */
export async function signIn(page: Page, base: string, token: string, name = "Test operator"): Promise<string> {
  await page.goto(`${base}/admin`);
  expect(page.url()).toBe(`${base}/admin/sign-in?next=%2Fadmin`);
  await field(page, "Admin token").fill(token);
  await field(page, "Your name").fill(name);
  const response = await press(page, "Sign in");
  expect(response?.status()).toBe(200);
  return pageIdOf(page.url());
}

export interface NewPage {
  name: string;
  url: string;
  host: string;
  timeZone: string;
}

/** Creates a status page through /admin/pages/new and returns its id (the console opens its dashboard). */
export async function createPage(page: Page, base: string, input: NewPage): Promise<string> {
  await page.goto(`${base}/admin/pages/new`);
  await field(page, "Name").fill(input.name);
  await field(page, "URL").fill(input.url);
  await field(page, "Host").fill(input.host);
  await field(page, "Time zone").fill(input.timeZone);
  const response = await press(page, "Create page");
  expect(response?.status()).toBe(200);
  return pageIdOf(page.url());
}

export interface NewComponent {
  name: string;
  description?: string;
  /** The group's name, as the "Group" select lists it. */
  group?: string;
  /** "Uptime counts from", yyyy-mm-dd. */
  startDate?: string;
  isGroup?: boolean;
}

/** Creates a component or a group through the Components page's links and form. */
export async function createComponent(page: Page, base: string, pageId: string, input: NewComponent): Promise<void> {
  await page.goto(`${base}/admin/${pageId}/components`);
  await press(page, input.isGroup ? "New group" : "New component", "link");
  await field(page, "Name").fill(input.name);
  if (input.description) await field(page, "Description").fill(input.description);
  if (input.group) await field(page, "Group").selectOption({ label: input.group });
  if (input.startDate) await field(page, "Uptime counts from").fill(input.startDate);
  const response = await press(page, input.isGroup ? "Create group" : "Create component");
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${base}/admin/${pageId}/components`);
}

/** A UTC instant as São Paulo wall time for a datetime-local input (GMT-3 all year since 2019). */
export function saoPauloWallTime(iso: string): string {
  return new Date(Date.parse(iso) - 3 * 3_600_000).toISOString().slice(0, 16);
}

/** GET `path` from the worker at `base` with a Host header of our choosing (fetch ignores one). */
export function publicRead<T = unknown>(base: string, path: string, host: string): Promise<{ status: number; body: T }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { host, accept: "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The names of a page's unresolved incidents, from the public JSON its host serves. */
export async function unresolvedIncidentNames(base: string, host: string): Promise<string[]> {
  const { status, body } = await publicRead<{ incidents: { name: string }[] }>(base, "/api/v2/incidents/unresolved.json", host);
  expect(status).toBe(200);
  return body.incidents.map((i) => i.name);
}
