import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { loadDemo, type DemoResult } from "../../src/demo/load";
import { countingEnv, dbFingerprint, NOW, seedDemo } from "../helpers/fixtures";

const PLATFORM = ["CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"];
const at = (iso: string) => Date.parse(iso);
const OLD = { name: "Degraded performance on the BLiP", startedAt: at("2021-09-13T14:12:00Z") };
const RECENT = { name: "Desk and Portal inaccessible", startedAt: at("2024-11-14T09:45:00Z") };

async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

/** Every table's content without the ids a rerun generates afresh (update ids, history row ids). */
// Generations and versions count writes, and an interrupted load that is finished later makes more of them.
const withoutCounters = ({ generation: _g, servable_from: _s, version: _v, ...row }: Record<string, unknown>) => row;

async function contentWithoutGeneratedIds() {
  return {
    pages: (await rows<Record<string, unknown>>("SELECT * FROM pages ORDER BY id")).map(withoutCounters),
    components: await rows("SELECT * FROM components ORDER BY id"),
    incidents: (await rows<Record<string, unknown>>("SELECT * FROM incidents ORDER BY id")).map(withoutCounters),
    updates: await rows(
      "SELECT incident_id, seq, status, body, display_at, deliver_notifications, created_at, updated_at FROM incident_updates ORDER BY incident_id, seq",
    ),
    transitions: await rows(
      `SELECT u.incident_id, u.seq, uc.component_id, uc.component_name, uc.old_status, uc.new_status
       FROM update_components uc JOIN incident_updates u ON u.id = uc.update_id ORDER BY u.incident_id, u.seq, uc.component_id`,
    ),
    affected: await rows("SELECT * FROM incident_components ORDER BY incident_id, component_id"),
    history: await rows(
      `SELECT h.page_id, h.component_id, h.from_status, h.to_status, h.changed_at, h.incident_id, u.seq, h.created_at
       FROM component_status_changes h LEFT JOIN incident_updates u ON u.id = h.update_id ORDER BY h.changed_at, h.component_id, h.from_status`,
    ),
  };
}

let first: DemoResult;

beforeAll(async () => {
  first = await seedDemo();
});

