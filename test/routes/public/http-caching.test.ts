import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { adminJson, call } from "../../helpers/http";

let paths: string[] = [];

beforeAll(async () => {
  await createPage({ name: "Acme", url: "https://status.acme.test" });
  const component = await createComponent({ name: "Desk" });
  const incident = await createIncident({ name: "Desk slow", components: [{ id: component.id, status: "degraded_performance" }] });
  const soon = Date.now() + 3_600_000;
  const { json } = await adminJson("POST", "/maintenances", {
    name: "Upgrade",
    body: "Upgrading.",
    scheduled_for: new Date(soon).toISOString(),
    scheduled_until: new Date(soon + 3_600_000).toISOString(),
  });
  paths = [
    "/api/v2/summary.json",
    "/api/v2/status.json",
    "/api/v2/components.json",
    "/api/v2/incidents.json",
    "/api/v2/incidents/unresolved.json",
    `/api/v2/incidents/${incident.id}.json`,
    "/api/v2/scheduled-maintenances.json",
    "/api/v2/scheduled-maintenances/upcoming.json",
    "/api/v2/scheduled-maintenances/active.json",
    `/api/v2/scheduled-maintenances/${json.scheduled_maintenance.id}.json`,
    "/api/v2/stats.json",
    "/",
    `/incidents/${incident.id}`,
    `/maintenances/${json.scheduled_maintenance.id}`,
    "/history",
    "/history.atom",
    "/history.rss",
    "/badge.svg",
    "/badge.json",
    `/components/${component.id}/badge.svg`,
    `/components/${component.id}/badge.json`,
    `/components/${component.id}/uptime.svg`,
    `/components/${component.id}/uptime.json`,
    "/embed/status",
  ];
});

describe("HTTP caching on every public surface", () => {
  it("lets browsers and shared caches keep each answer briefly, serve it while revalidating, and fall back to it when the origin fails", async () => {
    for (const path of paths) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      const cacheControl = res.headers.get("Cache-Control") ?? "";
      expect(cacheControl, path).toMatch(/\bpublic\b/);
      expect(cacheControl, path).toMatch(/\bmax-age=\d+/);
      expect(cacheControl, path).toMatch(/\bs-maxage=\d+/);
      expect(cacheControl, path).toMatch(/\bstale-while-revalidate=\d+/);
      expect(cacheControl, path).toMatch(/\bstale-if-error=3600\b/);
    }
  });

  it("answers If-None-Match with 304 and no body, and a changed page with 200 again", async () => {
    for (const path of paths) {
      const first = await call(path);
      const etag = first.headers.get("ETag");
      expect(etag, path).toBeTruthy();
      const again = await call(path, { headers: { "If-None-Match": etag! } });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe("");
    }
    const before = (await call("/api/v2/status.json")).headers.get("ETag")!;
    await createComponent({ name: "Portal", status: "major_outage" });
    expect((await call("/api/v2/status.json", { headers: { "If-None-Match": before } })).status).toBe(200);
  });
});
