import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { AUTH, call } from "../../helpers/http";
import { expectRefused, MALFORMED_IDS, site, UNKNOWN_ID, WINDOW } from "./helpers";

const main = site();
const ids: Record<string, string> = {};
const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);

// Every admin endpoint that takes a JSON body, with a body it would accept.
const WITH_BODY: [method: string, path: string, valid: Record<string, unknown>][] = [
  ["POST", "/pages", { name: "P", url: "https://p.example" }],
  ["PATCH", "/page", { name: "P" }],
  ["POST", "/components", { name: "C" }],
  ["PUT", "/components/order", { group_id: null, ids: ["{component}"] }],
  ["PATCH", "/components/{component}", { name: "C" }],
  ["POST", "/incidents", { name: "I", body: "B" }],
  ["POST", "/incidents/{incident}/updates", { body: "B" }],
  ["PATCH", "/incidents/{incident}/updates/{update}", { body: "B" }],
  ["PUT", "/incidents/{incident}/postmortem", { body: "B" }],
  ["PATCH", "/incidents/{incident}", { name: "I" }],
  ["POST", "/maintenances", { name: "M", body: "B", ...WINDOW }],
  ["PATCH", "/maintenances/{maintenance}", { name: "M" }],
  ["POST", "/maintenances/{maintenance}/updates", { body: "B" }],
  ["POST", "/maintenances/{maintenance}/cancel", { body: "B" }],
];

// Every admin route with an id in its path; `{id}` is where the id under test goes.
const ID_ROUTES: [method: string, path: string, body?: Record<string, unknown>][] = [
  ["GET", "/components/{id}"],
  ["PATCH", "/components/{id}", { name: "C" }],
  ["DELETE", "/components/{id}"],
  ["GET", "/incidents/{id}"],
  ["PATCH", "/incidents/{id}", { name: "I" }],
  ["DELETE", "/incidents/{id}"],
  ["POST", "/incidents/{id}/updates", { body: "B" }],
  ["PUT", "/incidents/{id}/postmortem", { body: "B" }],
  ["PATCH", "/incidents/{id}/updates/{update}", { body: "B" }],
  ["GET", "/maintenances/{id}"],
  ["PATCH", "/maintenances/{id}", { name: "M" }],
  ["POST", "/maintenances/{id}/updates", { body: "B" }],
  ["POST", "/maintenances/{id}/cancel", {}],
];

const raw =
  (method: string, path: string, body: BodyInit, headers: Record<string, string> = { ...AUTH, "Content-Type": "application/json" }) =>
  (bindings: Env) =>
    call(`/api/admin${path}`, { method, headers, body }, bindings);

beforeAll(async () => {
  await createPage({ host: "status.test" });
  const component = await createComponent({ name: "API" });
  const incident = await createIncident({ name: "Down", components: [{ id: component.id, status: "major_outage" }] });
  const maintenance = await main.maintenance({});
  Object.assign(ids, { component: component.id, incident: incident.id, update: incident.incident_updates[0].id, maintenance: maintenance.id });
});

describe("malformed JSON", () => {
  it.each(WITH_BODY)("%s %s answers 400 invalid_json", async (method, path) => {
    for (const text of ['{"name": "x",', "name=x", "", "{'name': 'x'}"]) {
      await expectRefused(raw(method, fill(path), text), { status: 400, code: "invalid_json", field: "body" });
    }
  });
});

