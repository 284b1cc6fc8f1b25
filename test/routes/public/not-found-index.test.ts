import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventIndexKey } from "../../../src/cache/event-index";
import { eventKeys, lastKnownGoodKey } from "../../../src/cache/keys";
import { newId } from "../../../src/lib/ids";
import { passThrough } from "../../helpers/faults";
import { admin, adminJson, call, callKeepingMemo } from "../../helpers/http";
import { countingEnv, createIncident, createPage } from "../../helpers/fixtures";
import { runCron } from "../../helpers/scheduled";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

let pageId: string;
let incidentId: string;
let maintenanceId: string;

/** A public GET as a fresh isolate would make it, with the D1 statements it prepared. */
async function read(path: string) {
  const counting = countingEnv();
  const res = await call(path, {}, counting.env);
  return { status: res.status, body: await res.text(), d1: counting.d1() };
}

/** One isolate serving several requests, with the D1 statements they prepared in all. */
function isolate() {
  const counting = countingEnv();
  let first = true;
  return {
    read: async (path: string) => {
      const res = await (first ? call : callKeepingMemo)(path, {}, counting.env);
      first = false;
      return res.status;
    },
    d1: counting.d1,
  };
}

/** The bindings with every KV write refused, as when the free plan's daily writes are spent. */
const kvWritesRefused = (): Env => ({
  ...env,
  CACHE: passThrough(env.CACHE, (prop) =>
    prop === "put" || prop === "delete" ? () => Promise.reject(new Error("KV PUT failed: 429 Too Many Requests")) : undefined,
  ),
});

/** Removes an event's cached bodies, so that serving it means building it from D1. */
async function dropBodies(id: string) {
  for (const key of eventKeys(pageId, id)) await Promise.all([env.CACHE.delete(key), env.CACHE.delete(lastKnownGoodKey(key))]);
}

const PATHS = {
  incident: (id: string) => [`/api/v2/incidents/${id}.json`, `/incidents/${id}`],
  maintenance: (id: string) => [`/api/v2/scheduled-maintenances/${id}.json`, `/maintenances/${id}`],
};

beforeAll(async () => {
  pageId = (await createPage({ name: "Acme" })).id;
  incidentId = (await createIncident({ name: "Gateway errors", started_at: iso(Date.parse("2019-03-04T10:00:00Z")) })).id;
  const now = Date.now();
  const { status, json } = await adminJson("POST", "/maintenances", {
    name: "Core upgrade",
    body: "Upgrading Core.",
    scheduled_for: iso(now + 24 * HOUR),
    scheduled_until: iso(now + 25 * HOUR),
  });
  expect(status, JSON.stringify(json)).toBe(201);
  maintenanceId = json.scheduled_maintenance.id;
});

describe("an address that names nothing", () => {
  it("answers 1,000 random ids with 404, asking D1 once: an isolate checks the index's 'absent' at most every 10 s", async () => {
    const one = isolate();
    for (let i = 0; i < 250; i++) {
      for (const path of [...PATHS.incident(newId()), ...PATHS.maintenance(newId())]) expect(await one.read(path), path).toBe(404);
    }
    // The first id's check in D1 (one indexed row lookup); the other 999 are answered from KV.
    expect(one.d1()).toBe(1);
  });

  it("answers an id of the other kind with 404, and D1 is asked once per isolate, not per request", async () => {
    const one = isolate();
    for (const path of [...PATHS.incident(maintenanceId), ...PATHS.maintenance(incidentId)]) expect(await one.read(path), path).toBe(404);
    expect(one.d1()).toBe(1);
  });

  it("answers an id that cannot be one with 404, naming the page, without D1", async () => {
    for (const path of ["/maintenances/x", "/incidents/NOT-AN-ID", "/api/v2/incidents/x.json", "/api/v2/scheduled-maintenances/..json"]) {
      const res = await read(path);
      expect(res, path).toMatchObject({ status: 404, d1: 0 });
      if (!path.startsWith("/api")) expect(res.body).toContain("Acme");
    }
  });

  it("answers a history year before the page's first event with 404 and no D1, and serves the years since", async () => {
    const before = await read("/history?year=2018");
    expect(before).toMatchObject({ status: 404, d1: 0 });
    expect(before.body).toContain(`this page can show 2019 to ${new Date().getUTCFullYear()}`);
    expect((await read("/history?year=2019")).body).toContain("Gateway errors");
    expect((await read("/history?year=2021")).status).toBe(200);
  });
});

describe("an event that exists", () => {
  it("is served from D1 when its cached bodies are gone, because the index has it", async () => {
    await dropBodies(incidentId);
    await dropBodies(maintenanceId);
    for (const path of [...PATHS.incident(incidentId), ...PATHS.maintenance(maintenanceId)]) {
      const res = await read(path);
      expect(res.status, path).toBe(200);
      expect(res.d1, path).toBeGreaterThan(0);
    }
  });

  it("is found as soon as it is created, and answers 404 once deleted", async () => {
    const created = await createIncident({ name: "Short-lived" });
    await dropBodies(created.id);
    expect((await read(`/api/v2/incidents/${created.id}.json`)).status).toBe(200);

    expect((await adminJson("DELETE", `/incidents/${created.id}`)).status).toBe(204);
    const one = isolate();
    for (const path of PATHS.incident(created.id)) expect(await one.read(path), path).toBe(404);
    expect(one.d1()).toBe(1);
  });

  it("is served when KV refused every write of the change that created it (the index and the routing record both older)", async () => {
    const res = await admin("POST", "/incidents", { name: "Created while KV refuses writes", status: "investigating", body: "Looking." }, kvWritesRefused());
    expect(res.status).toBe(201);
    expect(res.headers.get("Edge-Status-Refresh")).toBe("pending");
    const id = ((await res.json()) as { incident: { id: string } }).incident.id;
    expect(await env.CACHE.get(eventIndexKey(pageId))).not.toContain(id);

    const one = isolate();
    expect(await one.read(`/api/v2/incidents/${id}.json`)).toBe(200);
    // Remembered by this isolate: its later readers find it too, without another check.
    expect(await one.read(`/incidents/${id}`)).toBe(200);
    expect(await one.read(`/api/v2/incidents/${id}.json`)).toBe(200);
  });
});

describe("an index that cannot be trusted", () => {
  it("is never taken for 'absent': without it (or with an older one) D1 decides, until the minute job writes it again", async () => {
    const stored = await env.CACHE.getWithMetadata<{ generation: number }>(eventIndexKey(pageId), "text");
    expect(stored.value).toContain(incidentId);

    // An index from before this incident existed, as a lost KV write would leave it.
    const older = stored.value!.replace(incidentId, "");
    await env.CACHE.put(eventIndexKey(pageId), older, { metadata: { ...stored.metadata!, generation: stored.metadata!.generation - 1 } });
    await dropBodies(incidentId);
    expect(await read(`/api/v2/incidents/${incidentId}.json`)).toMatchObject({ status: 200 });
    const unknown = await read(`/api/v2/incidents/${newId()}.json`);
    expect(unknown.status).toBe(404);
    expect(unknown.d1).toBeGreaterThan(0);

    await env.CACHE.delete(eventIndexKey(pageId));
    expect((await read(`/api/v2/incidents/${newId()}.json`)).d1).toBeGreaterThan(0);

    await runCron(Date.now());
    expect(await env.CACHE.get(eventIndexKey(pageId))).toContain(incidentId);
    const one = isolate();
    for (let i = 0; i < 20; i++) expect(await one.read(`/api/v2/incidents/${newId()}.json`)).toBe(404);
    expect(one.d1()).toBe(1);
  });
});
