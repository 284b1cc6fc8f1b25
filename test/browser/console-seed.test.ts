// An operator re-enters the seed incident of 14 November 2024 ("Desk and Portal inaccessible")
// through the console's forms only, on a new page "Blip" for host localhost, and the public JSON and
// incident page come out as the demo's (loaded through the write functions) do, ids aside.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_COMPONENTS, DEMO_GROUP, DEMO_INCIDENTS, DEMO_START_DATE } from "../../src/demo/blip";
import { consoleTab, type ConsoleTab, createComponent, createPage, field, press, saoPauloWallTime, signIn } from "./console-helpers";
import { WIDTHS, expectNoHorizontalScroll, screenshot, launchBrowser, textOf } from "./helpers";

const SEED = DEMO_INCIDENTS[1]!;
const ZONE = "(America/Sao_Paulo, GMT-3)";
const grouped = new Set(DEMO_COMPONENTS.filter((c) => c.group).map((c) => c.name));
/** A component's select in the incident forms: a grouped one is labelled "Portal (Take Blip Platform)". */
const componentLabel = (name: string) => (grouped.has(name) ? `${name} (${DEMO_GROUP.name})` : name);

interface Affected {
  name: string;
  old_status: string;
  new_status: string;
}
interface IncidentJson {
  id: string;
  name: string;
  status: string;
  impact: string;
  started_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  postmortem_body?: string | null;
  postmortem_body_last_updated_at?: string | null;
  incident_updates: { status: string; body: string; display_at: string; deliver_notifications: boolean; affected_components: Affected[] | null }[];
  components: { name: string; status: string }[];
}
interface IncidentEnvelope {
  page: { name: string; time_zone: string };
  incident: IncidentJson;
}

/**
 * What a reader of the JSON depends on. Left out, as they legitimately differ: every id (the
 * incident's, its updates', `incident_id`, components' `code`/`id`, `page_id`), `created_at` and
 * `updated_at` and the page's `updated_at` (the moment each was written: "now" in both runs),
 * `shortlink` and the page's `url` (each names its own page's URL and port).
 */
const comparable = ({ page, incident: i }: IncidentEnvelope) => ({
  page: { name: page.name, time_zone: page.time_zone },
  name: i.name,
  status: i.status,
  impact: i.impact,
  started_at: i.started_at,
  monitoring_at: i.monitoring_at,
  resolved_at: i.resolved_at,
  postmortem_body: i.postmortem_body ?? null,
  postmortem_body_last_updated_at: i.postmortem_body_last_updated_at ?? null,
  updates: i.incident_updates.map((u) => ({
    status: u.status,
    body: u.body,
    display_at: u.display_at,
    deliver_notifications: u.deliver_notifications,
    // In display order, as both pages list their components alike.
    affected_components: u.affected_components?.map(({ name, old_status, new_status }) => ({ name, old_status, new_status })) ?? null,
  })),
  components: i.components.map(({ name, status }) => ({ name, status })),
});

let browser: Browser;
let tab: ConsoleTab;
let page: Page;
let base: string;
/** The same worker, asked for by the host the new page answers on. */
let localBase: string;
let pageId: string;
let incidentUrl: string;
let previewHtml: string;

beforeAll(async () => {
  base = inject("baseUrl");
  localBase = base.replace("127.0.0.1", "localhost");
  browser = await launchBrowser();
  tab = await consoleTab(browser, 1280);
  page = tab.page;
});
afterAll(async () => {
  await browser?.close();
});

async function readIncident(origin: string, id: string): Promise<IncidentEnvelope> {
  const res = await fetch(`${origin}/api/v2/incidents/${id}.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as IncidentEnvelope;
}

async function incidentIdByName(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v2/incidents.json`);
  const { incidents } = (await res.json()) as { incidents: { id: string; name: string }[] };
  const found = incidents.filter((i) => i.name === SEED.name);
  expect(found.length, `one "${SEED.name}" at ${origin}`).toBe(1);
  return found[0]!.id;
}

/** Sets each listed component's select to its new status. */
async function setComponents(changes: { name: string; status: string }[] = []) {
  for (const change of changes) await field(page, componentLabel(change.name)).selectOption(change.status);
}

