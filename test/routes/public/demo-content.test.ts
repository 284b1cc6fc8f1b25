import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, seedDemo } from "../../helpers/fixtures";
import { PUBLIC_LIST_PATHS, adminJson, getJson } from "../../helpers/http";
import { ISO_MS, timestamps } from "./shape";

type Obj = Record<string, any>;

const PATHS = PUBLIC_LIST_PATHS;
const PLATFORM = ["CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"];

const incidents = async () => (await getJson("/api/v2/incidents.json")).json.incidents as Obj[];
const components = async () => (await getJson("/api/v2/components.json")).json.components as Obj[];
const byName = (list: Obj[], name: string) => list.find((e) => e.name === name)!;

describe("the Blip demo page through the public API", () => {
  beforeAll(async () => {
    await seedDemo();
  });

  it("is the Blip page in São Paulo time, all systems operational, nothing open", async () => {
    const { json } = await getJson("/api/v2/summary.json");
    expect(json.page.name).toBe("Blip");
    expect(json.page.time_zone).toBe("America/Sao_Paulo");
    expect(json.status).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect(json.incidents).toEqual([]);
    expect(json.scheduled_maintenances).toEqual([]);
  });

  it("writes every timestamp of every body with milliseconds and the -03:00 offset", async () => {
    const list = await incidents();
    const paths = [...PATHS, ...list.map((i) => `/api/v2/incidents/${i.id}.json`)];
    let count = 0;
    for (const path of paths) {
      const { json } = await getJson(path);
      for (const t of timestamps(json)) {
        expect(t.value, `${path} ${t.path}`).toMatch(ISO_MS);
        expect(t.value, `${path} ${t.path}`).toMatch(/-03:00$/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it("lists the two incidents newest first", async () => {
    expect((await incidents()).map((i) => i.name)).toEqual(["Desk and Portal inaccessible", "Degraded performance on the BLiP"]);
  });

  it("serves the November 2024 incident as published", async () => {
    const incident = byName(await incidents(), "Desk and Portal inaccessible");
    expect(incident).toMatchObject({
      impact: "major",
      status: "postmortem",
      started_at: "2024-11-14T06:45:00.000-03:00",
      monitoring_at: "2024-11-14T11:25:00.000-03:00",
      resolved_at: "2024-11-14T12:08:00.000-03:00",
      postmortem_body_last_updated_at: "2024-11-14T12:11:00.000-03:00",
    });
    expect(incident.postmortem_body).toMatch(/^\*\*Start Time:\*\* 14\/11\/2024/);
    expect(incident.postmortem_body).toContain("we recommend that you contact the CSM of your account");
    expect(incident.components.map((c: Obj) => c.name)).toEqual(["Desk", "Portal"]);
    const updates = incident.incident_updates as Obj[];
    expect(updates.map((u) => [u.status, u.display_at])).toEqual([
      ["resolved", "2024-11-14T12:08:00.000-03:00"],
      ["monitoring", "2024-11-14T11:25:00.000-03:00"],
      ["identified", "2024-11-14T10:38:00.000-03:00"],
      ["investigating", "2024-11-14T09:07:00.000-03:00"],
      ["investigating", "2024-11-14T08:57:00.000-03:00"],
      ["investigating", "2024-11-14T08:56:00.000-03:00"],
    ]);
    expect(updates[5]!.body).toBe(
      "We are currently experiencing low performance on Blip Portal. Impact: Slowness when using Blip Portal. Update: Our support team is actively working on it.",
    );
    expect(updates[0]!.body).toBe("The workaround in our environment has restored the functionality and usability of our platform.");
    expect(updates[3]!.affected_components.map((a: Obj) => [a.name, a.new_status])).toEqual([
      ["Desk", "partial_outage"],
      ["Portal", "partial_outage"],
    ]);
  });

  it("serves the same November 2024 incident by id", async () => {
    const incident = byName(await incidents(), "Desk and Portal inaccessible");
    const { json } = await getJson(`/api/v2/incidents/${incident.id}.json`);
    expect(json.incident).toEqual(incident);
  });

  it("serves the September 2021 incident with its updates at 11:22 and 12:20 (-03:00)", async () => {
    const incident = byName(await incidents(), "Degraded performance on the BLiP");
    expect(incident).toMatchObject({ status: "postmortem", started_at: "2021-09-13T11:12:00.000-03:00", resolved_at: "2021-09-13T12:20:00.000-03:00" });
    expect(incident.postmortem_body_last_updated_at).toBe("2021-09-21T14:34:00.000-03:00");
    expect(incident.postmortem_body).toContain("On 15/09/2021, Wednesday, we faced an unavailability on Blip");
    expect(incident.components.map((c: Obj) => c.name)).toEqual(PLATFORM);
    const updates = incident.incident_updates as Obj[];
    const shown = updates.map((u) => u.display_at);
    expect(shown).toContain("2021-09-13T11:22:00.000-03:00");
    expect(shown).toContain("2021-09-13T12:20:00.000-03:00");
    const first = updates.at(-1)!;
    expect(first.display_at).toBe("2021-09-13T11:22:00.000-03:00");
    expect(first.body).toBe("We are suffering a degradation in the performance of the BLiP platform, our technical team is already working on the case.");
    const identified = updates.find((u) => u.status === "identified")!;
    expect(identified.display_at).toBe("2021-09-13T12:20:00.000-03:00");
    expect(identified.body).toContain("disconnection from our Cache service");
  });

  it("groups the platform's six components under Take Blip Platform, Desk on its own", async () => {
    const list = await components();
    const group = byName(list, "Take Blip Platform");
    expect(group.group).toBe(true);
    expect(group.components).toEqual(PLATFORM.map((name) => byName(list, name).id));
    for (const name of PLATFORM) expect(byName(list, name)).toMatchObject({ group_id: group.id, group: false });
    expect(byName(list, "Desk")).toMatchObject({ group_id: null, group: false });
    expect(list.map((c) => c.name)).toEqual(["Desk", "Take Blip Platform", ...PLATFORM]);
  });

  it("leaves the postmortem keys out of summary.json incidents but not out of incidents.json", async () => {
    const opened = await createIncident({ name: "Webhooks delayed" });
    const summary = (await getJson("/api/v2/summary.json")).json;
    const inSummary = byName(summary.incidents, "Webhooks delayed");
    expect(inSummary).not.toHaveProperty("postmortem_body");
    expect(inSummary).not.toHaveProperty("postmortem_body_last_updated_at");
    const listed = (await incidents()).find((i) => i.id === opened.id)!;
    expect(listed).toHaveProperty("postmortem_body", null);
    expect(listed).toHaveProperty("postmortem_body_last_updated_at", null);
  });

  it("rolls the worst child status up to the group", async () => {
    const list = await components();
    const id = (name: string) => byName(list, name).id as string;
    const groupStatus = async () => byName(await components(), "Take Blip Platform").status;
    const set = async (name: string, status: string) => {
      const res = await adminJson("PATCH", `/components/${id(name)}`, { status });
      expect(res.status).toBe(200);
    };

    await set("CRM", "major_outage");
    expect(await groupStatus()).toBe("major_outage");
    const summary = (await getJson("/api/v2/summary.json")).json;
    expect(byName(summary.components, "Take Blip Platform").status).toBe("major_outage");
    expect(summary.status.indicator).toBe("major");

    await set("Core", "degraded_performance");
    expect(await groupStatus()).toBe("major_outage");
    await set("CRM", "operational");
    expect(await groupStatus()).toBe("degraded_performance");
    await set("Core", "operational");
    expect(await groupStatus()).toBe("operational");
  });
});
