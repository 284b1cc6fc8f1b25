import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { newSite, rowCount, type Site, WINDOW } from "./helpers";

// D1 binds at most 100 parameters per statement. An update touching many components writes one
// row per component into several tables, so these tests prove the inserts are chunked.

type Affected = { code: string; name: string; old_status: string; new_status: string };

async function siteWith(host: string, count: number): Promise<{ s: Site; ids: string[] }> {
  const s = await newSite(host);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await s.component({ name: `Service ${String(i).padStart(3, "0")}` })).id);
  return { s, ids };
}

async function publicStatuses(s: Site): Promise<string[]> {
  return (await s.fresh("/api/v2/components.json")).components.map((c: { status: string }) => c.status);
}

beforeAll(async () => {
  await createPage({ host: "status.test" });
});

describe.each([25, 60, 99])("an incident over %i components", (count) => {
  let s: Site;
  let ids: string[];
  beforeAll(async () => {
    ({ s, ids } = await siteWith(`incident-${count}.test`, count));
  });

  it("opens, updates and resolves, every transition recorded and shown", async () => {
    const { incident } = await s.ok("POST", "/incidents", {
      name: "Region down",
      body: "Investigating.",
      components: ids.map((id) => ({ id, status: "partial_outage" })),
    });
    expect(incident.incident_updates[0].affected_components).toHaveLength(count);
    expect(incident.components).toHaveLength(count);
    expect(await publicStatuses(s)).toEqual(Array(count).fill("partial_outage"));

    const { incident: worse } = await s.ok("POST", `/incidents/${incident.id}/updates`, {
      status: "identified",
      body: "Worse.",
      components: ids.map((id) => ({ id, status: "major_outage" })),
    });
    const affected: Affected[] = worse.incident_updates[0].affected_components;
    expect(affected.map((a) => a.code).sort()).toEqual([...ids].sort());
    expect(new Set(affected.map((a) => `${a.old_status}>${a.new_status}`))).toEqual(new Set(["partial_outage>major_outage"]));
    expect((await s.fresh("/api/v2/status.json")).status.indicator).toBe("critical");

    const { incident: resolved } = await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Recovered." });
    expect(resolved.incident_updates[0].affected_components).toHaveLength(count);
    expect(await publicStatuses(s)).toEqual(Array(count).fill("operational"));

    expect(await rowCount("update_components", "incident_id = ?", incident.id)).toBe(3 * count);
    expect(await rowCount("incident_components", "incident_id = ?", incident.id)).toBe(count);
    expect(await rowCount("component_status_changes", "incident_id = ?", incident.id)).toBe(3 * count);
  });

  it("schedules, starts and completes a maintenance over every component", async () => {
    const m = await s.maintenance({ component_ids: ids });
    expect(m.components).toHaveLength(count);
    const { scheduled_maintenance: started } = await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "in_progress", body: "Started." });
    expect(started.incident_updates[0].affected_components).toHaveLength(count);
    expect(await publicStatuses(s)).toEqual(Array(count).fill("under_maintenance"));
    await s.ok("POST", `/maintenances/${m.id}/updates`, { status: "completed", body: "Done." });
    expect(await publicStatuses(s)).toEqual(Array(count).fill("operational"));
  });
});

describe("the most components the schema accepts in one request (200)", () => {
  let s: Site;
  let ids: string[];
  beforeAll(async () => {
    ({ s, ids } = await siteWith("incident-120.test", 120));
  });

  it("opens an incident over 120 components", async () => {
    const res = await s.send("POST", "/incidents", {
      name: "Everything down",
      body: "Investigating.",
      components: ids.map((id) => ({ id, status: "major_outage" })),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await publicStatuses(s)).toEqual(Array(120).fill("major_outage"));
  });

  it("schedules a maintenance over 120 components", async () => {
    const res = await s.send("POST", "/maintenances", { name: "Fleet upgrade", body: "Planned.", ...WINDOW, component_ids: ids });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as { scheduled_maintenance: { components: unknown[] } }).scheduled_maintenance.components).toHaveLength(120);
  });
});
