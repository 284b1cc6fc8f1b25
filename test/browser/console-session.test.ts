// The console's session as an operator lives it: signing out ends it for every copy of the cookie,
// a form auto-posted from another site is refused without changing anything, and a session that
// ends while a form is being filled loses nothing of what was typed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleTab, type ConsoleTab, createComponent, createPage, field, press, signIn, unresolvedIncidentNames } from "./console-helpers";
import { type LocalServer, startServer } from "./host-server";
import { expectNoAxeViolations, launchBrowser, textOf } from "./helpers";

// A page of its own (public reads for host session.test), so the demo the other tests read stays as it is.
const HOST = "session.test";

let browser: Browser;
let base: string;
let token: string;
let pageId: string;
const tabs: ConsoleTab[] = [];

/** A new browser context (its own cookies), closed after the file. */
async function tab(): Promise<ConsoleTab> {
  const opened = await consoleTab(browser, 1280);
  tabs.push(opened);
  return opened;
}

beforeAll(async () => {
  base = inject("baseUrl");
  token = inject("adminToken");
  browser = await launchBrowser();
  const setup = await tab();
  await signIn(setup.page, base, token, "Session setup");
  pageId = await createPage(setup.page, base, { name: "Session", url: `http://${HOST}`, host: HOST, timeZone: "America/Sao_Paulo" });
  await createComponent(setup.page, base, pageId, { name: "API", description: "The public API" });
});
afterAll(async () => {
  for (const t of tabs) await t.context.close().catch(() => {});
  await browser?.close();
});

describe("signing out", () => {
  it("ends the session on the server: a copy of the cookie taken before no longer opens the console", async () => {
    const { context, page } = await tab();
    await signIn(page, base, token, "Leaving operator");
    const session = (await context.cookies()).find((c) => c.name === "edge_status_session");
    expect(session, "the session cookie").toBeDefined();
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", domain: "127.0.0.1", path: "/" });
    // A working day: it lasts 12 hours (a minute's slack for the two clocks).
    expect(Math.abs(session!.expires - (Date.now() / 1000 + 12 * 3600))).toBeLessThan(60);

    // While signed in, the copy works: it is the session, not something tied to this context.
    const copy = await tab();
    await copy.context.addCookies([session!]);
    await copy.page.goto(`${base}/admin`);
    expect(copy.page.url()).toMatch(new RegExp(`^${base}/admin/[a-z0-9]{12}$`));

    expect((await press(page, "Sign out"))?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/admin/sign-in`);
    await page.goto(`${base}/admin`);
    expect(page.url()).toBe(`${base}/admin/sign-in?next=%2Fadmin`);

    const stale = await tab();
    await stale.context.addCookies([session!]);
    await stale.page.goto(`${base}/admin/${pageId}/incidents/new`);
    expect(stale.page.url()).toBe(`${base}/admin/sign-in?next=${encodeURIComponent(`/admin/${pageId}/incidents/new`)}`);
    expect(await field(stale.page, "Admin token").count()).toBe(1);
    // The copy that was in use is signed out too: reloading its dashboard asks to sign in.
    const dashboard = copy.page.url();
    await copy.page.reload();
    expect(copy.page.url()).toBe(`${base}/admin/sign-in?next=${encodeURIComponent(new URL(dashboard).pathname)}`);
  });
});

describe("a form posted from another site", () => {
  let evil: LocalServer;
  afterAll(async () => {
    await evil?.close();
  });

  it("is refused with 403 and creates nothing, even for a signed-in operator", async () => {
    const name = "Cross-site incident";
    const action = `${base}/admin/${pageId}/incidents/new`;
    // Another origin (another port): the browser sends its Origin, which is not the console's.
    evil = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="en"><head><title>Win a prize</title></head><body>
<form id="f" method="post" action="${action}">
  <input name="name" value="${name}"><input name="status" value="investigating">
  <input name="body" value="Posted by another site."><input name="notify" value="on">
</form>
<script>document.getElementById("f").submit();</script>
</body></html>`);
    });
    const { page } = await tab();
    await signIn(page, base, token, "Targeted operator");

    // Same site (127.0.0.1), so the SameSite=Strict cookie goes along: the Origin check alone refuses it.
    const answer = page.waitForResponse((r) => r.url() === action && r.request().method() === "POST");
    await page.goto(evil.url);
    expect((await answer).status()).toBe(403);
    await page.waitForURL(action);
    expect(await textOf(page, "main")).toContain("This form was sent from another site, so it was refused and nothing was changed.");
    await expectNoAxeViolations(page, "the cross-site refusal");
    expect(await unresolvedIncidentNames(base, HOST)).not.toContain(name);

    // The operator is still signed in, and the console's own form still works.
    await page.goto(`${base}/admin/${pageId}`);
    expect(page.url()).toBe(`${base}/admin/${pageId}`);
  });
});

describe("a session that ends while a form is being filled", () => {
  it("asks to sign in again keeping the text, shows the form again unsent, then posts it", async () => {
    const { context, page } = await tab();
    await signIn(page, base, token, "Interrupted operator");
    await page.goto(`${base}/admin/${pageId}/incidents/new`);
    const typed = {
      name: "API answers 502",
      body: "Some **API** calls answer 502 since 10:02.\n\nWe are looking into it.",
      status: "identified",
      component: "partial_outage",
    };
    await field(page, "Name").fill(typed.name);
    await field(page, "Status").selectOption(typed.status);
    await field(page, "Message").fill(typed.body);
    await field(page, "API").selectOption(typed.component);

    await context.clearCookies();
    const refused = await press(page, "Open incident");
    expect(refused?.status()).toBe(401);
    expect(await textOf(page, "main")).toContain("Your session has ended.");
    expect(await field(page, "Admin token").count()).toBe(1);
    await expectNoAxeViolations(page, "the sign-in that carries a form");
    const carried = Object.fromEntries(
      await page
        .locator("main form input[type=hidden]")
        .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
    );
    expect(carried).toMatchObject({ name: typed.name, body: typed.body, status: typed.status, notify: "on" });
    expect(await unresolvedIncidentNames(base, HOST)).not.toContain(typed.name);

    await field(page, "Admin token").fill(token);
    await field(page, "Your name").fill("Interrupted operator");
    const resumed = await press(page, "Sign in");
    expect(resumed?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/admin/${pageId}/incidents/new`);
    expect(await page.getByRole("status").innerText()).toContain("You are signed in again. Nothing has been sent yet");
    expect(await field(page, "Name").inputValue()).toBe(typed.name);
    expect(await field(page, "Message").inputValue()).toBe(typed.body);
    expect(await field(page, "Status").inputValue()).toBe(typed.status);
    expect(await field(page, "API").inputValue()).toBe(typed.component);
    await expectNoAxeViolations(page, "the form given back after signing in again");
    expect(await unresolvedIncidentNames(base, HOST)).not.toContain(typed.name);

    const posted = await press(page, "Open incident");
    expect(posted?.status()).toBe(200);
    expect(page.url()).toMatch(new RegExp(`/admin/${pageId}/incidents/[a-z0-9]{12}$`));
    expect(await textOf(page, "h1")).toBe(typed.name);
    expect(await unresolvedIncidentNames(base, HOST)).toContain(typed.name);
  });
});
