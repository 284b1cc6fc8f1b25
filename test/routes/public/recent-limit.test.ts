import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, createPage } from "../../helpers/fixtures";
import { adminJson, call, getJson } from "../../helpers/http";

type Obj = Record<string, any>;

const DAY = 86_400_000;
const COUNT = 53;
const BASE = Date.parse("2023-01-01T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
// Creation order differs from start order (7 and 53 are coprime: every day is used once).
const order = Array.from({ length: COUNT }, (_, i) => (i * 7) % COUNT);

describe("lists keep the 50 most recent", () => {
  const incidentByDay = new Map<number, string>();
  const maintenanceByDay = new Map<number, string>();
  let oldOpen: string;

  beforeAll(async () => {
    await createPage();
    for (const day of order) {
      const at = iso(BASE + day * DAY);
      const incident = await createIncident({ name: `Incident ${day}`, status: "resolved", started_at: at, display_at: at });
      incidentByDay.set(day, incident.id);
    }
    // Older than all of them and still open: outside the recent window, but unresolved.
    oldOpen = (await createIncident({ name: "Still open", started_at: iso(BASE - 400 * DAY), display_at: iso(BASE - 400 * DAY) })).id;
    for (const day of order) {
      const at = BASE + 1000 * DAY + day * DAY;
      const { status, json } = await adminJson("POST", "/maintenances", {
        name: `Maintenance ${day}`,
        body: "Planned.",
        scheduled_for: iso(at),
        scheduled_until: iso(at + DAY / 24),
      });
      if (status !== 201) throw new Error(JSON.stringify(json));
      maintenanceByDay.set(day, json.scheduled_maintenance.id);
    }
  }, 60_000); // ~110 admin writes, each refreshing every cached body

  const newest50 = (byDay: Map<number, string>) => Array.from({ length: 50 }, (_, i) => byDay.get(COUNT - 1 - i)!);

  it("incidents.json serves the 50 newest incidents by start, newest first", async () => {
    const { json } = await getJson("/api/v2/incidents.json");
    expect(json.incidents).toHaveLength(50);
    expect(json.incidents.map((i: Obj) => i.id)).toEqual(newest50(incidentByDay));
    expect(json.incidents.map((i: Obj) => i.id)).not.toContain(oldOpen);
  });

  it("an unresolved incident older than the window still shows as unresolved and in summary", async () => {
    const unresolved = (await getJson("/api/v2/incidents/unresolved.json")).json;
    expect(unresolved.incidents.map((i: Obj) => i.id)).toEqual([oldOpen]);
    const summary = (await getJson("/api/v2/summary.json")).json;
    expect(summary.incidents.map((i: Obj) => i.id)).toEqual([oldOpen]);
  });

  it("an incident outside the window is still served by id", async () => {
    const oldest = incidentByDay.get(0)!;
    const res = await call(`/api/v2/incidents/${oldest}.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Obj).incident.name).toBe("Incident 0");
  });

  it("scheduled-maintenances.json serves the 50 newest maintenances, newest first", async () => {
    const { json } = await getJson("/api/v2/scheduled-maintenances.json");
    expect(json.scheduled_maintenances).toHaveLength(50);
    expect(json.scheduled_maintenances.map((m: Obj) => m.id)).toEqual(newest50(maintenanceByDay));
  });
});
