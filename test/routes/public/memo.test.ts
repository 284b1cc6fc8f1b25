import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { AUTH, callKeepingMemo } from "../../helpers/http";

/** The worker's bindings with KV reads counted; one object, so one isolate memo, for the whole file. */
let kvReads = 0;
const kv = new Proxy(env.CACHE, {
  get(target, prop) {
    const value = Reflect.get(target, prop);
    if (prop === "get" || prop === "getWithMetadata") kvReads++;
    return typeof value === "function" ? value.bind(target) : value;
  },
});
const bindings: Env = { ...env, CACHE: kv };
const read = async (path: string) => {
  const before = kvReads;
  const res = await callKeepingMemo(path, {}, bindings);
  return { res, kvReads: kvReads - before };
};

beforeAll(async () => {
  await createPage({ name: "Acme", url: "https://status.acme.test" });
});

describe("one isolate serving many readers", () => {
  it("serves a warm summary with no KV read, and shows this isolate's own write at its next read", async () => {
    await read("/api/v2/summary.json");
    const warm = await read("/api/v2/summary.json");
    expect(warm.res.status).toBe(200);
    expect(warm.kvReads).toBe(0);

    const write = await callKeepingMemo(
      "/api/admin/incidents",
      { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ name: "Seen at once", body: "Looking." }) },
      bindings,
    );
    expect(write.status).toBe(201);
    const after = await read("/api/v2/summary.json");
    const summary = (await after.res.json()) as { incidents: { name: string }[] };
    expect(summary.incidents.map((i) => i.name)).toEqual(["Seen at once"]);
    expect(after.kvReads).toBe(0);
  });
});
