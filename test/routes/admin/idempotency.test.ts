import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createComponent, createPage, dbFingerprint } from "../../helpers/fixtures";
import { AUTH, call, getJson } from "../../helpers/http";
import { runCron } from "../../helpers/scheduled";
import { EVERY_TEN_MINUTES } from "../../../src/scheduled";
import { expectEnvelope, expectRefused, jsonInit, rowCount } from "./helpers";

const HOUR = 3_600_000;
let componentId: string;
let lastKey = 0;
const newKey = () => `key-${++lastKey}-${crypto.randomUUID()}`;

/** A POST with an Idempotency-Key (and any other headers). */
const post = (path: string, body: unknown, key: string | null, bindings: Env = env, headers: Record<string, string> = {}) =>
  call(`/api/admin${path}`, jsonInit("POST", body, { ...AUTH, ...headers, ...(key === null ? {} : { "Idempotency-Key": key }) }), bindings);

const incident = (name: string) => ({ name, body: "Looking into it.", components: [{ id: componentId, status: "degraded_performance" }] });
const incidentsNamed = (name: string) => rowCount("incidents", "name = ?", name);
const keyRow = (key: string) =>
  env.DB.prepare("SELECT * FROM idempotency_keys WHERE key = ?").bind(key).first<{ status: number | null; response: string | null; created_at: number }>();

beforeAll(async () => {
  await createPage();
  componentId = (await createComponent({ name: "API" })).id;
});

