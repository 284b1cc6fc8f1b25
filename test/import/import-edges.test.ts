import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { adminJson, call } from "../helpers/http";
import { dbFingerprint } from "../helpers/fixtures";
import { component } from "./sources";

// Captures at the edges of what a hosted page serves, from a review of the import: each must import
// cleanly or be refused with a 4xx that writes nothing, never a 5xx, and a second import of the same
// capture must write nothing.
const page = (id: string) => ({ id, name: `Source ${id}`, url: "https://status.source.example", time_zone: "Etc/UTC", updated_at: "2024-11-14T18:00:00Z" });
const maintenance = (extra: Record<string, unknown> = {}) => ({
  id: "mnt000000001",
  name: "Database upgrade",
  status: "completed",
  impact: "maintenance",
  created_at: "2024-11-10T12:00:00Z",
  started_at: "2024-11-12T03:00:00Z",
  resolved_at: "2024-11-12T04:00:00Z",
  scheduled_for: "2024-11-12T03:00:00Z",
  scheduled_until: "2024-11-12T04:00:00Z",
  incident_updates: [{ id: "mu0000000001", status: "completed", body: "Done.", created_at: "2024-11-12T04:00:00Z", affected_components: null }],
  ...extra,
});
const update = (id: string, body: string, extra: Record<string, unknown> = {}) => ({
  id,
  status: "resolved",
  body,
  created_at: "2024-11-14T14:00:00Z",
  ...extra,
});
const incident = (id: string, updates: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  name: `Errors ${id}`,
  status: "resolved",
  impact: "major",
  created_at: "2024-11-14T08:56:00Z",
  resolved_at: "2024-11-14T14:00:00Z",
  incident_updates: updates,
  ...extra,
});
const importing = (body: unknown) => adminJson("POST", "/import", body);
const lastChange = async (host: string) =>
  (
    await env.DB.prepare(
      "SELECT c.status, (SELECT to_status FROM component_status_changes s WHERE s.component_id = c.id ORDER BY changed_at DESC, id DESC LIMIT 1) AS last FROM components c JOIN pages p ON p.id = c.page_id WHERE p.host = ?",
    )
      .bind(host)
      .all()
  ).results;

describe("what a hosted page really serves", () => {
  it("takes a maintenance with impact 'maintenance', as the hosted API (and ours) serve it", async () => {
    const { status, json } = await importing({
      host: "maint.test",
      summary: { page: page("srcmaint"), components: [component("c1", "API", 1)] },
      maintenances: { scheduled_maintenances: [maintenance()] },
    });
    expect(status, JSON.stringify(json)).toBe(201);
    const listed = (await (await call("http://maint.test/api/v2/scheduled-maintenances.json")).json()) as any;
    expect(listed.scheduled_maintenances.map((m: any) => [m.name, m.impact])).toEqual([["Database upgrade", "maintenance"]]);
  });

  it("keeps every statement under D1's 100 KB whatever the text (quotes double in SQL)", async () => {
    const prepare = vi.spyOn(env.DB, "prepare");
    const quotes = "'".repeat(20_000);
    const { status } = await importing({
      host: "quotes.test",
      summary: { page: page("srcquotes"), components: [component("c1", "API", 1)] },
      incidents: {
        incidents: [
          incident(
            "i1",
            [1, 2, 3, 4].map((n) => update(`u${n}`, quotes, { created_at: `2024-11-14T1${n}:00:00Z` })),
          ),
        ],
      },
    });
    const longest = Math.max(...prepare.mock.calls.map(([query]) => new TextEncoder().encode(query).length));
    prepare.mockRestore();
    expect(status).toBe(201);
    expect(longest).toBeLessThanOrEqual(100_000);
  });

  it("writes nothing the second time for a capture whose old updates name a component gone from the source", async () => {
    const body = {
      host: "gone.test",
      summary: { page: page("srcgone"), components: [component("c1", "API", 1)] },
      incidents: {
        incidents: [
          incident("i1", [
            update("u1", "Fixed.", { affected_components: [{ code: "gone1", name: "Legacy", old_status: "major_outage", new_status: "operational" }] }),
          ]),
        ],
      },
    };
    expect((await importing(body)).status).toBe(201);
    const before = await dbFingerprint();
    const { json } = await importing(body);
    expect(json.updated).toEqual({ components: 0, incidents: 0, maintenances: 0, updates: 0 });
    expect(await dbFingerprint()).toBe(before);
  });
});

