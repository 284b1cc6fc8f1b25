// Email subscriptions with double opt-in, in real Chromium against `wrangler dev` (its local queue
// consumer delivers into the local mail log, read through GET /api/admin/mail): a reader subscribes
// on the home page, gets only the confirmation mail until they press the confirm button (following
// the link alone confirms nothing), then gets incident updates with one-click unsubscribe headers,
// and nothing more once unsubscribed, by the page's button or by an RFC 8058 one-click POST.
//
// "Nothing was sent" is asserted against a control address (added through the admin API, already
// confirmed): once the control has the mail of an update, the same fan-out has run for the reader
// too, and a short grace period later the reader must still have nothing. The incidents opened
// here carry their own names and are resolved and deleted again at the end, and the control
// subscriber removed, so the demo is left as the other browser test files expect it (all resolved).
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { press } from "./console-helpers";
import { adminRequest, expectNoHorizontalScroll, launchBrowser, openPage, screenshot, textOf, type OpenedPage } from "./helpers";

interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  created_at: string;
}

const RUN = randomBytes(4).toString("hex");
const CONTROL = `control-${RUN}@example.com`;
/** How long after the control's mail the reader's would have arrived, at the latest, had it been sent. */
const GRACE_MS = 2_000;

let browser: Browser;
let base: string;
let token: string;
let controlId: string | undefined;
/** Incidents opened here, by id, with whether they are resolved yet. */
const incidents = new Map<string, { resolved: boolean }>();

beforeAll(async () => {
  base = inject("baseUrl");
  token = inject("adminToken");
  browser = await launchBrowser();
  const { subscriber } = await admin("POST", "/subscribers", { type: "email", email: CONTROL, skip_confirmation: true });
  controlId = subscriber.id;
  expect(subscriber.state).toBe("active");
});

afterAll(async () => {
  // Whatever happened above, leave the demo as the other browser test files expect it.
  if (controlId) await admin("DELETE", `/subscribers/${controlId}`).catch(() => undefined);
  for (const [id, { resolved }] of incidents) {
    if (!resolved) await admin("POST", `/incidents/${id}/updates`, { status: "resolved", body: "Resolved." }).catch(() => undefined);
    await admin("DELETE", `/incidents/${id}`).catch(() => undefined);
  }
  await browser?.close();
});

const admin = (method: string, pathname: string, body?: unknown) => adminRequest(base, token, method, pathname, body);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The mail log's messages to `address`, newest first. */
async function mailTo(address: string): Promise<Mail[]> {
  const { messages } = (await admin("GET", "/mail?limit=200")) as { messages: Mail[] };
  return messages.filter((m) => m.to === address);
}

/** Polls the mail log (every 250 ms, up to 20 s) for a message to `address` that `match`es. */
async function waitForMail(address: string, match: (m: Mail) => boolean, what: string): Promise<Mail> {
  const deadline = Date.now() + 20_000;
  let seen: Mail[] = [];
  while (Date.now() < deadline) {
    seen = await mailTo(address);
    const found = seen.find(match);
    if (found) return found;
    await sleep(250);
  }
  throw new Error(`no ${what} to ${address} within 20 s; the log has for it: ${JSON.stringify(seen.map((m) => m.subject))}`);
}

const subjectOf = (name: string, status: string) => `[Blip] ${name}: ${status}`;

/** Waits until the control address has the mail of this update: the fan-out that would reach the reader has run. */
async function controlGot(name: string, status: string): Promise<void> {
  await waitForMail(CONTROL, (m) => m.subject === subjectOf(name, status), `"${subjectOf(name, status)}" mail`);
  await sleep(GRACE_MS);
}

async function openIncident(name: string): Promise<string> {
  const { incident } = await admin("POST", "/incidents", { name, status: "investigating", body: `Looking into ${name}.`, components: [] });
  incidents.set(incident.id, { resolved: false });
  return incident.id;
}

async function postUpdate(id: string, status: "identified" | "monitoring" | "resolved"): Promise<void> {
  await admin("POST", `/incidents/${id}/updates`, { status, body: `Now ${status}.` });
  if (status === "resolved") incidents.set(id, { resolved: true });
}

/** The path and query of a mail's link, on the test server: the demo page's URL (localhost:8787) is not where it runs. */
const onTestServer = (link: string) => {
  const url = new URL(link);
  return `${base}${url.pathname}${url.search}`;
};

