import { beforeAll, describe, expect, it } from "vitest";
import fixture from "../../fixtures/statuspage-summary-github-2022-11-25.json";
import { createIncident, seedDemo } from "../../helpers/fixtures";
import { adminJson, getJson } from "../../helpers/http";
import { ISO_MS, shapeDiff, timestamps } from "./shape";

type Obj = Record<string, any>;

const fixtureIncident = fixture.incidents[0]!;
const withPostmortem = (o: object) => ({ ...o, postmortem_body: null, postmortem_body_last_updated_at: null });
// The fixture has no maintenance: the spec's shape is the incident's plus the window.
const maintenanceRef = { ...fixtureIncident, impact: "maintenance", scheduled_for: fixtureIncident.started_at, scheduled_until: fixtureIncident.started_at };

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A group's `components` is checked apart: the fixture has no groups. */
function withoutChildren(c: Obj): Obj {
  const { components: _children, ...rest } = c;
  return c.group ? rest : c;
}

describe("shape comparer", () => {
  it("accepts the fixture itself", () => {
    expect(shapeDiff(fixture, [fixture])).toBeNull();
  });

  it("reports the path of a missing key, a wrong type and a null where none is allowed", () => {
    const copy = structuredClone(fixture) as Obj;
    delete copy.incidents[0].incident_updates[1].tweet_id;
    expect(shapeDiff(copy, [fixture])).toBe('$.incidents[0].incident_updates[1]: missing key "tweet_id"');

    const wrongType = structuredClone(fixture) as Obj;
    wrongType.components[3].position = "4";
    expect(shapeDiff(wrongType, [fixture])).toBe("$.components[3].position: string where the reference has number");

    const nulled = structuredClone(fixture) as Obj;
    nulled.incidents[0].incident_updates[0].display_at = null;
    expect(shapeDiff(nulled, [fixture])).toMatch(/^\$\.incidents\[0\]\.incident_updates\[0\]\.display_at: null/);

    // Nullable by the spec, but never null in the fixture: not compatible.
    const nullShortlink = structuredClone(fixture) as Obj;
    nullShortlink.incidents[0].shortlink = null;
    expect(shapeDiff(nullShortlink, [fixture])).toMatch(/^\$\.incidents\[0\]\.shortlink: null/);

    const extra = structuredClone(fixture) as Obj;
    extra.page.extra = 1;
    expect(shapeDiff(extra, [fixture])).toBe('$.page: unexpected key "extra"');
  });

  it("lets a value stand where the fixture has null only for keys the spec makes nullable", () => {
    const groupId = structuredClone(fixture) as Obj;
    groupId.components[0].group_id = "abcdefabcdef";
    expect(shapeDiff(groupId, [fixture])).toBeNull();
    groupId.components[0].group_id = 7;
    expect(shapeDiff(groupId, [fixture])).toBe("$.components[0].group_id: number where the reference has null");
    const tweet = structuredClone(fixture) as Obj;
    tweet.incidents[0].incident_updates[0].custom_tweet = "hi";
    expect(shapeDiff(tweet, [fixture])).toMatch(/custom_tweet: string where the reference has null$/);
  });
});

