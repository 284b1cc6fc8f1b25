import { describe, expect, it } from "vitest";
import { CLOCK_SKEW_MS, EARLIEST_TIME_MS, PLAN_HORIZON_MS, checkOrder, checkTime, checkTimes, clockAhead } from "../../src/domain/time-bounds";

const NOW = Date.parse("2021-09-15T13:50:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

describe("checkTime", () => {
  it("has its bounds where the API documents them: 2000-01-01, 5 minutes, 180 days", () => {
    expect(new Date(EARLIEST_TIME_MS).toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(CLOCK_SKEW_MS).toBe(5 * MINUTE);
    expect(PLAN_HORIZON_MS).toBe(180 * DAY);
  });

  it("accepts a past event up to 5 minutes ahead of now, and refuses one a millisecond later", () => {
    expect(checkTime({ field: "body.display_at", at: NOW + CLOCK_SKEW_MS, kind: "past" }, NOW)).toBeNull();
    expect(checkTime({ field: "body.display_at", at: NOW + CLOCK_SKEW_MS + 1, kind: "past" }, NOW)).toMatchObject({
      code: "timestamp_in_future",
      field: "body.display_at",
      message: expect.stringContaining("5 minutes"),
    });
  });

  it("refuses the seed's clock, a year ahead, for an event but also for a plan", () => {
    expect(checkTime({ field: "body.started_at", at: NOW + YEAR, kind: "past" }, NOW)?.code).toBe("timestamp_in_future");
    const plan = checkTime({ field: "body.scheduled_for", at: NOW + YEAR, kind: "plan" }, NOW);
    expect(plan).toMatchObject({ code: "timestamp_in_future", field: "body.scheduled_for", message: expect.stringContaining("180 days") });
  });

  it("accepts a plan up to 180 days ahead", () => {
    expect(checkTime({ field: "body.scheduled_for", at: NOW + PLAN_HORIZON_MS, kind: "plan" }, NOW)).toBeNull();
    expect(checkTime({ field: "body.scheduled_for", at: NOW + DAY, kind: "plan" }, NOW)).toBeNull();
    expect(checkTime({ field: "body.scheduled_for", at: NOW + PLAN_HORIZON_MS + 1, kind: "plan" }, NOW)?.code).toBe("timestamp_in_future");
  });

  it("refuses anything before 2000 as out of range, for events and plans alike, and accepts 2000-01-01 itself", () => {
    for (const kind of ["past", "plan"] as const) {
      expect(checkTime({ field: "f", at: EARLIEST_TIME_MS, kind }, NOW)).toBeNull();
      expect(checkTime({ field: "f", at: EARLIEST_TIME_MS - 1, kind }, NOW)).toMatchObject({
        code: "timestamp_out_of_range",
        message: expect.stringContaining("2000-01-01"),
      });
      expect(checkTime({ field: "f", at: 0, kind }, NOW)?.code).toBe("timestamp_out_of_range");
    }
  });

  it("accepts any back-dated event within the bounds, and an absent time", () => {
    expect(checkTime({ field: "f", at: NOW - 20 * YEAR, kind: "past" }, NOW)).toBeNull();
    expect(checkTime({ field: "f", at: NOW - 1, kind: "past" }, NOW)).toBeNull();
    expect(checkTime({ field: "f", at: undefined, kind: "past" }, NOW)).toBeNull();
  });

  it("judges against the `now` it is given, never the machine's clock", () => {
    const tomorrow = NOW + DAY;
    expect(checkTime({ field: "f", at: tomorrow, kind: "past" }, NOW)?.code).toBe("timestamp_in_future");
    expect(checkTime({ field: "f", at: tomorrow, kind: "past" }, tomorrow)).toBeNull();
  });

  it("checkTimes reports every failing field, in order", () => {
    const found = checkTimes(
      [
        { field: "body.started_at", at: NOW + YEAR, kind: "past" },
        { field: "body.display_at", at: NOW, kind: "past" },
        { field: "body.published_at", at: 1_000, kind: "past" },
      ],
      NOW,
    );
    expect(found.map((v) => [v.field, v.code])).toEqual([
      ["body.started_at", "timestamp_in_future"],
      ["body.published_at", "timestamp_out_of_range"],
    ]);
  });
});

describe("checkOrder", () => {
  it("refuses a later time before the earlier one, and allows equal times", () => {
    expect(checkOrder("body.display_at", NOW - 1, NOW, "before the start")).toEqual({
      code: "timestamp_order",
      field: "body.display_at",
      message: "before the start",
    });
    expect(checkOrder("body.display_at", NOW, NOW, "before the start")).toBeNull();
    expect(checkOrder("body.display_at", NOW + 1, NOW, "before the start")).toBeNull();
  });
});

describe("clockAhead", () => {
  const header = (ms: number) => new Date(ms).toUTCString();

  it("flags a Date header more than 5 minutes ahead", () => {
    expect(clockAhead(header(NOW + YEAR), NOW)).toBe(true);
    expect(clockAhead(header(NOW + 6 * MINUTE), NOW)).toBe(true);
  });

  it("lets through a Date header within 5 minutes, any past one, an absent one and an unparseable one", () => {
    expect(clockAhead(header(NOW + 4 * MINUTE), NOW)).toBe(false);
    expect(clockAhead(header(NOW - YEAR), NOW)).toBe(false);
    expect(clockAhead(undefined, NOW)).toBe(false);
    expect(clockAhead("", NOW)).toBe(false);
    expect(clockAhead("tomorrow at noon", NOW)).toBe(false);
  });
});