/** The `Confirm: <url>` line of a confirmation mail. */
function confirmLinkOf(mail: Mail): string {
  const link = /^Confirm: (\S+)$/m.exec(mail.text)?.[1];
  expect(link, `a "Confirm: <url>" line in:\n${mail.text}`).toBeDefined();
  expect(new URL(link!).pathname).toBe("/subscriptions/confirm");
  expect(new URL(link!).searchParams.get("token")).toMatch(/\S/);
  return link!;
}

/** The URL of a notification's List-Unsubscribe header, after checking both RFC 8058 headers. */
function unsubscribeUrlOf(mail: Mail): string {
  const header = mail.headers["List-Unsubscribe"] ?? "";
  const url = /^<(https?:\/\/[^>]+)>$/.exec(header)?.[1];
  expect(url, `List-Unsubscribe: ${header}`).toBeDefined();
  expect(new URL(url!).pathname).toBe("/unsubscribe");
  expect(new URL(url!).searchParams.get("token")).toMatch(/\S/);
  expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  return url!;
}

/** Fills the home page's form and submits it; the page then shows the answer. */
async function subscribeOnHome(page: Page, address: string): Promise<void> {
  const form = page.getByRole("region", { name: "Get updates by email" });
  await form.getByLabel("Email address", { exact: true }).fill(address);
  const response = await press(page, "Subscribe");
  expect(response?.status()).toBe(200);
  // The demo page offers two languages, so the reader's (English) rides along on the redirect.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/subscribe?sent=1&lang=en");
  expect(await textOf(page, "main")).toContain("Check your inbox");
}

/** Opens the confirmation link, checks it confirmed nothing yet, presses the button; the manage page's URL. */
async function confirmThroughLink(page: Page, link: string, address: string): Promise<string> {
  const response = await page.goto(onTestServer(link));
  expect(response?.status()).toBe(200);
  expect(await textOf(page, "h1")).toBe("Confirm your subscription");
  expect(await textOf(page, "main")).toContain(address);
  await expect.poll(() => page.getByRole("button", { name: "Confirm subscription", exact: true }).isVisible()).toBe(true);
  const confirmed = await press(page, "Confirm subscription");
  expect(confirmed?.status()).toBe(200);
  const url = new URL(page.url());
  expect(url.pathname).toBe("/subscriptions/manage");
  expect(url.searchParams.get("said")).toBe("confirmed");
  expect(await textOf(page, "main")).toContain("Subscription confirmed");
  return page.url();
}

async function subscriberState(address: string): Promise<string | undefined> {
  const { subscribers } = (await admin("GET", "/subscribers")) as { subscribers: { target: string; state: string }[] };
  return subscribers.find((s) => s.target === address)?.state;
}

describe.sequential("subscribing on the home page, confirming, hearing of updates, unsubscribing", () => {
  const reader = `reader-${RUN}@example.com`;
  const incident = `Subscription test ${RUN}: slow replies`;
  let tab: OpenedPage;
  let page: Page;
  let confirmLink: string;
  let incidentId: string;
  let unsubscribeUrl: string;

  beforeAll(async () => {
    tab = await openPage(browser, base, 1280);
    page = tab.page;
  });
  afterAll(async () => {
    await tab?.context.close();
  });

  it("subscribes from the home page form: 'Check your inbox', the confirmation mail, nothing else before confirming", async () => {
    expect(tab.status).toBe(200);
    await subscribeOnHome(page, reader);

    const confirmation = await waitForMail(reader, (m) => m.subject.startsWith("Confirm your subscription"), "confirmation mail");
    confirmLink = confirmLinkOf(confirmation);
    expect(await subscriberState(reader)).toBe("pending");

    // An incident opened now reaches the control address, and not the pending reader.
    incidentId = await openIncident(incident);
    await controlGot(incident, "Investigating");
    expect((await mailTo(reader)).map((m) => m.subject)).toEqual([confirmation.subject]);
    expect(tab.errors).toEqual([]);
  });

  it("shows the confirm button on the link without confirming (GET never does); the button confirms", async () => {
    const response = await page.goto(onTestServer(confirmLink));
    expect(response?.status()).toBe(200);
    expect(await textOf(page, "h1")).toBe("Confirm your subscription");
    expect(await page.getByRole("button", { name: "Confirm subscription", exact: true }).isVisible()).toBe(true);

    // Opening the link twice (as a mail scanner might) left the subscription pending: its manage page is not open yet.
    await page.goto(onTestServer(confirmLink));
    expect(await subscriberState(reader)).toBe("pending");
    const token = new URL(confirmLink).searchParams.get("token")!;
    const manage = await fetch(`${base}/subscriptions/manage?token=${encodeURIComponent(token)}`);
    expect(manage.status).toBe(404);
    expect(await manage.text()).toContain("This link is not valid");

    await confirmThroughLink(page, confirmLink, reader);
    expect(await subscriberState(reader)).toBe("active");
    expect(await page.getByRole("checkbox").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Save", exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Unsubscribe", exact: true }).isVisible()).toBe(true);
    expect(tab.errors).toEqual([]);
  });

  it("mails the next incident update to the confirmed address, with one-click unsubscribe headers", async () => {
    await postUpdate(incidentId, "identified");
    const mail = await waitForMail(reader, (m) => m.subject === subjectOf(incident, "Identified"), "notification mail");
    expect(mail.text).toContain("Now identified.");
    unsubscribeUrl = unsubscribeUrlOf(mail);
    // Only the confirmation and this update: the update posted before confirming was never sent afterwards.
    expect((await mailTo(reader)).map((m) => m.subject)).toEqual([mail.subject, expect.stringMatching(/^Confirm your subscription/)]);
  });

  it("unsubscribes with the button of the mail's link; a further update sends nothing more", async () => {
    const response = await page.goto(onTestServer(unsubscribeUrl));
    expect(response?.status()).toBe(200);
    expect(await textOf(page, "h1")).toBe("Unsubscribe");
    expect(await textOf(page, "main")).toContain(reader);
    const answer = await press(page, "Unsubscribe");
    expect(answer?.status()).toBe(200);
    expect(await textOf(page, "h1")).toBe("You are unsubscribed");
    expect(await subscriberState(reader)).toBeUndefined();

    const before = (await mailTo(reader)).length;
    await postUpdate(incidentId, "resolved");
    await controlGot(incident, "Resolved");
    expect(await mailTo(reader)).toHaveLength(before);
    expect(tab.errors).toEqual([]);
  });
});