describe("Idempotency-Key on admin writes", () => {
  it("replays the first answer to a retry, and writes once", async () => {
    const key = newKey();
    const first = await post("/incidents", incident("Replayed"), key);
    const firstBody = await first.text();
    expect(first.status, firstBody).toBe(201);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();

    const before = await dbFingerprint();
    const counting = countingEnv();
    const retry = await post("/incidents", incident("Replayed"), key, counting.env);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await retry.text()).toBe(firstBody);
    expect(await incidentsNamed("Replayed")).toBe(1);
    expect(await rowCount("incident_updates", "incident_id = ?", JSON.parse(firstBody).incident.id)).toBe(1);
    expect(await dbFingerprint()).toBe(before);
    expect(counting.kvWrites()).toBe(0);
  });

  it("accepts the draft's quoted form as the same key", async () => {
    const key = newKey();
    expect((await post("/incidents", incident("Quoted"), key)).status).toBe(201);
    const retry = await post("/incidents", incident("Quoted"), `"${key}"`);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await incidentsNamed("Quoted")).toBe(1);
  });

  it("refuses the same key with another body, path or method (422) and writes nothing", async () => {
    const key = newKey();
    expect((await post("/incidents", incident("First use"), key)).status).toBe(201);
    await expectRefused((b) => post("/incidents", incident("Second use"), key, b), {
      status: 422,
      code: "idempotency_key_reused",
      field: "header.idempotency-key",
    });
    await expectRefused((b) => post("/components", incident("First use"), key, b), {
      status: 422,
      code: "idempotency_key_reused",
      field: "header.idempotency-key",
    });
    const id = ((await (await call("/api/admin/incidents", { headers: AUTH })).json()) as any).incidents[0].id;
    await expectRefused((b) => call(`/api/admin/incidents/${id}`, jsonInit("PATCH", incident("First use"), { ...AUTH, "Idempotency-Key": key }), b), {
      status: 422,
      code: "idempotency_key_reused",
      field: "header.idempotency-key",
    });
    expect(await incidentsNamed("Second use")).toBe(0);
    expect(await rowCount("components", "name = ?", "First use")).toBe(0);
  });

  it("answers 409 while the first request with the key is still in flight, then replays it", async () => {
    const key = newKey();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedKv!: () => void;
    const inFlight = new Promise<void>((resolve) => (reachedKv = resolve));
    // The first request has written (the claim with it) and is now refreshing the cache.
    const slowKv = new Proxy(env.CACHE, {
      get(target, prop) {
        if (prop === "put") return async (...args: Parameters<KVNamespace["put"]>) => (reachedKv(), await gate, target.put(...args));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const first = post("/incidents", incident("In flight"), key, { ...env, CACHE: slowKv });
    await inFlight;
    expect((await keyRow(key))?.status).toBeNull();

    await expectRefused((b) => post("/incidents", incident("In flight"), key, b), {
      status: 409,
      code: "idempotency_key_in_progress",
      field: "header.idempotency-key",
    });
    release();
    const firstRes = await first;
    expect(firstRes.status).toBe(201);
    const replay = await post("/incidents", incident("In flight"), key);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.text()).toBe(await firstRes.text());
    expect(await incidentsNamed("In flight")).toBe(1);
  });

  it("lets only one of two concurrent requests with the key write", async () => {
    const key = newKey();
    const [a, b] = await Promise.all([post("/incidents", incident("Concurrent"), key), post("/incidents", incident("Concurrent"), key)]);
    const outcomes = await Promise.all(
      [a, b].map(async (r) => ({ status: r.status, replayed: r.headers.get("Idempotent-Replayed"), json: (await r.json()) as any })),
    );
    const written = outcomes.filter((o) => o.status === 201 && o.replayed === null);
    expect(written).toHaveLength(1);
    const other = outcomes.find((o) => o !== written[0])!;
    if (other.status === 201) expect(other).toEqual({ ...written[0], replayed: "true" });
    else expect(other.json.error.code).toBe("idempotency_key_in_progress");
    expect(await incidentsNamed("Concurrent")).toBe(1);
  });

  it("rolls the write back whole when another request claims the key between the lookup and the write", async () => {
    const key = newKey();
    let claimed = false;
    // Another request (with another body) takes the key just before this one's batch reaches D1.
    const racing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (!claimed) {
              claimed = true;
              await target.prepare("INSERT INTO idempotency_keys (key, fingerprint, created_at) VALUES (?, 'another request', ?)").bind(key, Date.now()).run();
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const res = await post("/incidents", incident("Lost the race"), key, { ...env, DB: racing });
    await expectEnvelope(res, { status: 422, code: "idempotency_key_reused", field: "header.idempotency-key" });
    expect(claimed).toBe(true);
    expect(await incidentsNamed("Lost the race")).toBe(0);
    expect(await keyRow(key)).toMatchObject({ status: null });
  });

  it("stores nothing for a refused request, so a corrected retry with the same key runs", async () => {
    const key = newKey();
    const bad = await post("/incidents", { ...incident("Corrected"), components: [{ id: componentId, status: "on_fire" }] }, key);
    await expectEnvelope(bad, { status: 400, code: "validation_failed", field: "body.components.0.status" });
    expect(await keyRow(key)).toBeNull();
    const unknown = await post("/incidents", { ...incident("Corrected"), components: [{ id: "zzzzzzzzzzzz", status: "major_outage" }] }, key);
    expect(unknown.status).toBe(422);
    expect(await keyRow(key)).toBeNull();

    const fixed = await post("/incidents", incident("Corrected"), key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await keyRow(key)).toMatchObject({ status: 201 });
    expect(await incidentsNamed("Corrected")).toBe(1);
  });

  it("replays a write that is not a batch (a second page) too", async () => {
    const key = newKey();
    const page = { name: "Second", url: "https://second.test", host: "second.test" };
    const first = await post("/pages", page, key);
    expect(first.status).toBe(201);
    const retry = await post("/pages", page, key);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retry.text()).toBe(await first.text());
    expect(await rowCount("pages", "name = ?", "Second")).toBe(1);
  });

  it("replays a PATCH and a DELETE too (204, no body)", async () => {
    const { incident: created } = (await (await post("/incidents", incident("Edited once"), null)).json()) as any;
    const key = newKey();
    const patch = () => call(`/api/admin/incidents/${created.id}`, jsonInit("PATCH", { name: "Edited twice?" }, { ...AUTH, "Idempotency-Key": key }));
    const first = await patch();
    expect(first.status).toBe(200);
    const retry = await patch();
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retry.text()).toBe(await first.text());

    const deleteKey = newKey();
    const remove = () => call(`/api/admin/incidents/${created.id}`, { method: "DELETE", headers: { ...AUTH, "Idempotency-Key": deleteKey } });
    expect((await remove()).status).toBe(204);
    const again = await remove();
    expect(again.status).toBe(204);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.text()).toBe("");
  });

  it("changes nothing for POSTs without the header: each one writes", async () => {
    for (let i = 0; i < 2; i++) expect((await post("/incidents", incident("No key"), null)).status).toBe(201);
    expect(await incidentsNamed("No key")).toBe(2);
  });

  it.each([
    ["empty", ""],
    ["256 characters", "k".repeat(256)],
    ["a space inside", "two words"],
    ["a control character", "tab\there"],
  ])("refuses a key that is %s (400) and writes nothing", async (_label, key) => {
    await expectRefused((b) => post("/incidents", incident("Bad key"), key, b), { status: 400, code: "validation_failed", field: "header.idempotency-key" });
  });

  it("accepts a 255-character key", async () => {
    expect((await post("/incidents", incident("Long key"), "k".repeat(255))).status).toBe(201);
  });
});

