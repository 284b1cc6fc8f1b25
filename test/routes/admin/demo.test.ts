import { describe, expect, it } from "vitest";
import { DEMO_COMPONENTS, DEMO_INCIDENTS, DEMO_PAGE, DEMO_TEMPLATES } from "../../../src/demo/blip";
import { countingEnv, dbFingerprint } from "../../helpers/fixtures";
import { admin } from "../../helpers/http";
import { ID, site } from "./helpers";

const main = site();
const ALL_UPDATES = DEMO_INCIDENTS.reduce((n, i) => n + i.updates.length, 0);

async function postDemo(bindings?: Env) {
  const res = await admin("POST", "/demo", undefined, bindings);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as { page_id: string; created: { pages: number; components: number; incidents: number; updates: number; templates: number } };
}

describe("POST /demo", () => {
  it("loads the Blip page, and the public API serves it at once", async () => {
    const result = await postDemo();
    expect(result).toEqual({
      page_id: expect.stringMatching(ID),
      // Every demo component plus the one group they share.
      created: { pages: 1, components: DEMO_COMPONENTS.length + 1, incidents: DEMO_INCIDENTS.length, updates: ALL_UPDATES, templates: DEMO_TEMPLATES.length },
    });

    const summary = await main.fresh("/api/v2/summary.json");
    expect(summary.page).toMatchObject({ id: result.page_id, name: DEMO_PAGE.name, time_zone: "America/Sao_Paulo" });
    expect(summary.components.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(DEMO_COMPONENTS.map((c) => c.name)));
    expect(summary.incidents).toEqual([]);
    expect(summary.status.indicator).toBe("none");

    const { incidents } = await main.fresh("/api/v2/incidents.json");
    expect(incidents.map((i: { name: string }) => i.name).sort()).toEqual(DEMO_INCIDENTS.map((i) => i.name).sort());
    for (const incident of incidents) {
      expect(incident.status).toBe("postmortem");
      expect(incident.postmortem_body).toEqual(expect.any(String));
      expect(incident.started_at).toMatch(/-03:00$/);
    }
  });

  it("is idempotent: a second call creates nothing and writes nothing", async () => {
    const first = (await main.ok("GET", "/pages")).pages;
    const before = await dbFingerprint();
    const counting = countingEnv();
    const again = await postDemo(counting.env);
    expect(again).toEqual({ page_id: first[0].id, created: { pages: 0, components: 0, incidents: 0, updates: 0, templates: 0 } });
    expect(await dbFingerprint()).toBe(before);
    expect(counting.kvWrites()).toBe(0);
    expect((await main.ok("GET", "/pages")).pages).toEqual(first);
  });

  it("after an incident is deleted, writes back only that incident", async () => {
    const { incidents } = await main.ok("GET", "/incidents");
    const victim = incidents.find((i: { name: string }) => i.name === DEMO_INCIDENTS[1]!.name);
    await main.ok("DELETE", `/incidents/${victim.id}`, undefined, 204);

    const result = await postDemo();
    expect(result.created).toEqual({ pages: 0, components: 0, incidents: 1, updates: DEMO_INCIDENTS[1]!.updates.length, templates: 0 });
    const restored = (await main.fresh("/api/v2/incidents.json")).incidents;
    expect(restored).toHaveLength(DEMO_INCIDENTS.length);
    expect(restored.find((i: { name: string }) => i.name === victim.name)).toMatchObject({ status: "postmortem", incident_updates: expect.any(Array) });

    const before = await dbFingerprint();
    expect((await postDemo()).created).toEqual({ pages: 0, components: 0, incidents: 0, updates: 0, templates: 0 });
    expect(await dbFingerprint()).toBe(before);
  });

  it("loads alongside an existing page without taking over its host", async () => {
    const other = site("acme.test");
    expect((await main.ok("POST", "/pages", { name: "Acme", url: "https://acme.test", host: "acme.test" })).page.default).toBe(false);
    expect((await postDemo()).created.pages).toBe(0);
    expect((await other.fresh("/api/v2/status.json")).page.name).toBe("Acme");
    expect((await main.fresh("/api/v2/status.json")).page.name).toBe(DEMO_PAGE.name);
  });
});