describe("unknown keys", () => {
  it.each(WITH_BODY)("%s %s refuses them (400 validation_failed naming the key)", async (method, path, valid) => {
    const body = { ...JSON.parse(fill(JSON.stringify(valid))), unexpected_key: true };
    const error = await main.refused(method, fill(path), body, { status: 400, code: "validation_failed", field: "body" });
    expect(error.details.find((d) => d.field === "body")!.message).toContain("unexpected_key");
  });

  it.each(WITH_BODY)("%s %s refuses a JSON array or null instead of an object", async (method, path) => {
    await main.refused(method, fill(path), [], { status: 400, code: "validation_failed", field: "body" });
    await main.refused(method, fill(path), null, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("ids in the path", () => {
  it.each(ID_ROUTES)("%s %s answers 400 naming path.id for malformed ids", async (method, path, body) => {
    for (const bad of MALFORMED_IDS) {
      await main.refused(method, fill(path.replace("{id}", bad)), body, { status: 400, code: "validation_failed", field: "path.id" });
    }
  });

  it.each(ID_ROUTES)("%s %s answers 404 not_found for a well-formed unknown id", async (method, path, body) => {
    await main.refused(method, fill(path.replace("{id}", UNKNOWN_ID)), body, { status: 404, code: "not_found", field: "path.id" });
  });
});

describe("field paths in validation details", () => {
  it("names every failing field, nested ones by index, in one answer", async () => {
    const error = await main.refused(
      "POST",
      "/incidents",
      {
        name: "",
        body: "B",
        impact: "severe",
        components: [
          { id: ids.component, status: "major_outage" },
          { id: ids.component!.toUpperCase(), status: "down" },
        ],
      },
      { status: 400, code: "validation_failed" },
    );
    expect(error.details.map((d) => d.field).sort()).toEqual(["body.components.1.id", "body.components.1.status", "body.impact", "body.name"]);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("names body.components.0.status for a bad component status in an update", async () => {
    await main.refused(
      "POST",
      `/incidents/${ids.incident}/updates`,
      { body: "B", components: [{ id: ids.component, status: "sideways" }] },
      {
        status: 400,
        code: "validation_failed",
        field: "body.components.0.status",
      },
    );
  });

  it("refuses over-long text and oversized lists", async () => {
    await main.refused("POST", "/incidents", { name: "I", body: "x".repeat(20_001) }, { status: 400, code: "validation_failed", field: "body.body" });
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `c${String(i).padStart(11, "0")}`, status: "major_outage" }));
    await main.refused("POST", "/incidents", { name: "I", body: "B", components: many }, { status: 400, code: "validation_failed", field: "body.components" });
  });
});

describe("request bodies over 64 KB", () => {
  const big = JSON.stringify({ name: "I", body: "x".repeat(70_000) });

  it("are refused with 413 payload_too_large", async () => {
    await expectRefused(raw("POST", "/incidents", big), { status: 413, code: "payload_too_large", field: "body" });
  });

  it("are refused with 413 when streamed without a Content-Length", async () => {
    const stream = () => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) });
    await expectRefused(
      (bindings) =>
        call(
          "/api/admin/incidents",
          { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: stream(), duplex: "half" } as RequestInit,
          bindings,
        ),
      { status: 413, code: "payload_too_large", field: "body" },
    );
  });

  it("are refused on every write route, not only on incidents", async () => {
    for (const [method, path] of WITH_BODY) {
      await expectRefused(raw(method, fill(path), big), { status: 413, code: "payload_too_large", field: "body" });
    }
  });

  it("a body just under the limit reaches validation instead", async () => {
    const justUnder = JSON.stringify({ name: "I", body: "x".repeat(60_000) });
    await expectRefused(raw("POST", "/incidents", justUnder), { status: 400, code: "validation_failed", field: "body.body" });
  });
});

describe("other malformed requests", () => {
  it("a JSON body without a JSON Content-Type is refused with the envelope (415)", async () => {
    await expectRefused(raw("POST", "/components", JSON.stringify({ name: "C" }), AUTH), { status: 415, code: "unsupported_media_type", field: "body" });
  });

  it("an unknown admin path answers 404 not_found with the envelope", async () => {
    await main.refused("GET", "/widgets", undefined, { status: 404, code: "not_found", field: "path" });
    await main.refused("PUT", `/incidents/${ids.incident}`, { name: "X" }, { status: 404, code: "not_found", field: "path" });
  });
});
