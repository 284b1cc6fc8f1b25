import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { ID, MALFORMED_IDS, newSite, site, type Site, UNKNOWN_ID } from "./helpers";

const main = site();
type Component = { id: string; name: string; status: string; position: number; group_id: string | null; components?: string[] };

async function publicComponent(s: Site, id: string): Promise<Component | undefined> {
  return (await s.fresh("/api/v2/components.json")).components.find((c: Component) => c.id === id);
}

beforeAll(async () => {
  // The default page has its own host so that admin calls on status.test reach it even once other pages exist.
  await createPage({ host: "status.test" });
});

describe("POST /components", () => {
  it("creates a component that the public API lists at once, exactly as the admin API presents it", async () => {
    const { component } = await main.ok("POST", "/components", { name: "API", description: "The REST API" });
    expect(component).toEqual({
      id: expect.stringMatching(ID),
      name: "API",
      status: "operational",
      created_at: expect.any(String),
      updated_at: component.created_at,
      position: expect.any(Number),
      description: "The REST API",
      showcase: true,
      start_date: null,
      group_id: null,
      page_id: (await main.ok("GET", "/page")).page.id,
      group: false,
      only_show_if_degraded: false,
    });
    expect(await publicComponent(main, component.id)).toEqual(component);
  });

  it("stores every optional field, and an initial status other than operational", async () => {
    const component = await createComponent({
      name: "Search",
      status: "degraded_performance",
      showcase: false,
      only_show_if_degraded: true,
      start_date: "2024-02-29",
    });
    expect(component).toMatchObject({ status: "degraded_performance", showcase: false, only_show_if_degraded: true, start_date: "2024-02-29" });
    expect(await publicComponent(main, component.id)).toEqual(component);
  });

  it("numbers positions within the parent: top level and each group count separately", async () => {
    const s = await newSite("positions.test");
    const a = await s.component({ name: "A" });
    const group = await s.component({ name: "Platform", group: true });
    const x = await s.component({ name: "X", group_id: group.id });
    const y = await s.component({ name: "Y", group_id: group.id });
    const b = await s.component({ name: "B" });
    expect([a.position, group.position, b.position, x.position, y.position]).toEqual([1, 2, 3, 1, 2]);
    const { components } = await s.fresh("/api/v2/components.json");
    expect(components.map((c: Component) => [c.name, c.position, c.group_id])).toEqual([
      ["A", 1, null],
      ["Platform", 2, null],
      ["X", 1, group.id],
      ["Y", 2, group.id],
      ["B", 3, null],
    ]);
    expect(components[1]).toMatchObject({ group: true, components: [x.id, y.id] });
  });

  it("rolls a group's status up from its components", async () => {
    const group = await createComponent({ name: "Storage", group: true });
    await createComponent({ name: "Disks", group_id: group.id, status: "partial_outage" });
    await createComponent({ name: "Backups", group_id: group.id, status: "degraded_performance" });
    expect((await publicComponent(main, group.id))!.status).toBe("partial_outage");
  });

  it.each([
    [{ name: "G", group: true, status: "major_outage" }, 422, "group_status", "body.status"],
    [{ name: "G", group: true, group_id: "{group}" }, 422, "invalid_group", "body.group_id"],
    [{ name: "C", group_id: "{leaf}" }, 422, "invalid_group", "body.group_id"],
    [{ name: "C", group_id: UNKNOWN_ID }, 422, "invalid_group", "body.group_id"],
    [{ name: "" }, 400, "validation_failed", "body.name"],
    [{ name: "C", status: "down" }, 400, "validation_failed", "body.status"],
    [{ name: "C", start_date: "22/11/2026" }, 400, "validation_failed", "body.start_date"],
    [{ name: "C", group_id: "Not-An-Id" }, 400, "validation_failed", "body.group_id"],
    [{ name: "C", showcase: "yes" }, 400, "validation_failed", "body.showcase"],
    [{ name: "C", position: 1 }, 400, "validation_failed", "body"],
  ])("refuses %j (%i %s)", async (body, status, code, field) => {
    const group = await createComponent({ name: "Some group", group: true });
    const leaf = await createComponent({ name: "Some leaf" });
    const filled = JSON.parse(JSON.stringify(body).replace("{group}", group.id).replace("{leaf}", leaf.id));
    await main.refused("POST", "/components", filled, { status, code, field });
  });
});