describe("expiry", () => {
  it("treats a key older than 24 hours as new", async () => {
    const key = newKey();
    await env.DB.prepare("INSERT INTO idempotency_keys (key, fingerprint, status, response, created_at) VALUES (?, 'old', 201, '{}', ?)")
      .bind(key, Date.now() - 25 * HOUR)
      .run();
    const res = await post("/incidents", incident("Expired key"), key);
    expect(res.status).toBe(201);
    expect(res.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await incidentsNamed("Expired key")).toBe(1);
  });

  it("the ten-minute cron deletes keys 24 hours old at its tick, and a second run deletes nothing", async () => {
    const tick = Date.now() + HOUR;
    const insert = (key: string, at: number) =>
      env.DB.prepare("INSERT INTO idempotency_keys (key, fingerprint, status, response, created_at) VALUES (?, 'f', 201, '{}', ?)").bind(key, at).run();
    await insert("cleanup-old", tick - 24 * HOUR - 60_000);
    await insert("cleanup-in-flight-old", tick - 30 * HOUR);
    await insert("cleanup-edge", tick - 24 * HOUR);
    await insert("cleanup-recent", tick - HOUR);
    const lastResult = async () =>
      JSON.parse((await env.DB.prepare("SELECT last_result FROM job_runs WHERE job = 'idempotency-cleanup'").first<{ last_result: string }>())!.last_result);
    const remaining = async () =>
      (await env.DB.prepare("SELECT key FROM idempotency_keys WHERE key LIKE 'cleanup-%' ORDER BY key").all<{ key: string }>()).results.map((r) => r.key);

    await runCron(tick, EVERY_TEN_MINUTES);
    expect(await remaining()).toEqual(["cleanup-recent"]);
    expect(await lastResult()).toEqual({ deleted: 3 });

    await runCron(tick, EVERY_TEN_MINUTES);
    expect(await remaining()).toEqual(["cleanup-recent"]);
    expect(await lastResult()).toEqual({ deleted: 0 });
  });
});

describe("the OpenAPI document", () => {
  it("offers the optional Idempotency-Key header on every admin write, and 429 on every admin operation", async () => {
    const { json: doc } = await getJson("/api/openapi.json");
    const admin = Object.entries(doc.paths as Record<string, Record<string, any>>).filter(([path]) => path.startsWith("/api/admin/"));
    const writes = admin.flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => method !== "get")
        .map(([method, op]) => [`${method} ${path}`, op]),
    );
    expect(writes.length).toBeGreaterThanOrEqual(15);
    for (const [path, op] of writes) {
      expect(op.parameters, path).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }));
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(["409", "422"]));
    }
    for (const [path, item] of admin) {
      for (const [method, op] of Object.entries(item)) expect(Object.keys(op.responses), `${method} ${path}`).toContain("429");
    }
  });
});
