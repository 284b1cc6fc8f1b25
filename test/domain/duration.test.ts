import { describe, expect, it } from "vitest";
import { duration, humanDuration } from "../../src/domain/duration";
import { at } from "./factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("duration", () => {
  it("measures a finished span from start to end", () => {
    const d = duration(at("2024-11-14T09:45:00Z"), at("2024-11-14T15:08:00Z"), at("2030-01-01T00:00:00Z"));
    expect(d).toEqual({ ms: 5 * HOUR + 23 * MINUTE, clamped: false, ongoing: false });
  });

  it("measures an ongoing span up to now", () => {
    const d = duration(at("2024-11-14T09:45:00Z"), null, at("2024-11-14T11:55:00Z"));
    expect(d).toEqual({ ms: 2 * HOUR + 10 * MINUTE, clamped: false, ongoing: true });
  });

  it("is never negative: an end before the start gives 0 and says it clamped", () => {
    const d = duration(at("2024-11-14T15:00:00Z"), at("2024-11-14T14:00:00Z"), at("2024-11-14T16:00:00Z"));
    expect(d).toEqual({ ms: 0, clamped: true, ongoing: false });
  });

  it("clamps an ongoing span whose start is after now", () => {
    const d = duration(at("2024-11-14T15:00:00Z"), null, at("2024-11-14T14:59:00Z"));
    expect(d).toEqual({ ms: 0, clamped: true, ongoing: true });
  });

  it("does not flag a zero-length span as clamped", () => {
    const t = at("2024-11-14T15:00:00Z");
    expect(duration(t, t, t + HOUR)).toEqual({ ms: 0, clamped: false, ongoing: false });
  });
});

describe("humanDuration", () => {
  it.each([
    [5 * HOUR + 23 * MINUTE, "5h 23m"],
    [47 * MINUTE, "47m"],
    [2 * DAY + 3 * HOUR, "2d 3h"],
    [2 * DAY, "2d"],
    [5 * HOUR, "5h"],
    [MINUTE, "1m"],
    [HOUR, "1h"],
    [DAY, "1d"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it("says less than a minute below one minute", () => {
    expect(humanDuration(0)).toBe("less than a minute");
    expect(humanDuration(59_999)).toBe("less than a minute");
  });

  it("rounds down to the minute", () => {
    expect(humanDuration(47 * MINUTE + 59_999)).toBe("47m");
    expect(humanDuration(HOUR - 1)).toBe("59m");
  });

  it("drops minutes once a span reaches a day", () => {
    expect(humanDuration(2 * DAY + 3 * HOUR + 59 * MINUTE)).toBe("2d 3h");
    expect(humanDuration(2 * DAY + 59 * MINUTE)).toBe("2d");
  });

  it("never shows a negative duration", () => {
    expect(humanDuration(-5 * HOUR)).toBe("less than a minute");
  });
});