describe("GET /components and /components/{id}", () => {
  it("lists live components and reads one", async () => {
    const c = await createComponent({ name: "Listed" });
    const { components } = await main.ok("GET", "/components");
    expect(components.map((x: Component) => x.id)).toContain(c.id);
    expect(await main.ok("GET", `/components/${c.id}`)).toEqual({ component: c });
  });

  it("answers 404 for a well-formed unknown id and 400 for a malformed one", async () => {
    await main.refused("GET", `/components/${UNKNOWN_ID}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    for (const bad of MALFORMED_IDS) {
      await main.refused("GET", `/components/${bad}`, undefined, { status: 400, code: "validation_failed", field: "path.id" });
    }
  });
});

describe("PATCH /components/{id}", () => {
  it("changes fields and status; the public component and page status follow at once", async () => {
    const s = await newSite("patch.test");
    const c = await s.component({ name: "Web" });
    const { component } = await s.ok("PATCH", `/components/${c.id}`, {
      name: "Website",
      description: null,
      status: "major_outage",
      showcase: false,
      only_show_if_degraded: true,
      start_date: "2025-01-01",
    });
    expect(component).toMatchObject({
      id: c.id,
      name: "Website",
      description: null,
      status: "major_outage",
      showcase: false,
      only_show_if_degraded: true,
      start_date: "2025-01-01",
    });
    expect(await publicComponent(s, c.id)).toEqual(component);
    expect((await s.fresh("/api/v2/status.json")).status).toEqual({ indicator: "critical", description: "Major System Outage" });

    await s.ok("PATCH", `/components/${c.id}`, { status: "operational" });
    expect((await s.fresh("/api/v2/summary.json")).status).toEqual({ indicator: "none", description: "All Systems Operational" });
  });

  it("moves a component into a group, last among the group's components", async () => {
    const group = await createComponent({ name: "Edge", group: true });
    const first = await createComponent({ name: "CDN", group_id: group.id });
    const moved = await createComponent({ name: "DNS" });
    const { component } = await main.ok("PATCH", `/components/${moved.id}`, { group_id: group.id });
    expect(component).toMatchObject({ group_id: group.id, position: 2 });
    expect((await publicComponent(main, group.id))!.components).toEqual([first.id, moved.id]);
  });

  it("moving a component to another parent closes the gap it leaves, as deleting does", async () => {
    const s = await newSite("move-positions.test");
    const group = await s.component({ name: "G", group: true });
    const x = await s.component({ name: "X", group_id: group.id });
    await s.component({ name: "Y", group_id: group.id });
    await s.component({ name: "A" });
    const { component } = await s.ok("PATCH", `/components/${x.id}`, { group_id: null });
    expect(component).toMatchObject({ group_id: null, position: 3 });
    const { components } = await s.fresh("/api/v2/components.json");
    expect(components.map((c: Component) => `${c.name}${c.position}`)).toEqual(["G1", "Y1", "A2", "X3"]);
  });

  it("accepts an empty patch", async () => {
    const c = await main.component({ name: "Unchanged" });
    const { component } = await main.ok("PATCH", `/components/${c.id}`, {});
    expect({ ...component, updated_at: c.updated_at }).toEqual(c);
  });

  it("refuses to set a group's status (422 group_status)", async () => {
    const group = await createComponent({ name: "Rolled up", group: true });
    await main.refused("PATCH", `/components/${group.id}`, { status: "major_outage" }, { status: 422, code: "group_status", field: "body.status" });
  });

  it("refuses to put a group inside a group, or a component under a non-group (422 invalid_group)", async () => {
    const g1 = await createComponent({ name: "G1", group: true });
    const g2 = await createComponent({ name: "G2", group: true });
    const leaf = await createComponent({ name: "Leaf" });
    const other = await createComponent({ name: "Other leaf" });
    await main.refused("PATCH", `/components/${g1.id}`, { group_id: g2.id }, { status: 422, code: "invalid_group", field: "body.group_id" });
    await main.refused("PATCH", `/components/${leaf.id}`, { group_id: other.id }, { status: 422, code: "invalid_group", field: "body.group_id" });
    await main.refused("PATCH", `/components/${leaf.id}`, { group_id: UNKNOWN_ID }, { status: 422, code: "invalid_group", field: "body.group_id" });
  });

  it("answers 404 for an unknown id, 400 for a malformed id, bad fields or unknown keys", async () => {
    const c = await createComponent({ name: "Target" });
    await main.refused("PATCH", `/components/${UNKNOWN_ID}`, { name: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("PATCH", "/components/UPPERCASE123", { name: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused("PATCH", `/components/${c.id}`, { status: "broken" }, { status: 400, code: "validation_failed", field: "body.status" });
    await main.refused("PATCH", `/components/${c.id}`, { name: "x".repeat(201) }, { status: 400, code: "validation_failed", field: "body.name" });
    await main.refused("PATCH", `/components/${c.id}`, { group: true }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("PUT /components/order", () => {
  let s: Site;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    s = await newSite("order.test");
    for (const name of ["A", "B", "C"]) ids[name] = (await s.component({ name })).id;
    ids.G = (await s.component({ name: "G", group: true })).id;
    for (const name of ["X", "Y", "Z"]) ids[name] = (await s.component({ name, group_id: ids.G })).id;
  });
  const order = async () => (await s.fresh("/api/v2/components.json")).components.map((c: Component) => `${c.name}${c.position}`);

  it("orders the top level; each group keeps its components under it", async () => {
    const { components } = await s.ok("PUT", "/components/order", { group_id: null, ids: [ids.G, ids.C, ids.A, ids.B] });
    expect(components.map((c: Component) => `${c.name}${c.position}`)).toEqual(["G1", "X1", "Y2", "Z3", "C2", "A3", "B4"]);
    expect(await order()).toEqual(["G1", "X1", "Y2", "Z3", "C2", "A3", "B4"]);
  });

  it("orders the components of one group", async () => {
    await s.ok("PUT", "/components/order", { group_id: ids.G, ids: [ids.Z, ids.X, ids.Y] });
    expect(await order()).toEqual(["G1", "Z1", "X2", "Y3", "C2", "A3", "B4"]);
    expect((await publicComponent(s, ids.G!))!.components).toEqual([ids.Z, ids.X, ids.Y]);
  });

  it("refuses a list that leaves out a component, or names one of another parent (422 invalid_order)", async () => {
    await s.refused("PUT", "/components/order", { group_id: null, ids: [ids.A, ids.B, ids.C] }, { status: 422, code: "invalid_order", field: "body.ids" });
    await s.refused(
      "PUT",
      "/components/order",
      { group_id: null, ids: [ids.A, ids.B, ids.C, ids.G, ids.X] },
      { status: 422, code: "invalid_order", field: "body.ids" },
    );
    await s.refused("PUT", "/components/order", { group_id: ids.G, ids: [ids.X, ids.Y, ids.A] }, { status: 422, code: "invalid_order", field: "body.ids" });
    await s.refused(
      "PUT",
      "/components/order",
      { group_id: null, ids: [ids.A, ids.B, ids.C, UNKNOWN_ID] },
      { status: 422, code: "invalid_order", field: "body.ids" },
    );
  });

  it("refuses a group_id that is not a group (422 invalid_group)", async () => {
    await s.refused("PUT", "/components/order", { group_id: ids.A, ids: [] }, { status: 422, code: "invalid_group", field: "body.group_id" });
    await s.refused("PUT", "/components/order", { group_id: UNKNOWN_ID, ids: [] }, { status: 422, code: "invalid_group", field: "body.group_id" });
  });

  it("refuses duplicates, malformed ids, a missing group_id and unknown keys (400)", async () => {
    await s.refused(
      "PUT",
      "/components/order",
      { group_id: null, ids: [ids.A, ids.A, ids.B, ids.C, ids.G] },
      { status: 400, code: "validation_failed", field: "body.ids" },
    );
    await s.refused("PUT", "/components/order", { group_id: null, ids: [ids.A, "nope"] }, { status: 400, code: "validation_failed", field: "body.ids.1" });
    await s.refused("PUT", "/components/order", { ids: [ids.A] }, { status: 400, code: "validation_failed", field: "body.group_id" });
    await s.refused("PUT", "/components/order", { group_id: null, ids: [], positions: [] }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("DELETE /components/{id}", () => {
  it("removes the component from the public API while past incident updates keep naming it", async () => {
    const legacy = await createComponent({ name: "Legacy API" });
    const incident = await createIncident({ name: "Legacy API errors", components: [{ id: legacy.id, status: "partial_outage" }] });
    await main.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });

    expect(await main.ok("DELETE", `/components/${legacy.id}`, undefined, 204)).toBeNull();
    expect(await publicComponent(main, legacy.id)).toBeUndefined();
    await main.refused("GET", `/components/${legacy.id}`, undefined, { status: 404, code: "not_found", field: "path.id" });

    const { incidents } = await main.fresh("/api/v2/incidents.json");
    const first = incidents.find((i: { id: string }) => i.id === incident.id).incident_updates.at(-1);
    expect(first.affected_components).toEqual([{ code: legacy.id, name: "Legacy API", old_status: "operational", new_status: "partial_outage" }]);
  });

  it("answers 404 when deleting twice, and a deleted component cannot be used again (422 unknown_component)", async () => {
    const gone = await createComponent({ name: "Gone" });
    await main.ok("DELETE", `/components/${gone.id}`, undefined, 204);
    await main.refused("DELETE", `/components/${gone.id}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("PATCH", `/components/${gone.id}`, { name: "Back" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused(
      "POST",
      "/incidents",
      { name: "X", body: "X", components: [{ id: gone.id, status: "major_outage" }] },
      {
        status: 422,
        code: "unknown_component",
        field: "body.components.0",
      },
    );
  });

  it("refuses to delete a group that still has components (409 group_not_empty), then deletes it once empty", async () => {
    const group = await createComponent({ name: "Payments", group: true });
    const child = await createComponent({ name: "Cards", group_id: group.id });
    await main.refused("DELETE", `/components/${group.id}`, undefined, { status: 409, code: "group_not_empty", field: "path.id" });
    await main.ok("DELETE", `/components/${child.id}`, undefined, 204);
    await main.ok("DELETE", `/components/${group.id}`, undefined, 204);
    expect(await publicComponent(main, group.id)).toBeUndefined();
  });

  it("closes the gap in positions that a deleted component leaves, within its own parent", async () => {
    const s = await newSite("delete-positions.test");
    const a = await s.component({ name: "A" });
    await s.component({ name: "B" });
    const group = await s.component({ name: "G", group: true });
    const x = await s.component({ name: "X", group_id: group.id });
    await s.component({ name: "Y", group_id: group.id });
    await s.ok("DELETE", `/components/${a.id}`, undefined, 204);
    await s.ok("DELETE", `/components/${x.id}`, undefined, 204);
    const { components } = await s.fresh("/api/v2/components.json");
    expect(components.map((c: Component) => `${c.name}${c.position}`)).toEqual(["B1", "G2", "Y1"]);
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    await main.refused("DELETE", `/components/${UNKNOWN_ID}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("DELETE", "/components/x", undefined, { status: 400, code: "validation_failed", field: "path.id" });
  });

  it("resolving an incident that held a since-deleted component does not record it under an empty name", async () => {
    const s = await newSite("deleted-held.test");
    const kept = await s.component({ name: "Kept" });
    const doomed = await s.component({ name: "Doomed" });
    const incident = await s.incident({
      name: "Both down",
      components: [
        { id: kept.id, status: "major_outage" },
        { id: doomed.id, status: "major_outage" },
      ],
    });
    await s.ok("DELETE", `/components/${doomed.id}`, undefined, 204);
    const { incident: resolved } = await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
    const affected: { code: string; name: string }[] = resolved.incident_updates[0].affected_components;
    expect(affected.find((a) => a.code === kept.id)).toMatchObject({ name: "Kept", new_status: "operational" });
    expect(affected.filter((a) => a.name === "")).toEqual([]);
  });
});
