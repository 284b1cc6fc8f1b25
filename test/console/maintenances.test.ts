import { beforeAll, describe, expect, it } from "vitest";
import { utcToLocalDateTime } from "../../src/domain/time";
import { createComponent, createPage } from "../helpers/fixtures";
import { getJson } from "../helpers/http";
import { get, postAs, signIn, textOf } from "./helpers";

const ZONE = "Europe/Berlin";
let pageId: string;
let cookie: string;
let db: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Windows", time_zone: ZONE })).id;
  db = (await createComponent({ name: "Database" })).id;
  cookie = await signIn();
});

const local = (ms: number) => utcToLocalDateTime(ms, ZONE);
const HOUR = 3600_000;

async function schedule(name: string, from: number, until: number) {
  const res = await postAs(cookie, `/admin/${pageId}/maintenances/new`, {
    name,
    body: "Upgrading the database.",
    scheduled_for: local(from),
    scheduled_until: local(until),
    [`affects.${db}`]: "on",
    auto_start: "on",
    auto_complete: "on",
  });
  expect(res.status, await res.clone().text()).toBe(303);
  return /\/maintenances\/([a-z0-9]{12})$/.exec(res.headers.get("Location") ?? "")![1]!;
}

describe("maintenances from the console", () => {
  it("schedules a window given in the page's zone, edits it, and cancels it after a confirmation", async () => {
    const start = Math.ceil((Date.now() + 24 * HOUR) / 60_000) * 60_000;
    const id = await schedule("Database upgrade", start, start + 2 * HOUR);
    const { json } = await getJson(`/api/v2/scheduled-maintenances/${id}.json`);
    expect(Date.parse(json.scheduled_maintenance.scheduled_for)).toBe(start);
    expect(json.scheduled_maintenance.components.map((c: { name: string }) => c.name)).toEqual(["Database"]);

    const page = await (await get(`/admin/${pageId}/maintenances/${id}`, cookie)).text();
    expect(textOf(page)).toContain("Starts automatically.");
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    // Unticking "complete automatically" is kept: an unticked box is sent as nothing at all.
    const edit = await postAs(cookie, `/admin/${pageId}/maintenances/${id}/edit`, {
      version,
      name: "Database upgrade (longer)",
      scheduled_for: local(start),
      scheduled_until: local(start + 3 * HOUR),
      [`affects.${db}`]: "on",
      auto_start: "on",
    });
    expect(edit.status).toBe(303);
    const edited = (await getJson(`/api/v2/scheduled-maintenances/${id}.json`)).json.scheduled_maintenance;
    expect(edited.name).toBe("Database upgrade (longer)");
    expect(Date.parse(edited.scheduled_until)).toBe(start + 3 * HOUR);
    expect(textOf(await (await get(`/admin/${pageId}/maintenances/${id}`, cookie)).text())).toContain("Complete it by posting “Completed”.");

    expect(textOf(await (await get(`/admin/${pageId}/maintenances/${id}/cancel`, cookie)).text())).toContain("Cancel “Database upgrade (longer)”?");
    expect((await postAs(cookie, `/admin/${pageId}/maintenances/${id}/cancel`, { confirm: "yes" })).status).toBe(303);
    const upcoming = (await getJson("/api/v2/scheduled-maintenances/upcoming.json")).json.scheduled_maintenances as { id: string }[];
    expect(upcoming.map((m) => m.id)).not.toContain(id);
  });

  it("starts one by posting 'In progress', which puts its components under maintenance", async () => {
    const start = Math.ceil((Date.now() + 2 * HOUR) / 60_000) * 60_000;
    const id = await schedule("Failover test", start, start + HOUR);
    const res = await postAs(cookie, `/admin/${pageId}/maintenances/${id}`, { status: "in_progress", body: "Started early." });
    expect(res.status).toBe(303);
    const components = (await getJson("/api/v2/components.json")).json.components as { name: string; status: string }[];
    expect(components.find((c) => c.name === "Database")?.status).toBe("under_maintenance");
  });

  it("refuses a window that ends before it starts, next to the field, keeping the text", async () => {
    const start = Date.now() + 5 * HOUR;
    const res = await postAs(cookie, `/admin/${pageId}/maintenances/new`, {
      name: "Backwards",
      body: "Kept text",
      scheduled_for: local(start),
      scheduled_until: local(start - HOUR),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-scheduled_until-error"|id="f-scheduled_for-error"/);
    expect(html).toContain(">Kept text</textarea>");
  });
});

describe("editing a maintenance that has started", () => {
  it("extends its end without resending the start or the components it may no longer change", async () => {
    const start = Math.ceil((Date.now() + HOUR) / 60_000) * 60_000;
    const id = await schedule("Long migration", start, start + HOUR);
    expect((await postAs(cookie, `/admin/${pageId}/maintenances/${id}`, { status: "in_progress", body: "Started." })).status).toBe(303);
    const form = await (await get(`/admin/${pageId}/maintenances/${id}/edit`, cookie)).text();
    const value = (name: string) => new RegExp(`name="${name.replace(".", "\\.")}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? "";
    const fields: Record<string, string> = {
      version: value("version"),
      name: "Long migration",
      scheduled_for: value("scheduled_for"),
      scheduled_until: local(start + 3 * HOUR),
    };
    for (const name of ["scheduled_for", "scheduled_until", "component_ids", "auto_start", "auto_complete"]) fields[`_was.${name}`] = value(`_was.${name}`);
    fields[`affects.${db}`] = "on";
    fields.auto_start = "on";
    fields.auto_complete = "on";
    const res = await postAs(cookie, `/admin/${pageId}/maintenances/${id}/edit`, fields);
    expect(res.status, textOf(await res.clone().text()).slice(0, 400)).toBe(303);
    const m = (await getJson(`/api/v2/scheduled-maintenances/${id}.json`)).json.scheduled_maintenance;
    expect(Date.parse(m.scheduled_until)).toBe(start + 3 * HOUR);
    expect(Date.parse(m.scheduled_for)).toBe(start);
  });
});