describe("a component's status changed at the source, on a later import", () => {
  it.each([
    ["operational", "major_outage"],
    ["major_outage", "operational"],
  ])("moves its history from %s to %s, so uptime counts what happened", async (from, to) => {
    const host = `moved-${to.replace("_", "-")}.test`;
    const body: any = { host, summary: { page: page(`src-${to}`), components: [component("c1", "API", 1, { status: from })] } };
    expect((await importing(body)).status).toBe(201);
    body.summary.components[0].status = to;
    body.summary.page.updated_at = "2024-11-15T00:00:00Z";
    expect((await importing(body)).status).toBe(200);
    expect(await lastChange(host)).toEqual([{ status: to, last: to }]);
  });
});

describe("captures refused with a 4xx and nothing written", () => {
  it.each([
    ["an update displayed before 2000", { incidents: { incidents: [incident("i1", [update("u1", "x", { display_at: "1999-06-01T00:00:00Z" })])] } }, 422],
    ["a maintenance scheduled before 2000", { maintenances: { scheduled_maintenances: [maintenance({ scheduled_for: "1999-01-01T00:00:00Z" })] } }, 422],
    ["a group inside a group", { components: [component("g1", "G1", 1, { group: true }), component("g2", "G2", 2, { group: true, group_id: "g1" })] }, 422],
    ["a component listed twice", { components: [component("c1", "API", 1), component("c1", "API", 2)] }, 422],
    ["text with a lone surrogate", { incidents: { incidents: [incident("i1", [update("u1", "a\ud800b")])] } }, 422],
  ])("%s", async (_what, part: Record<string, unknown>, expected) => {
    const before = await dbFingerprint();
    const { components, ...lists } = part as { components?: unknown[] };
    const { status, json } = await importing({
      host: "refused.test",
      summary: { page: page("srcrefused"), components: components ?? [component("c1", "API", 1)] },
      ...lists,
    });
    expect(status, JSON.stringify(json)).toBe(expected);
    expect(await dbFingerprint()).toBe(before);
  });

  it("names where the capture has the early time, whichever list carries the event", async () => {
    const { json } = await importing({
      host: "early.test",
      summary: { page: page("srcearly"), components: [component("c1", "API", 1)] },
      incidents: { incidents: [incident("i1", [update("u1", "x")])] },
      maintenances: { scheduled_maintenances: [maintenance({ scheduled_for: "1999-01-01T00:00:00Z" })] },
    });
    expect(json.error.details.map((d: any) => d.field)).toEqual(["body.maintenances.scheduled_maintenances.0.scheduled_for"]);
  });

  it("refuses another hosted page's capture onto a host an import already serves, with 409", async () => {
    expect((await importing({ host: "taken.test", summary: { page: page("srcA"), components: [component("a1", "A", 1)] } })).status).toBe(201);
    const before = await dbFingerprint();
    const { status, json } = await importing({ host: "taken.test", summary: { page: page("srcB"), components: [component("b1", "B", 1)] } });
    expect(status).toBe(409);
    expect(json.error.details.map((d: any) => d.field)).toEqual(["body.host"]);
    expect(await dbFingerprint()).toBe(before);
  });
});

describe("what is decided here stays", () => {
  it("keeps a component whose group_id names something that is not a group at the top level, on the page", async () => {
    expect(
      (
        await importing({
          host: "flat.test",
          summary: { page: page("srcflat"), components: [component("c1", "A", 1), component("c2", "B", 2, { group_id: "c1" })] },
        })
      ).status,
    ).toBe(201);
    const json: any = await (await call("http://flat.test/api/v2/components.json")).json();
    expect(json.components.map((c: any) => [c.name, c.group_id])).toEqual([
      ["A", null],
      ["B", null],
    ]);
  });

  it("does not bring back an imported incident deleted here, even when the source changes it", async () => {
    const source: any = incident("i1", [update("u1", "x")]);
    const body: any = {
      host: "deleted.test",
      summary: { page: page("srcdeleted"), components: [component("c1", "API", 1)] },
      incidents: { incidents: [source] },
    };
    expect((await importing(body)).status).toBe(201);
    const { incidents } = (await (await call("http://deleted.test/api/v2/incidents.json")).json()) as any;
    expect(
      (await call(`http://deleted.test/api/admin/incidents/${incidents[0].id}`, { method: "DELETE", headers: { Authorization: "Bearer test-admin-token" } }))
        .status,
    ).toBe(204);
    source.postmortem_body = "A late postmortem at the source.";
    const { json } = await importing(body);
    expect(json.skipped).toEqual([{ kind: "incident", source_id: "i1", reason: "Deleted here since it was imported: not brought back." }]);
    expect(((await (await call("http://deleted.test/api/v2/incidents.json")).json()) as any).incidents).toEqual([]);
  });
});