describe.sequential("subscribing on a phone (375 px) and leaving with a one-click POST (RFC 8058)", () => {
  const reader = `reader-${RUN}-phone@example.com`;
  const incident = `Subscription test ${RUN}: one-click`;
  let tab: OpenedPage;
  let incidentId: string;

  beforeAll(async () => {
    tab = await openPage(browser, base, 375);
  });
  afterAll(async () => {
    await tab?.context.close();
  });

  it("shows a usable form on the home page at 375 px and subscribes with it", async () => {
    const { page } = tab;
    expect(tab.status).toBe(200);
    const form = page.getByRole("region", { name: "Get updates by email" });
    const input = form.getByLabel("Email address", { exact: true });
    const button = form.getByRole("button", { name: "Subscribe", exact: true });
    await input.scrollIntoViewIfNeeded();
    for (const [what, control] of [
      ["input", input],
      ["button", button],
    ] as const) {
      expect(await control.isVisible(), `${what} visible`).toBe(true);
      const box = await control.boundingBox();
      expect(box, `${what} has a box`).not.toBeNull();
      expect(box!.x, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${what} ends inside the 375 px viewport`).toBeLessThanOrEqual(375);
      expect(box!.height, `${what} is tall enough to tap`).toBeGreaterThanOrEqual(24);
    }
    expect((await input.boundingBox())!.width, "room to type an address").toBeGreaterThanOrEqual(150);
    await expectNoHorizontalScroll(page, "home page at 375 px");
    await screenshot(page, "subscribe-home", 375);

    await subscribeOnHome(page, reader);
    const confirmation = await waitForMail(reader, (m) => m.subject.startsWith("Confirm your subscription"), "confirmation mail");
    await confirmThroughLink(page, confirmLinkOf(confirmation), reader);
    await expectNoHorizontalScroll(page, "manage page at 375 px");
    expect(tab.errors).toEqual([]);
  });

  it("ends the subscription with a One-Click POST to the List-Unsubscribe URL; a further update sends nothing more", async () => {
    incidentId = await openIncident(incident);
    const mail = await waitForMail(reader, (m) => m.subject === subjectOf(incident, "Investigating"), "notification mail");
    const url = unsubscribeUrlOf(mail);

    // As a mailbox provider does: no cookies, no browser, just the form body RFC 8058 names.
    const res = await fetch(onTestServer(url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed");
    expect(await subscriberState(reader)).toBeUndefined();

    const before = (await mailTo(reader)).length;
    await postUpdate(incidentId, "resolved");
    await controlGot(incident, "Resolved");
    expect(await mailTo(reader)).toHaveLength(before);
  });
});
