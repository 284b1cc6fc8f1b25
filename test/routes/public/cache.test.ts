import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_LIST_PATHS, call } from "../../helpers/http";
import { countingEnv, seedDemo } from "../../helpers/fixtures";

const PUBLIC_PATHS = PUBLIC_LIST_PATHS;

describe("public reads on a warm cache", () => {
  beforeAll(async () => {
    await seedDemo();
  });

  it.each(PUBLIC_PATHS)("%s makes zero D1 queries", async (path) => {
    const counting = countingEnv();
    const res = await call(path, {}, counting.env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(counting.d1()).toBe(0);
  });

  it("answers 304 to a matching If-None-Match, with no body", async () => {
    const first = await call("/api/v2/summary.json");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await call("/api/v2/summary.json", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
  });

  it("fills a cold key from D1, then serves it from KV", async () => {
    const keys = await env.CACHE.list();
    await Promise.all(keys.keys.map((k) => env.CACHE.delete(k.name)));
    const cold = countingEnv();
    const res = await call("/api/v2/status.json", {}, cold.env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toContain("miss");
    expect(cold.d1()).toBeGreaterThan(0);
    const warm = countingEnv();
    const again = await call("/api/v2/status.json", {}, warm.env);
    expect(again.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(warm.d1()).toBe(0);
    expect(await again.text()).toBe(await res.text());
  });
});
