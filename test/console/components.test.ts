import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../helpers/fixtures";
import { adminJson, getJson } from "../helpers/http";
import { get, postAs, signIn, textOf } from "./helpers";

let pageId: string;
let cookie: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Parts" })).id;
  cookie = await signIn();
});

type Component = {
  id: string;
  name: string;
  status: string;
  group_id: string | null;
  group: boolean;
  position: number;
  description: string | null;
  only_show_if_degraded: boolean;
};
const publicComponents = async () => (await getJson("/api/v2/components.json")).json.components as Component[];
const byName = async (name: string) => (await publicComponents()).find((c) => c.name === name)!;

async function create(fields: Record<string, string>) {
  const res = await postAs(cookie, `/admin/${pageId}/components/new`, { status: "operational", showcase: "on", ...fields });
  expect(res.status, await res.clone().text()).toBe(303);
}

describe("components and groups from the console", () => {
  it("creates, regroups, reorders with up/down, hides when operational and deletes, as the public API shows", async () => {
    await create({ name: "Platform", group: "on" });
    const group = await byName("Platform");
    expect(group.group).toBe(true);
    await create({ name: "API", group_id: group.id, description: "The REST API" });
    await create({ name: "Dashboard", group_id: group.id });
    await create({ name: "Status emails" });
    const children = async () => (await publicComponents()).filter((c) => c.group_id === group.id).map((c) => c.name);
    expect(await children()).toEqual(["API", "Dashboard"]);

    // Down moves "API" below "Dashboard"; the first child's up button is disabled.
    const api = await byName("API");
    expect((await postAs(cookie, `/admin/${pageId}/components/${api.id}/move`, { direction: "down" })).status).toBe(303);
    expect(await children()).toEqual(["Dashboard", "API"]);
    const list = await (await get(`/admin/${pageId}/components`, cookie)).text();
    expect(list).toMatch(/<button type="submit" class="small" disabled="" aria-label="Move Dashboard up">/);

    // Rename, describe, move out of the group, show only when degraded.
    const emails = await byName("Status emails");
    const edit = await postAs(cookie, `/admin/${pageId}/components/${emails.id}`, {
      name: "Notifications",
      description: "Email and webhooks",
      group_id: group.id,
      status: "operational",
      only_show_if_degraded: "on",
    });
    expect(edit.status).toBe(303);
    expect(await byName("Notifications")).toMatchObject({ group_id: group.id, description: "Email and webhooks", only_show_if_degraded: true });
    expect(await children()).toEqual(["Dashboard", "API", "Notifications"]);

    // Deleting asks first; a group with components is refused with the API's reason.
    const confirm = await get(`/admin/${pageId}/components/${group.id}/delete`, cookie);
    expect(textOf(await confirm.text())).toContain("Delete “Platform”?");
    const refused = await postAs(cookie, `/admin/${pageId}/components/${group.id}/delete`, { confirm: "yes" });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain("Move or delete the group's components first.");
    expect((await postAs(cookie, `/admin/${pageId}/components/${api.id}/delete`, { confirm: "yes" })).status).toBe(303);
    expect(await children()).toEqual(["Dashboard", "Notifications"]);
  });

  it("keeps the typed name and shows the API's message when a field is refused", async () => {
    const res = await postAs(cookie, `/admin/${pageId}/components/new`, { name: "Billing", status: "operational", start_date: "1999-01-01" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Billing"');
    expect(html).toMatch(/id="f-start_date-error"/);
  });
});

describe("editing while the page moves", () => {
  it("a rename does not put back a status an incident set while the form was open", async () => {
    await create({ name: "Desk" });
    const desk = await byName("Desk");
    const form = await (await get(`/admin/${pageId}/components/${desk.id}`, cookie)).text();
    const was = /name="_was\.status" value="([^"]*)"/.exec(form)?.[1];
    expect(was).toBe("operational");
    const opened = await adminJson("POST", "/incidents", { name: "Desk down", body: "Down.", components: [{ id: desk.id, status: "major_outage" }] });
    expect(opened.status).toBe(201);
    const saved = await postAs(cookie, `/admin/${pageId}/components/${desk.id}`, {
      name: "Desk app",
      status: "operational",
      "_was.status": was!,
      showcase: "on",
    });
    expect(saved.status).toBe(303);
    expect(await byName("Desk app")).toMatchObject({ status: "major_outage" });
  });
});
