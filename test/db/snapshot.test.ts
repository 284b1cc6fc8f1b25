import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { loadSnapshot, RECENT_LIMIT } from "../../src/db/queries/snapshot";
import { countingEnv } from "../helpers/fixtures";
import { db, HOUR, insertComponent, insertEvent, insertPage } from "./rows";

const BASE = Date.parse("2025-01-01T00:00:00Z");

/** D1 statements one loadSnapshot of `pageId` prepares. */
async function statementsFor(pageId: string): Promise<number> {
  const counting = countingEnv();
  await loadSnapshot(createDb(counting.env.DB), pageId);
  return counting.d1();
}

describe("loadSnapshot", () => {
  it("prepares the same number of D1 statements for 1 incident as for 30 with several updates each", async () => {
    const small = await insertPage("Small");
    const smallComponent = await insertComponent(small, "API");
    await insertEvent(small, {
      status: "resolved",
      startedAt: BASE,
      updates: [{ displayAt: BASE, transitions: [{ componentId: smallComponent, from: "operational", to: "major_outage" }] }],
    });

    const large = await insertPage("Large");
    const api = await insertComponent(large, "API");
    const web = await insertComponent(large, "Web", { position: 2 });
    for (let i = 0; i < 30; i++) {
      const startedAt = BASE + i * HOUR;
      await insertEvent(large, {
        status: i % 3 === 0 ? "investigating" : "resolved",
        startedAt,
        updates: [
          { displayAt: startedAt, transitions: [{ componentId: api, from: "operational", to: "partial_outage" }] },
          { displayAt: startedAt + 1, transitions: [{ componentId: web, from: "operational", to: "degraded_performance" }] },
          {
            displayAt: startedAt + 2,
            transitions: [
              { componentId: api, from: "partial_outage", to: "operational" },
              { componentId: web, from: "degraded_performance", to: "operational" },
            ],
          },
          { displayAt: startedAt + 3 },
        ],
      });
    }

    const loaded = (await loadSnapshot(db, large))!;
    expect(loaded.events).toHaveLength(30);
    expect(loaded.events.flatMap((e) => e.updates)).toHaveLength(120);
    expect(loaded.events.flatMap((e) => [...e.transitions.values()].flat())).toHaveLength(120);

    const one = await statementsFor(small);
    expect(one).toBeGreaterThan(0);
    expect(await statementsFor(large)).toBe(one);
  });

  it("returns the 50 most recent incidents plus every open one, however old", async () => {
    const pageId = await insertPage("Window");
    const openOld = await insertEvent(pageId, { status: "monitoring", startedAt: BASE - 1000 * HOUR });
    const identifiedOld = await insertEvent(pageId, { status: "identified", startedAt: BASE - 900 * HOUR });
    const resolved: string[] = [];
    for (let i = 0; i < 55; i++) resolved.push((await insertEvent(pageId, { status: i % 2 ? "postmortem" : "resolved", startedAt: BASE + i * HOUR })).id);
    // Maintenances have their own window: fifty-five newer incidents do not push this one out.
    const maintenance = await insertEvent(pageId, { kind: "maintenance", status: "completed", startedAt: BASE - 2000 * HOUR });

    const snapshot = (await loadSnapshot(db, pageId))!;
    const ids = new Set(snapshot.events.map((e) => e.row.id));
    const recent = resolved.slice(-RECENT_LIMIT);
    const tooOld = resolved.slice(0, resolved.length - RECENT_LIMIT);

    expect(RECENT_LIMIT).toBe(50);
    expect(recent.every((id) => ids.has(id))).toBe(true);
    expect(tooOld.some((id) => ids.has(id))).toBe(false);
    expect(ids.has(openOld.id)).toBe(true);
    expect(ids.has(identifiedOld.id)).toBe(true);
    expect(ids.has(maintenance.id)).toBe(true);
    expect(snapshot.events).toHaveLength(RECENT_LIMIT + 3);
  });

  it("orders each event's updates newest first by posting order, even when display times are back-dated", async () => {
    const pageId = await insertPage("Order");
    // Seq 3 is shown as the earliest: a back-dated correction.
    const { id, updateIds } = await insertEvent(pageId, {
      status: "identified",
      startedAt: BASE,
      updates: [{ displayAt: BASE + 2 * HOUR }, { displayAt: BASE + 3 * HOUR }, { displayAt: BASE + HOUR }],
    });
    await insertEvent(pageId, { status: "resolved", startedAt: BASE + 10 * HOUR, updates: [{ displayAt: BASE + 10 * HOUR }, { displayAt: BASE + 11 * HOUR }] });

    const record = (await loadSnapshot(db, pageId))!.events.find((e) => e.row.id === id)!;
    expect(record.updates.map((u) => u.seq)).toEqual([3, 2, 1]);
    expect(record.updates.map((u) => u.id)).toEqual([...updateIds].reverse());
    expect(record.updates.every((u) => u.incidentId === id)).toBe(true);
  });

  it("groups transitions by the update that made them and keeps other events' transitions apart", async () => {
    const pageId = await insertPage("Transitions");
    const api = await insertComponent(pageId, "API");
    const web = await insertComponent(pageId, "Web", { position: 2 });
    const { id, updateIds } = await insertEvent(pageId, {
      status: "resolved",
      startedAt: BASE,
      updates: [
        {
          displayAt: BASE,
          transitions: [
            { componentId: api, from: "operational", to: "major_outage" },
            { componentId: web, from: "operational", to: "partial_outage" },
          ],
        },
        { displayAt: BASE + 1 },
        { displayAt: BASE + 2, transitions: [{ componentId: api, from: "major_outage", to: "operational" }] },
      ],
    });
    const other = await insertEvent(pageId, {
      status: "investigating",
      startedAt: BASE + HOUR,
      updates: [{ displayAt: BASE + HOUR, transitions: [{ componentId: web, from: "operational", to: "degraded_performance" }] }],
    });

    const snapshot = (await loadSnapshot(db, pageId))!;
    const record = snapshot.events.find((e) => e.row.id === id)!;
    const [first, second, third] = updateIds as [string, string, string];
    expect([...record.transitions.keys()].sort()).toEqual([first, third].sort());
    expect(
      record.transitions
        .get(first)!
        .map((t) => [t.componentId, t.oldStatus, t.newStatus])
        .sort(),
    ).toEqual(
      [
        [api, "operational", "major_outage"],
        [web, "operational", "partial_outage"],
      ].sort(),
    );
    expect(record.transitions.get(second)).toBeUndefined();
    expect(record.transitions.get(third)!.map((t) => [t.componentId, t.newStatus])).toEqual([[api, "operational"]]);
    expect(record.componentIds.sort()).toEqual([api, web].sort());

    const otherRecord = snapshot.events.find((e) => e.row.id === other.id)!;
    expect([...otherRecord.transitions.keys()]).toEqual(other.updateIds);
    expect(otherRecord.componentIds).toEqual([web]);
  });

  it("leaves out deleted components and other pages' components, in position order", async () => {
    const pageId = await insertPage("Components");
    const second = await insertComponent(pageId, "Second", { position: 2 });
    const first = await insertComponent(pageId, "First", { position: 1 });
    await insertComponent(pageId, "Gone", { position: 3, deletedAt: BASE });
    const elsewhere = await insertPage("Elsewhere");
    await insertComponent(elsewhere, "Foreign");

    const snapshot = (await loadSnapshot(db, pageId))!;
    expect(snapshot.components.map((c) => c.id)).toEqual([first, second]);
  });

  it("narrows to one event with `only`, even one outside the recent window, and never to another page's event", async () => {
    const pageId = await insertPage("Only");
    const old = await insertEvent(pageId, {
      status: "resolved",
      startedAt: BASE - 5000 * HOUR,
      updates: [{ displayAt: BASE - 5000 * HOUR }, { displayAt: BASE - 4999 * HOUR }],
    });
    for (let i = 0; i < RECENT_LIMIT; i++) await insertEvent(pageId, { status: "resolved", startedAt: BASE + i * HOUR });
    await insertEvent(pageId, { status: "investigating", startedAt: BASE });
    const otherPage = await insertPage("Other");
    const foreign = await insertEvent(otherPage, { status: "investigating", startedAt: BASE });

    expect((await loadSnapshot(db, pageId))!.events.some((e) => e.row.id === old.id)).toBe(false);

    const only = (await loadSnapshot(db, pageId, old.id))!;
    expect(only.page.id).toBe(pageId);
    expect(only.events.map((e) => e.row.id)).toEqual([old.id]);
    expect(only.events[0]!.updates.map((u) => u.id)).toEqual([...old.updateIds].reverse());

    const cross = (await loadSnapshot(db, pageId, foreign.id))!;
    expect(cross.events).toEqual([]);
  });

  it("answers null for a page that does not exist", async () => {
    expect(await loadSnapshot(db, "nosuchpage00")).toBeNull();
  });
});