describe.sequential("re-entering the seed incident through the console", () => {
  it("signs in and creates the page Blip answering on host localhost", async () => {
    await signIn(page, base, inject("adminToken"), "Seed operator");
    pageId = await createPage(page, base, { name: "Blip", url: localBase, host: "localhost", timeZone: "America/Sao_Paulo" });
    const res = await fetch(`${localBase}/api/v2/summary.json`);
    const summary = (await res.json()) as { page: { id: string; name: string; time_zone: string } };
    expect(summary.page).toMatchObject({ id: pageId, name: "Blip", time_zone: "America/Sao_Paulo" });
  });

  it("creates Desk, the group and its six components through the Components forms, as the demo has them", async () => {
    // As the demo does: the group is created where its first component appears.
    let groupMade = false;
    for (const c of DEMO_COMPONENTS) {
      if (c.group && !groupMade) {
        await createComponent(page, base, pageId, { ...DEMO_GROUP, isGroup: true });
        groupMade = true;
      }
      await createComponent(page, base, pageId, { name: c.name, description: c.description, group: c.group, startDate: DEMO_START_DATE });
    }
    // Everything a reader sees of a component, its group by name; ids and write times aside.
    type Component = { id: string; name: string; group_id: string | null; components?: string[]; created_at?: string; updated_at?: string; page_id?: string };
    const shape = ({ components }: { components: Component[] }) => {
      const name = (id: string | null) => (id === null ? null : components.find((c) => c.id === id)?.name);
      return components.map(({ id: _id, created_at: _c, updated_at: _u, page_id: _p, group_id, components: members, ...rest }) => ({
        ...rest,
        group_id: name(group_id),
        ...(members ? { components: members.map(name) } : {}),
      }));
    };
    const [mine, demo] = await Promise.all(
      [localBase, base].map(async (origin) => (await (await fetch(`${origin}/api/v2/components.json`)).json()) as { components: Component[] }),
    );
    expect(mine!.components.map((c) => c.name)).toEqual(["Desk", DEMO_GROUP.name, ...DEMO_COMPONENTS.slice(1).map((c) => c.name)]);
    expect(shape(mine!)).toEqual(shape(demo!));
  });

  it("opens the incident with its first update, back-dated to its real times", async () => {
    const [first] = SEED.updates;
    await page.goto(`${base}/admin/${pageId}`);
    await press(page, "New incident", "link");
    await field(page, "Name").fill(SEED.name);
    await field(page, "Status").selectOption(first!.status);
    await field(page, "Message").fill(first!.body);
    await setComponents(first!.components);
    await field(page, `Started at ${ZONE}`).fill(saoPauloWallTime(SEED.startedAt));
    await field(page, `First update posted at ${ZONE}`).fill(saoPauloWallTime(first!.at));
    expect(saoPauloWallTime(SEED.startedAt)).toBe("2024-11-14T06:45");
    expect(await field(page, "Notify subscribers").isChecked()).toBe(true);
    const response = await press(page, "Open incident");
    expect(response?.status()).toBe(200);
    expect(page.url()).toMatch(new RegExp(`/admin/${pageId}/incidents/[a-z0-9]{12}$`));
    incidentUrl = page.url();
    expect(await textOf(page, "h1")).toBe(SEED.name);
  });

  it("posts the other five updates at their times with their component changes", async () => {
    for (const update of SEED.updates.slice(1)) {
      await field(page, "Status").selectOption(update.status);
      await field(page, "Message").fill(update.body);
      await setComponents(update.components);
      await field(page, `Posted at ${ZONE}`).fill(saoPauloWallTime(update.at));
      const response = await press(page, "Post update");
      expect(response?.status(), `posting the ${update.status} update of ${update.at}`).toBe(200);
      expect(page.url()).toBe(incidentUrl);
    }
    const updates = page.locator("section[aria-labelledby=updates-h] ol.timeline > li");
    expect(await updates.count()).toBe(SEED.updates.length);
    expect(await updates.getByRole("link", { name: "Edit text" }).count()).toBe(SEED.updates.length);
  });

  it("previews the postmortem with the public renderer, then publishes it at its real time", async () => {
    await press(page, "Write the postmortem", "link");
    await field(page, "Postmortem").fill(SEED.postmortem.body);
    await field(page, `Published at ${ZONE}`).fill(saoPauloWallTime(SEED.postmortem.at));
    expect((await press(page, "Preview"))?.status()).toBe(200);
    const preview = page.getByRole("region", { name: "Preview" });
    expect(await preview.locator("strong").first().innerText()).toBe("Start Time:");
    previewHtml = await preview.locator(".md").innerHTML();
    // The preview wrote nothing: the form still holds the text and the public page has no postmortem yet.
    expect(await field(page, "Postmortem").inputValue()).toBe(SEED.postmortem.body);
    expect((await readIncident(localBase, incidentUrl.split("/").pop()!)).incident.postmortem_body ?? null).toBeNull();
    expect((await press(page, "Publish postmortem"))?.status()).toBe(200);
    expect(page.url()).toBe(incidentUrl);
    expect(await page.getByRole("region", { name: "Postmortem" }).locator(".md").innerHTML()).toBe(previewHtml);
  });

  it("serves the same public incident JSON as the demo's, ids and write times aside", async () => {
    const mine = await readIncident(localBase, incidentUrl.split("/").pop()!);
    const demo = await readIncident(base, await incidentIdByName(base));
    expect(mine.incident.id).not.toBe(demo.incident.id);
    // Not two equal mistakes: the demo says what src/demo/blip.ts says.
    expect(demo.incident.incident_updates.map((u) => u.body)).toEqual(SEED.updates.map((u) => u.body).reverse());
    expect(demo.incident.postmortem_body).toBe(SEED.postmortem.body);
    expect(comparable(mine)).toEqual(comparable(demo));
  });

  it("shows the same public incident page as the demo's, with the postmortem as previewed", async () => {
    const texts: string[] = [];
    for (const url of [`${localBase}/incidents/${incidentUrl.split("/").pop()}`, `${base}/incidents/${await incidentIdByName(base)}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      texts.push(await textOf(page, "main"));
    }
    expect(texts[0]).toContain("Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m");
    expect(texts[0]).toBe(texts[1]);
    expect(await page.locator("section.postmortem .md").innerHTML()).toBe(previewHtml);
  });

  it.each(WIDTHS)("lays out the console incident page at %i px (screenshot)", async (width) => {
    const narrow = await consoleTab(browser, width, { storageState: await tab.context.storageState() });
    try {
      const response = await narrow.page.goto(incidentUrl);
      expect(response?.status()).toBe(200);
      expect(await textOf(narrow.page, "h1")).toBe(SEED.name);
      await expectNoHorizontalScroll(narrow.page, `console incident page at ${width} px`);
      await screenshot(narrow.page, "console-seed-incident", width);
      expect(narrow.errors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });
});