describe("the demo load", () => {
  it("creates the Blip page, its 8 components and 2 incidents with 3 and 6 updates and their postmortems", async () => {
    expect(first.created).toEqual({ pages: 1, components: 8, incidents: 2, updates: 9, templates: 7 });
    expect(await rows("SELECT name, time_zone FROM pages")).toEqual([{ name: "Blip", time_zone: "America/Sao_Paulo" }]);

    const components = await rows<{ id: string; name: string; is_group: number; group_id: string | null; status: string }>(
      "SELECT id, name, is_group, group_id, status FROM components WHERE page_id = ? AND deleted_at IS NULL ORDER BY group_id IS NOT NULL, position",
      first.page.id,
    );
    expect(components).toHaveLength(8);
    const group = components.find((c) => c.name === "Take Blip Platform")!;
    expect(group).toMatchObject({ is_group: 1, group_id: null });
    expect(components.find((c) => c.name === "Desk")).toMatchObject({ is_group: 0, group_id: null });
    expect(components.filter((c) => c.group_id === group.id).map((c) => c.name)).toEqual(PLATFORM);
    expect(components.every((c) => c.status === "operational")).toBe(true);

    const incidents = await rows<{
      id: string;
      name: string;
      started_at: number;
      status: string;
      resolved_at: number;
      postmortem_body: string | null;
      postmortem_published_at: number;
      updates: number;
    }>(`SELECT i.*, (SELECT COUNT(*) FROM incident_updates u WHERE u.incident_id = i.id) AS updates FROM incidents i ORDER BY started_at`);
    expect(incidents.map((i) => [i.name, i.started_at, i.updates, i.status])).toEqual([
      [OLD.name, OLD.startedAt, 3, "postmortem"],
      [RECENT.name, RECENT.startedAt, 6, "postmortem"],
    ]);
    expect(incidents.map((i) => i.resolved_at)).toEqual([at("2021-09-13T15:20:00Z"), at("2024-11-14T15:08:00Z")]);
    expect(incidents.map((i) => i.postmortem_published_at)).toEqual([at("2021-09-21T17:34:00Z"), at("2024-11-14T15:11:00Z")]);
    expect(incidents[0]!.postmortem_body).toMatch(/^Hi blipper!/);
    expect(incidents[1]!.postmortem_body).toContain("Root Cause Analysis");
  });

  it("records the seed's component transitions at the seed's times", async () => {
    const history = await rows<{ name: string; from_status: string; to_status: string; changed_at: number }>(
      `SELECT c.name, h.from_status, h.to_status, h.changed_at FROM component_status_changes h JOIN components c ON c.id = h.component_id
       WHERE h.changed_at >= ? ORDER BY h.changed_at, c.name`,
      at("2024-01-01T00:00:00Z"),
    );
    const row = (name: string, from: string, to: string, iso: string) => ({ name, from_status: from, to_status: to, changed_at: at(iso) });
    expect(history).toEqual([
      row("Portal", "operational", "degraded_performance", "2024-11-14T11:56:00Z"),
      row("Desk", "operational", "partial_outage", "2024-11-14T12:07:00Z"),
      row("Portal", "degraded_performance", "partial_outage", "2024-11-14T12:07:00Z"),
      row("Desk", "partial_outage", "operational", "2024-11-14T15:08:00Z"),
      row("Portal", "partial_outage", "operational", "2024-11-14T15:08:00Z"),
    ]);

    const old = await rows<{ name: string; to_status: string; changed_at: number }>(
      `SELECT c.name, h.to_status, h.changed_at FROM component_status_changes h JOIN components c ON c.id = h.component_id
       WHERE h.changed_at < ? ORDER BY h.changed_at, c.name`,
      at("2024-01-01T00:00:00Z"),
    );
    const platform = [...PLATFORM].sort();
    expect(old).toEqual([
      ...platform.map((name) => ({ name, to_status: "degraded_performance", changed_at: at("2021-09-13T14:22:00Z") })),
      ...platform.map((name) => ({ name, to_status: "operational", changed_at: at("2021-09-13T15:20:00Z") })),
    ]);
  });

  it("writes nothing, to D1 or KV, when run a second time", async () => {
    const before = await dbFingerprint();
    const counting = countingEnv();
    const again = await loadDemo(createDb(counting.env.DB), counting.env.CACHE, NOW + 60_000);
    expect(again.created).toEqual({ pages: 0, components: 0, incidents: 0, updates: 0, templates: 0 });
    expect(again.page.id).toBe(first.page.id);
    expect(await dbFingerprint()).toBe(before);
    expect(counting.kvWrites()).toBe(0);
  });

  it("completes an interrupted load on a rerun, without duplicates", async () => {
    const complete = await contentWithoutGeneratedIds();
    const [incident] = await rows<{ id: string }>("SELECT id FROM incidents WHERE name = ?", RECENT.name);
    const id = incident!.id;

    // The load stopped after the 2024 incident's fourth update: no monitoring, resolution or postmortem yet.
    await env.DB.batch([
      env.DB.prepare("DELETE FROM component_status_changes WHERE update_id IN (SELECT id FROM incident_updates WHERE incident_id = ? AND seq > 4)").bind(id),
      env.DB.prepare("DELETE FROM incident_updates WHERE incident_id = ? AND seq > 4").bind(id),
      env.DB.prepare("UPDATE components SET status = 'partial_outage' WHERE page_id = ? AND name IN ('Desk', 'Portal')").bind(first.page.id),
      env.DB.prepare(
        `UPDATE incidents SET status = 'identified', monitoring_at = NULL, resolved_at = NULL, postmortem_body = NULL,
         postmortem_published_at = NULL, postmortem_updated_at = NULL, last_update_seq = 4 WHERE id = ?`,
      ).bind(id),
    ]);
    expect(await rows("SELECT seq FROM incident_updates WHERE incident_id = ? ORDER BY seq", id)).toEqual([1, 2, 3, 4].map((seq) => ({ seq })));

    const rerun = await seedDemo();

    expect(rerun.created).toEqual({ pages: 0, components: 0, incidents: 0, updates: 2, templates: 0 });
    expect(await contentWithoutGeneratedIds()).toEqual(complete);
    expect(await rows("SELECT seq, status FROM incident_updates WHERE incident_id = ? ORDER BY seq", id)).toEqual(
      ["investigating", "investigating", "investigating", "identified", "monitoring", "resolved"].map((status, i) => ({ seq: i + 1, status })),
    );
  });

  it("speaks English and offers Portuguese; a demo page loaded before pages had languages gets them once, then nothing is written", async () => {
    const languages = async () => JSON.parse((await rows<{ settings: string }>("SELECT settings FROM pages WHERE id = ?", first.page.id))[0]!.settings);
    expect(await languages()).toMatchObject({ locale: "en", locales: ["en", "pt-BR"] });
    await env.DB.prepare("UPDATE pages SET settings = '{}' WHERE id = ?").bind(first.page.id).run();
    await seedDemo(NOW + 120_000);
    expect(await languages()).toMatchObject({ locale: "en", locales: ["en", "pt-BR"] });
    const before = await dbFingerprint();
    await seedDemo(NOW + 180_000);
    expect(await dbFingerprint()).toBe(before);
  });
});
