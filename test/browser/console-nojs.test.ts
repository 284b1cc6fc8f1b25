// The console with JavaScript turned off, as the issue asks: every core form works without it.
// An operator picks a template with the "Use template" button, opens an incident, previews and
// publishes a postmortem, all through plain form posts.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createComponent, createPage, field, press, publicRead, signIn } from "./console-helpers";
import { launchBrowser } from "./helpers";

const HOST = "nojs.test";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let pageId: string;

beforeAll(async () => {
  base = inject("baseUrl");
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(5_000);
  page = await context.newPage();
  await signIn(page, base, inject("adminToken"), "No script");
  pageId = await createPage(page, base, { name: "No script", url: `http://${HOST}`, host: HOST, timeZone: "Etc/UTC" });
  await createComponent(page, base, pageId, { name: "Checkout" });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("the console without JavaScript", () => {
  it("saves a template, then fills a new incident from it with the 'Use template' button", async () => {
    await page.goto(`${base}/admin/${pageId}/templates`);
    await field(page, "Name").fill("Payments failing");
    await field(page, "Status").selectOption("identified");
    await field(page, "Message").fill("Card payments fail at checkout; a fix is being deployed.");
    expect((await press(page, "Add template"))?.status()).toBe(200);

    await page.goto(`${base}/admin/${pageId}/incidents/new`);
    await field(page, "Name").fill("Checkout errors");
    await field(page, "Template").selectOption({ label: "Payments failing (Identified)" });
    // The button is there to be pressed: no script hid it.
    const answer = await press(page, "Use template");
    expect(answer?.status()).toBe(200);
    expect(await field(page, "Message").inputValue()).toBe("Card payments fail at checkout; a fix is being deployed.");
    expect(await field(page, "Status").inputValue()).toBe("identified");
    // What was typed before choosing the template is still there.
    expect(await field(page, "Name").inputValue()).toBe("Checkout errors");
  });

  it("opens the incident, resolves it, and previews then publishes its postmortem", async () => {
    await field(page, "Checkout").selectOption("partial_outage");
    expect((await press(page, "Open incident"))?.status()).toBe(200);
    expect(await page.locator("h1").innerText()).toBe("Checkout errors");

    await field(page, "Status").selectOption("resolved");
    await field(page, "Message").fill("Payments work again.");
    expect((await press(page, "Post update"))?.status()).toBe(200);

    await press(page, "Write the postmortem", "link");
    await field(page, "Postmortem").fill("### What happened\n\nA **certificate** expired.");
    expect((await press(page, "Preview"))?.status()).toBe(200);
    expect(await page.locator(".preview strong").innerText()).toBe("certificate");
    expect(await field(page, "Postmortem").inputValue()).toBe("### What happened\n\nA **certificate** expired.");
    expect((await press(page, "Publish postmortem"))?.status()).toBe(200);

    const { body } = await publicRead<{ incidents: { name: string; status: string; postmortem_body: string; components: { status: string }[] }[] }>(
      base,
      "/api/v2/incidents.json",
      HOST,
    );
    const incident = body.incidents.find((i) => i.name === "Checkout errors");
    expect(incident).toMatchObject({ status: "postmortem", postmortem_body: "### What happened\n\nA **certificate** expired." });
    expect(incident?.components.map((c) => c.status)).toEqual(["operational"]);
  });
});
