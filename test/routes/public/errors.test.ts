import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, createPage } from "../../helpers/fixtures";
import { adminJson, call } from "../../helpers/http";
import { expectErrorEnvelope } from "./shape";

// This file's storage starts empty: the first block runs before any page exists.
describe("before any page is configured", () => {
  it.each(["/api/v2/summary.json", "/api/v2/status.json", "/api/v2/incidents/abcdefabcdef.json"])("%s answers 404 page_not_configured", async (path) => {
    const res = await call(path);
    await expectErrorEnvelope(res, 404, "page_not_configured");
  });
});

describe("public API errors", () => {
  let incidentId: string;
  let maintenanceId: string;

  beforeAll(async () => {
    await createPage();
    incidentId = (await createIncident({ name: "Known" })).id;
    const now = Date.now();
    const m = await adminJson("POST", "/maintenances", {
      name: "Planned",
      body: "Planned.",
      scheduled_for: new Date(now + 86_400_000).toISOString(),
      scheduled_until: new Date(now + 90_000_000).toISOString(),
    });
    maintenanceId = m.json.scheduled_maintenance.id;
  });

  it("an unknown, well-formed incident id answers the 404 envelope", async () => {
    const error = await expectErrorEnvelope(await call("/api/v2/incidents/zzzzzzzzzzzz.json"), 404, "not_found");
    expect(error.details.length).toBeGreaterThan(0);
  });

  it("an unknown, well-formed maintenance id answers the 404 envelope", async () => {
    await expectErrorEnvelope(await call("/api/v2/scheduled-maintenances/zzzzzzzzzzzz.json"), 404, "not_found");
  });

  it.each(["abc", "ABCDEFABCDEF", "abcdefabcdef0", "abc-defabcde", "%20"])("a malformed id %s answers 404", async (id) => {
    await expectErrorEnvelope(await call(`/api/v2/incidents/${id}.json`), 404, "not_found");
  });

  it("an id of the other kind answers 404", async () => {
    await expectErrorEnvelope(await call(`/api/v2/incidents/${maintenanceId}.json`), 404, "not_found");
    await expectErrorEnvelope(await call(`/api/v2/scheduled-maintenances/${incidentId}.json`), 404, "not_found");
  });

  it.each(["/api/v2/nope.json", "/api/v2/incidents/resolved/extra.json", "/api/v3/summary.json", "/api/nothing"])(
    "unknown path %s answers the 404 envelope",
    async (path) => {
      await expectErrorEnvelope(await call(path), 404, "not_found");
    },
  );

  it("uses the Cloudflare ray id as the request id", async () => {
    const res = await call("/api/v2/incidents/zzzzzzzzzzzz.json", { headers: { "cf-ray": "8a1b2c3d4e5f6a7b-GRU" } });
    const error = await expectErrorEnvelope(res, 404, "not_found");
    expect(error.requestId).toBe("8a1b2c3d4e5f6a7b-GRU");
  });

  it("does not answer writes on the public API", async () => {
    const res = await call("/api/v2/summary.json", { method: "POST", body: "{}" });
    expect([404, 405]).toContain(res.status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
  });

  it("HEAD answers the GET's headers with no body", async () => {
    const get = await call("/api/v2/summary.json");
    const head = await call("/api/v2/summary.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("ETag")).toBe(get.headers.get("ETag"));
    expect(head.headers.get("Content-Type")).toMatch(/^application\/json\b/);
    expect(head.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await head.text()).toBe("");
    const one = await call(`/api/v2/incidents/${incidentId}.json`, { method: "HEAD" });
    expect(one.status).toBe(200);
    expect(await one.text()).toBe("");
  });

  it("answers a CORS preflight from any origin", async () => {
    const res = await call("/api/v2/summary.json", {
      method: "OPTIONS",
      headers: { Origin: "https://dashboard.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Allow-Methods")).toMatch(/\bGET\b/);
    expect((res.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase()).toContain("if-none-match");
  });

  it("lets cross-origin readers see the ETag", async () => {
    const res = await call("/api/v2/status.json", { headers: { Origin: "https://dashboard.example" } });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((res.headers.get("Access-Control-Expose-Headers") ?? "").toLowerCase()).toContain("etag");
  });
});
