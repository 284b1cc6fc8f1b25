import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { adminJson, getJson } from "../../helpers/http";

type Obj = Record<string, any>;

const ALL_OK = { indicator: "none", description: "All Systems Operational" };

/** The status from status.json, after checking summary.json says the same. */
async function pageStatus(): Promise<{ indicator: string; description: string }> {
  const status = (await getJson("/api/v2/status.json")).json.status;
  const summary = (await getJson("/api/v2/summary.json")).json.status;
  expect(summary).toEqual(status);
  return status;
}

async function resolve(id: string) {
  const res = await adminJson("POST", `/incidents/${id}/updates`, { status: "resolved", body: "Resolved." });
  expect(res.status).toBe(201);
}

async function setStatuses(statuses: Record<string, string>) {
  for (const [id, status] of Object.entries(statuses)) {
    const res = await adminJson("PATCH", `/components/${id}`, { status });
    expect(res.status).toBe(200);
  }
}

describe("the page status indicator through the API", () => {
  let api: string;
  let web: string;

  beforeAll(async () => {
    await createPage();
    api = (await createComponent({ name: "API" })).id;
    web = (await createComponent({ name: "Website" })).id;
  });

  it("starts with all systems operational", async () => {
    expect(await pageStatus()).toEqual(ALL_OK);
  });

  it("an open incident with a component in partial outage makes it minor; resolving restores it", async () => {
    const incident = await createIncident({ name: "API errors", components: [{ id: api, status: "partial_outage" }] });
    expect((await pageStatus()).indicator).toBe("minor");
    const components = (await getJson("/api/v2/components.json")).json.components as Obj[];
    expect(components.find((c) => c.id === api)?.status).toBe("partial_outage");

    await resolve(incident.id);
    expect(await pageStatus()).toEqual(ALL_OK);
    const after = (await getJson("/api/v2/components.json")).json.components as Obj[];
    expect(after.map((c) => c.status)).toEqual(["operational", "operational"]);
  });

  it("with every component operational, an open critical incident makes it critical; resolving restores it", async () => {
    const incident = await createIncident({ name: "Everything is down", impact: "critical" });
    expect(await pageStatus()).toEqual({ indicator: "critical", description: "Major System Outage" });
    await resolve(incident.id);
    expect(await pageStatus()).toEqual(ALL_OK);
  });

  it("an open minor incident with nothing degraded makes it minor", async () => {
    const incident = await createIncident({ name: "Slow emails", impact: "minor" });
    expect((await pageStatus()).indicator).toBe("minor");
    await resolve(incident.id);
    expect(await pageStatus()).toEqual(ALL_OK);
  });

  it.each([
    [
      { api: "degraded_performance", web: "operational" },
      { indicator: "minor", description: "Partially Degraded Service" },
    ],
    [
      { api: "degraded_performance", web: "degraded_performance" },
      { indicator: "minor", description: "Degraded System Service" },
    ],
    [
      { api: "major_outage", web: "operational" },
      { indicator: "major", description: "Partial System Outage" },
    ],
    [
      { api: "major_outage", web: "major_outage" },
      { indicator: "critical", description: "Major System Outage" },
    ],
    [
      { api: "under_maintenance", web: "operational" },
      { indicator: "maintenance", description: "Service Under Maintenance" },
    ],
  ])("components %o give %o", async (statuses, expected) => {
    await setStatuses({ [api]: statuses.api, [web]: statuses.web });
    expect(await pageStatus()).toEqual(expected);
    await setStatuses({ [api]: "operational", [web]: "operational" });
    expect(await pageStatus()).toEqual(ALL_OK);
  });
});
