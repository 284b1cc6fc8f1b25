import { describe, expect, it } from "vitest";
import { pageStats, windowStats, type IncidentFacts } from "../../src/domain/stats";
import { at } from "./factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = at("2026-11-22T12:00:00Z");

const incident = (daysAgo: number, hours: number | null, componentIds: string[] = []): IncidentFacts => ({
  startedAt: now - daysAgo * DAY,
  durationMs: hours === null ? null : hours * HOUR,
  componentIds,
});

describe("windowStats", () => {
  it("counts incidents that started in the window and averages the resolved ones", () => {
    const facts = [incident(2, 1), incident(10, 3), incident(45, 10)];
    expect(windowStats(facts, now, 30)).toEqual({ days: 30, incidents: 2, resolved: 2, mttrMs: 2 * HOUR });
    expect(windowStats(facts, now, 90)).toEqual({ days: 90, incidents: 3, resolved: 3, mttrMs: (14 / 3) * HOUR });
  });

  it("counts an open incident but leaves it out of the mean time to resolve", () => {
    expect(windowStats([incident(1, null), incident(3, 2)], now, 30)).toEqual({ days: 30, incidents: 2, resolved: 1, mttrMs: 2 * HOUR });
  });

  it("has no MTTR when nothing resolved, rather than 0", () => {
    expect(windowStats([incident(1, null)], now, 30).mttrMs).toBeNull();
    expect(windowStats([], now, 30)).toEqual({ days: 30, incidents: 0, resolved: 0, mttrMs: null });
  });

  it("puts an incident that started exactly 30 days ago outside the 30-day window, and one a minute later inside", () => {
    expect(windowStats([incident(30, 1)], now, 30).incidents).toBe(0);
    expect(windowStats([{ ...incident(30, 1), startedAt: now - 30 * DAY + 60_000 }], now, 30).incidents).toBe(1);
  });

  it("ignores incidents that start after now and never lets a negative duration lower the mean", () => {
    expect(windowStats([incident(-1, 1)], now, 30).incidents).toBe(0);
    expect(windowStats([{ ...incident(1, 1), durationMs: -HOUR }, incident(2, 2)], now, 30).mttrMs).toBe(HOUR);
  });
});

describe("pageStats", () => {
  it("gives each component the stats of the incidents that affected it, for 30 and 90 days", () => {
    const facts = [incident(2, 1, ["desk"]), incident(40, 5, ["desk", "portal"]), incident(5, 2, [])];
    const stats = pageStats(facts, ["desk", "portal", "crm"], now);
    expect(stats.page.map((w) => [w.days, w.incidents])).toEqual([
      [30, 2],
      [90, 3],
    ]);
    expect(stats.components.get("desk")!.map((w) => [w.incidents, w.mttrMs])).toEqual([
      [1, HOUR],
      [2, 3 * HOUR],
    ]);
    expect(stats.components.get("portal")!.map((w) => w.incidents)).toEqual([0, 1]);
    expect(stats.components.get("crm")!.map((w) => w.incidents)).toEqual([0, 0]);
  });
});
