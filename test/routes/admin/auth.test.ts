import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createComponent, createIncident, createPage, dbFingerprint } from "../../helpers/fixtures";
import { ADMIN_TOKEN, AUTH, call } from "../../helpers/http";
import { expectEnvelope, jsonInit, site, WINDOW } from "./helpers";

const ids: Record<string, string> = {};
const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);

// Every admin endpoint, with a request that would succeed (and write, for writes) given the token.
const ENDPOINTS: [method: string, path: string, body?: Record<string, unknown>][] = [
  ["GET", "/pages"],
  ["POST", "/pages", { name: "Evil", url: "https://evil.test", host: "evil.test" }],
  ["GET", "/page"],
  ["PATCH", "/page", { name: "Hijacked" }],
  ["POST", "/demo"],
  ["GET", "/components"],
  ["POST", "/components", { name: "Evil" }],
  ["PUT", "/components/order", { group_id: null, ids: ["{component}"] }],
  ["GET", "/components/{component}"],
  ["PATCH", "/components/{component}", { status: "operational" }],
  ["DELETE", "/components/{component}"],
  ["GET", "/incidents"],
  ["POST", "/incidents", { name: "Evil", body: "Nothing is wrong." }],
  ["GET", "/incidents/{incident}"],
  ["PATCH", "/incidents/{incident}", { impact: "none" }],
  ["DELETE", "/incidents/{incident}"],
  ["POST", "/incidents/{incident}/updates", { status: "resolved", body: "All good." }],
  ["PATCH", "/incidents/{incident}/updates/{update}", { body: "Rewritten." }],
  ["PUT", "/incidents/{incident}/postmortem", { body: "Nothing happened." }],
  ["GET", "/maintenances"],
  ["POST", "/maintenances", { name: "Evil", body: "x", ...WINDOW }],
  ["GET", "/maintenances/{maintenance}"],
  ["PATCH", "/maintenances/{maintenance}", { name: "Renamed" }],
  ["POST", "/maintenances/{maintenance}/updates", { status: "in_progress", body: "Started." }],
  ["POST", "/maintenances/{maintenance}/cancel", {}],
];

const BAD_CREDENTIALS: [label: string, headers: Record<string, string>][] = [
  ["no Authorization header", {}],
  ["a wrong bearer token", { Authorization: "Bearer not-the-admin-token" }],
  ["the right token under the Basic scheme", { Authorization: `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}` }],
  ["the right token without a scheme", { Authorization: ADMIN_TOKEN }],
  ["the right token plus a suffix", { Authorization: `Bearer ${ADMIN_TOKEN}x` }],
  ["a prefix of the right token", { Authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
];

beforeAll(async () => {
  await createPage();
  const component = await createComponent({ name: "API" });
  const incident = await createIncident({ name: "API down", components: [{ id: component.id, status: "major_outage" }] });
  const maintenance = await site().maintenance({ component_ids: [component.id] });
  Object.assign(ids, { component: component.id, incident: incident.id, update: incident.incident_updates[0].id, maintenance: maintenance.id });
});

/** Sends a request without valid credentials; asserts the 401 and that nothing was read from D1 or written. */
async function expectUnauthorized(path: string, init: RequestInit, bindingsOverride: Partial<Env> = {}) {
  const before = await dbFingerprint();
  const counting = countingEnv();
  const res = await call(path, init, { ...counting.env, ...bindingsOverride });
  // RFC 6750: error="invalid_token" only when a bearer token was sent (see auth-rotation.test.ts).
  expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer realm="edge-status admin"(, error="invalid_token")?$/);
  const error = await expectEnvelope(res, { status: 401, code: "unauthorized" });
  expect(counting.d1(), "D1 statements before authentication").toBe(0);
  expect(counting.kvWrites()).toBe(0);
  expect(await dbFingerprint()).toBe(before);
  return error;
}

describe.each(BAD_CREDENTIALS)("with %s", (_label, headers) => {
  it.each(ENDPOINTS)("%s %s answers 401 and touches nothing", async (method, path, body) => {
    const init = jsonInit(method, body && JSON.parse(fill(JSON.stringify(body))), headers);
    const error = await expectUnauthorized(`/api/admin${fill(path)}`, init);
    expect(error.details).toEqual([{ field: "header.authorization", message: expect.any(String) }]);
  });
});

describe("authentication comes before everything else", () => {
  it("refuses malformed JSON with 401, not 400", async () => {
    await expectUnauthorized("/api/admin/incidents", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" });
  });

  it("refuses an oversized body with 401, not 413", async () => {
    await expectUnauthorized("/api/admin/incidents", jsonInit("POST", { name: "x", body: "y".repeat(70_000) }, {}));
  });

  it("refuses a malformed id with 401, not 400", async () => {
    await expectUnauthorized("/api/admin/incidents/NOT-AN-ID", { method: "GET" });
  });

  it("answers 401 on unknown admin paths, so routes cannot be discovered without the token", async () => {
    await expectUnauthorized("/api/admin/secrets", { method: "GET" });
  });

  it("keeps the admin API closed when no ADMIN_TOKEN secret is configured, whatever token is sent", async () => {
    const error = await expectUnauthorized("/api/admin/pages", { headers: AUTH }, { ADMIN_TOKEN: "" });
    expect(error.message).toMatch(/disabled/i);
  });
});

describe("the right token", () => {
  it("is accepted with the scheme in any case, and then reads D1", async () => {
    const counting = countingEnv();
    const res = await call("/api/admin/components", { headers: { Authorization: `bearer ${ADMIN_TOKEN}` } }, counting.env);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { components: { id: string }[] };
    expect(json.components.map((c) => c.id)).toEqual([ids.component]);
    expect(counting.d1()).toBeGreaterThan(0);
  });

  it("is not taken from the query string", async () => {
    await expectUnauthorized(`/api/admin/pages?token=${ADMIN_TOKEN}`, { method: "GET" });
  });
});