describe("summary.json has the shape of a real capture", () => {
  let summary: Obj;
  let incidents: Obj;
  let maintenances: Obj;

  beforeAll(async () => {
    await seedDemo();
    const { json } = await getJson("/api/v2/components.json");
    const idOf = (name: string) => json.components.find((c: Obj) => c.name === name).id as string;
    const incident = await createIncident({ name: "Desk is slow", components: [{ id: idOf("Desk"), status: "partial_outage" }] });
    await adminJson("POST", `/incidents/${incident.id}/updates`, { body: "Still looking." });
    const now = Date.now();
    const planned = await adminJson("POST", "/maintenances", {
      name: "Database upgrade",
      body: "We will upgrade the database.",
      scheduled_for: iso(now + 48 * HOUR),
      scheduled_until: iso(now + 50 * HOUR),
      component_ids: [idOf("Core")],
    });
    expect(planned.status).toBe(201);
    const started = await adminJson("POST", "/maintenances", {
      name: "Network work",
      body: "Routers are being replaced.",
      scheduled_for: iso(now + HOUR),
      scheduled_until: iso(now + 3 * HOUR),
      component_ids: [idOf("Analytics")],
    });
    expect(started.status).toBe(201);
    const update = await adminJson("POST", `/maintenances/${started.json.scheduled_maintenance.id}/updates`, { status: "in_progress", body: "Started." });
    expect(update.status).toBe(201);

    summary = (await getJson("/api/v2/summary.json")).json;
    incidents = (await getJson("/api/v2/incidents.json")).json;
    maintenances = (await getJson("/api/v2/scheduled-maintenances.json")).json;
  });

  it("has the same top-level keys as the capture, in the same order", () => {
    expect(Object.keys(summary)).toEqual(Object.keys(fixture));
  });

  it("has a page and a status shaped like the capture's", () => {
    expect(shapeDiff(summary.page, [fixture.page], "$.page")).toBeNull();
    expect(shapeDiff(summary.status, [fixture.status], "$.status")).toBeNull();
    expect(["none", "minor", "major", "critical", "maintenance"]).toContain(summary.status.indicator);
  });

  it("has components shaped like the capture's; groups also list their children's ids", () => {
    const groups = summary.components.filter((c: Obj) => c.group === true);
    expect(groups.length).toBeGreaterThan(0);
    for (const [i, c] of (summary.components as Obj[]).entries()) {
      expect(shapeDiff(withoutChildren(c), fixture.components, `$.components[${i}]`)).toBeNull();
      if (!c.group) expect(c).not.toHaveProperty("components");
    }
    for (const g of groups) {
      const children = summary.components.filter((c: Obj) => c.group_id === g.id).map((c: Obj) => c.id);
      expect(g.components).toEqual(children);
      expect(g.components.every((id: unknown) => typeof id === "string")).toBe(true);
    }
  });

  it("has unresolved incidents shaped like the capture's, updates and affected components included", () => {
    expect(summary.incidents.length).toBeGreaterThan(0);
    const updates = summary.incidents.flatMap((i: Obj) => i.incident_updates);
    // Both forms of affected_components are exercised: a list and null.
    expect(updates.some((u: Obj) => Array.isArray(u.affected_components) && u.affected_components.length > 0)).toBe(true);
    expect(updates.some((u: Obj) => u.affected_components === null)).toBe(true);
    expect(summary.incidents.some((i: Obj) => i.components.length > 0)).toBe(true);
    for (const [i, incident] of (summary.incidents as Obj[]).entries()) {
      expect(Object.keys(incident)).toEqual(Object.keys(fixtureIncident));
      expect(shapeDiff(incident, fixture.incidents, `$.incidents[${i}]`)).toBeNull();
    }
  });

  it("has upcoming and active maintenances with the incident's keys plus scheduled_for and scheduled_until", () => {
    const list = summary.scheduled_maintenances as Obj[];
    expect(list.map((m) => m.status).sort()).toEqual(["in_progress", "scheduled"]);
    for (const [i, m] of list.entries()) {
      expect(shapeDiff(m, [maintenanceRef], `$.scheduled_maintenances[${i}]`)).toBeNull();
      expect(m.impact).toBe("maintenance");
      expect(m).not.toHaveProperty("postmortem_body");
    }
  });

  it("serves every timestamp with milliseconds and an offset, and 12-character ids", () => {
    const found = timestamps(summary);
    expect(found.length).toBeGreaterThan(20);
    for (const t of found) expect(t.value, t.path).toMatch(ISO_MS);
    const ids = JSON.stringify(summary).match(/"(id|page_id|incident_id|code)":"[^"]*"/g) ?? [];
    expect(ids.length).toBeGreaterThan(20);
    for (const pair of ids) expect(pair).toMatch(/:"[a-z0-9]{12}"$/);
  });

  it("incidents.json adds the postmortem keys to the same incident shape", () => {
    expect(Object.keys(incidents)).toEqual(["page", "incidents"]);
    expect(incidents.incidents.some((i: Obj) => typeof i.postmortem_body === "string")).toBe(true);
    for (const [i, incident] of (incidents.incidents as Obj[]).entries()) {
      expect(shapeDiff(incident, fixture.incidents.map(withPostmortem), `$.incidents[${i}]`)).toBeNull();
    }
  });

  it("scheduled-maintenances.json serves the maintenance shape with the postmortem keys", () => {
    expect(Object.keys(maintenances)).toEqual(["page", "scheduled_maintenances"]);
    expect(maintenances.scheduled_maintenances).toHaveLength(2);
    for (const [i, m] of (maintenances.scheduled_maintenances as Obj[]).entries()) {
      expect(shapeDiff(m, [withPostmortem(maintenanceRef)], `$.scheduled_maintenances[${i}]`)).toBeNull();
    }
  });

  it("status.json and components.json reuse the page, status and component shapes", async () => {
    const status = (await getJson("/api/v2/status.json")).json;
    expect(Object.keys(status)).toEqual(["page", "status"]);
    expect(shapeDiff(status, [{ page: fixture.page, status: fixture.status }])).toBeNull();
    const components = (await getJson("/api/v2/components.json")).json;
    expect(Object.keys(components)).toEqual(["page", "components"]);
    expect(components.components).toEqual(summary.components);
  });
});
