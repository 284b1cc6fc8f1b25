import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventBodyKey, pageBodyKey } from "../../src/cache/keys";
import { createDb } from "../../src/db/client";
import { refreshCache } from "../../src/scheduled/refresh-cache";
import { countingEnv, dbFingerprint, seedDemo } from "../helpers/fixtures";
import { getJson } from "../helpers/http";
import { runCron } from "../helpers/scheduled";

const TICK = Date.parse("2026-11-22T12:05:00Z");

let pageId: string;
let summaryKey: string;

beforeAll(async () => {
  pageId = (await seedDemo()).page.id;
  summaryKey = pageBodyKey(pageId, "summary");
});

describe("the scheduled cache refresh", () => {
  it("rewrites a deleted body, so the public read is a cache hit with current data", async () => {
    await env.CACHE.delete(summaryKey);
    await runCron(TICK);

    const stored = await env.CACHE.getWithMetadata<unknown, { etag: string; generatedAt: number }>(summaryKey, "json");
    expect(stored.value).not.toBeNull();
    expect(stored.metadata?.generatedAt).toBe(TICK);

    const { res, json } = await getJson("/api/v2/summary.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(res.headers.get("ETag")).toBe(stored.metadata?.etag);
    expect(json.page.name).toBe("Blip");
    expect(json.components).toHaveLength(8);
  });

  it("replaces stale content, and picks up a D1 change whose cache write was lost", async () => {
    // An admin write that reached D1 but whose KV refresh failed, on top of a stale body.
    await env.DB.prepare("UPDATE components SET status = 'major_outage' WHERE page_id = ? AND name = 'Desk'").bind(pageId).run();
    await env.CACHE.put(summaryKey, JSON.stringify({ page: { name: "Stale" }, components: [] }), { metadata: { etag: '"stale"', generatedAt: 0 } });

    await runCron(TICK + 60_000);

    const { res, json } = await getJson("/api/v2/summary.json");
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(json.page.name).toBe("Blip");
    expect(json.components.find((c: { name: string }) => c.name === "Desk").status).toBe("major_outage");
    expect(json.status.indicator).toBe("major");
    const status = await getJson("/api/v2/status.json");
    expect(status.json.status.indicator).toBe("major");
  });

  it("heals an incident's own body whose cache write was lost, as it heals the page-wide bodies", async () => {
    const incident = (await env.DB.prepare("SELECT id FROM incidents WHERE page_id = ? AND name = 'Desk and Portal inaccessible'")
      .bind(pageId)
      .first<{ id: string }>())!;
    const stale = await env.CACHE.get(eventBodyKey(pageId, "incident", incident.id));
    expect(stale).toContain("We are continuing to investigate this issue.");
    // An admin edit of an update's text that reached D1 while its KV refresh failed.
    await env.DB.prepare("UPDATE incident_updates SET body = 'Corrected: the investigation continued.' WHERE incident_id = ? AND seq = 2")
      .bind(incident.id)
      .run();
    // The admin write stamps the incident's updated_at, which is how the job knows to look at it.
    await env.DB.prepare("UPDATE incidents SET updated_at = ? WHERE id = ?")
      .bind(TICK + 80_000, incident.id)
      .run();

    await runCron(TICK + 90_000);

    const list = await getJson("/api/v2/incidents.json");
    const listed = list.json.incidents.find((i: { id: string }) => i.id === incident.id);
    expect(listed.incident_updates.map((u: { body: string }) => u.body)).toContain("Corrected: the investigation continued.");
    const one = await getJson(`/api/v2/incidents/${incident.id}.json`);
    expect(one.res.status).toBe(200);
    expect(one.json.incident.incident_updates.map((u: { body: string }) => u.body)).toContain("Corrected: the investigation continued.");
  });

  it("writes nothing to KV and nothing to D1 when the same tick runs twice", async () => {
    await env.CACHE.delete(summaryKey);
    await env.CACHE.put(pageBodyKey(pageId, "components"), "stale", { metadata: { etag: '"stale"', generatedAt: 0 } });

    const first = countingEnv();
    const firstResult = await refreshCache(createDb(first.env.DB), first.env.CACHE, TICK + 120_000);
    // The two damaged bodies, plus any HTML whose time-dependent text moved on (today's downtime so far).
    expect(firstResult.written).toBeGreaterThanOrEqual(2);
    expect(firstResult.failed).toBe(0);
    expect(first.kvWrites()).toBe(firstResult.written);

    const kvBefore = await env.CACHE.list();
    const d1Before = await dbFingerprint();
    const second = countingEnv();
    const secondResult = await refreshCache(createDb(second.env.DB), second.env.CACHE, TICK + 120_000);
    expect(secondResult).toEqual({ pages: 1, records: 0, written: 0, failed: 0 });
    expect(second.kvWrites()).toBe(0);
    expect(await dbFingerprint()).toBe(d1Before);
    expect(await env.CACHE.list()).toEqual(kvBefore);
  });

  it("leaves D1 unchanged and the bodies identical when the worker's scheduled handler repeats a tick", async () => {
    await env.CACHE.delete(summaryKey);
    await runCron(TICK + 180_000);
    expect(await env.CACHE.get(summaryKey)).not.toBeNull();
    const d1Before = await dbFingerprint();
    const summaryBefore = await env.CACHE.getWithMetadata(summaryKey, "text");

    await runCron(TICK + 180_000);

    expect(await dbFingerprint()).toBe(d1Before);
    expect(await env.CACHE.getWithMetadata(summaryKey, "text")).toEqual(summaryBefore);
  });
});
