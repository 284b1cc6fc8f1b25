import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "../../src/domain/statuses";
import { localDay, startOfLocalDay } from "../../src/domain/time";
import { type DayWindow, dayWindows, formatUptime, type StatusChange, type UptimeDay, uptimeDays, uptimeRatio } from "../../src/domain/uptime";
import { at } from "./factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SAO_PAULO = "America/Sao_Paulo";
const BERLIN = "Europe/Berlin";

/** 09:00 on Thursday Nov 14, 2024 in São Paulo (UTC-3 all year since 2019). */
const NOW = at("2024-11-14T12:00:00Z");

const change = (iso: string, fromStatus: ComponentStatus, toStatus: ComponentStatus): StatusChange => ({ changedAt: at(iso), fromStatus, toStatus });

function days(changes: StatusChange[], options: { currentStatus?: ComponentStatus; since?: number; now?: number; windows?: DayWindow[] } = {}): UptimeDay[] {
  const now = options.now ?? NOW;
  return uptimeDays({
    changes,
    currentStatus: options.currentStatus ?? "operational",
    since: options.since ?? at("2020-01-01T00:00:00Z"),
    now,
    windows: options.windows ?? dayWindows(now, SAO_PAULO, 3),
  });
}

const byDay = (list: UptimeDay[]) => new Map(list.map((d) => [d.day, d]));
const byWindow = (list: DayWindow[]) => new Map(list.map((w) => [w.day, w]));

describe("dayWindows", () => {
  it("cuts days at local midnight in the page's zone, oldest first, ending today", () => {
    const windows = dayWindows(NOW, SAO_PAULO, 3);
    expect(windows).toEqual([
      { day: "2024-11-12", dayStart: at("2024-11-12T03:00:00Z"), dayEnd: at("2024-11-13T03:00:00Z") },
      { day: "2024-11-13", dayStart: at("2024-11-13T03:00:00Z"), dayEnd: at("2024-11-14T03:00:00Z") },
      { day: "2024-11-14", dayStart: at("2024-11-14T03:00:00Z"), dayEnd: at("2024-11-15T03:00:00Z") },
    ]);
  });

  it("takes today from the page's zone, not from UTC", () => {
    // 01:00 UTC on the 15th is still 22:00 on the 14th in São Paulo.
    expect(dayWindows(at("2024-11-15T01:00:00Z"), SAO_PAULO, 1)[0]!.day).toBe("2024-11-14");
    expect(dayWindows(at("2024-11-15T01:00:00Z"), "Etc/UTC", 1)[0]!.day).toBe("2024-11-15");
  });

  it("gives 90 contiguous days by default", () => {
    const windows = dayWindows(NOW, SAO_PAULO);
    expect(windows).toHaveLength(90);
    expect(windows[0]!.day).toBe("2024-08-17");
    expect(windows[89]!.day).toBe("2024-11-14");
    windows.slice(1).forEach((w, i) => expect(w.dayStart).toBe(windows[i]!.dayEnd));
  });

  it("makes the day of the spring change 23 hours long and the autumn one 25 (Europe/Berlin)", () => {
    const spring = byWindow(dayWindows(at("2024-04-01T12:00:00Z"), BERLIN, 3));
    expect(spring.get("2024-03-31")).toEqual({ day: "2024-03-31", dayStart: at("2024-03-30T23:00:00Z"), dayEnd: at("2024-03-31T22:00:00Z") });
    expect(spring.get("2024-03-30")!.dayEnd - spring.get("2024-03-30")!.dayStart).toBe(DAY);
    const autumn = byWindow(dayWindows(at("2024-10-28T12:00:00Z"), BERLIN, 3));
    expect(autumn.get("2024-10-27")).toEqual({ day: "2024-10-27", dayStart: at("2024-10-26T22:00:00Z"), dayEnd: at("2024-10-27T23:00:00Z") });
  });

  it("starts a day at its first instant where the clocks spring forward at midnight (America/Santiago)", () => {
    // 00:00 on Sep 8, 2024 never happened in Chile: the day began at 01:00 -03, 04:00 UTC.
    const chile = byWindow(dayWindows(at("2024-09-09T15:00:00Z"), "America/Santiago", 3));
    expect(chile.get("2024-09-07")).toEqual({ day: "2024-09-07", dayStart: at("2024-09-07T04:00:00Z"), dayEnd: at("2024-09-08T04:00:00Z") });
    expect(chile.get("2024-09-08")).toEqual({ day: "2024-09-08", dayStart: at("2024-09-08T04:00:00Z"), dayEnd: at("2024-09-09T03:00:00Z") });
  });

  it.each([
    [SAO_PAULO, "2024-11-20T12:00:00Z"],
    [BERLIN, "2024-04-05T12:00:00Z"],
    [BERLIN, "2024-10-31T12:00:00Z"],
    ["America/Santiago", "2024-09-12T15:00:00Z"],
    ["America/Santiago", "2024-04-10T15:00:00Z"],
  ])("in %s around a change of offset (now %s), each window holds exactly the instants of its local day", (zone, now) => {
    for (const w of dayWindows(at(now), zone, 10)) {
      expect(localDay(w.dayStart, zone), `${w.day} starts inside it`).toBe(w.day);
      expect(localDay(w.dayStart - 1, zone), `${w.day}: the instant before belongs to the day before`).not.toBe(w.day);
      expect(localDay(w.dayEnd - 1, zone), `${w.day} ends inside it`).toBe(w.day);
    }
  });
});

describe("uptimeDays", () => {
  it("takes the status before the loaded changes from statusBefore, not from the first change's old status", () => {
    // A back-dated change recorded after a later one names the later status as its old one.
    const result = byDay(
      uptimeDays({
        changes: [change("2024-11-13T12:00:00Z", "partial_outage", "major_outage")],
        statusBefore: "operational",
        currentStatus: "major_outage",
        since: at("2020-01-01T00:00:00Z"),
        now: NOW,
        windows: dayWindows(NOW, SAO_PAULO, 3),
      }),
    );
    expect(result.get("2024-11-12")).toMatchObject({ partialMs: 0, majorMs: 0, worst: "operational" });
    expect(result.get("2024-11-13")).toMatchObject({ partialMs: 0, majorMs: 15 * HOUR, worst: "major_outage" });
  });

  it("lets each change's new status hold until the next, whatever the next one says it came from", () => {
    const result = byDay(
      days([
        change("2024-11-13T13:00:00Z", "operational", "major_outage"),
        change("2024-11-13T15:00:00Z", "operational", "partial_outage"),
        change("2024-11-13T16:00:00Z", "partial_outage", "major_outage"),
        change("2024-11-13T17:00:00Z", "major_outage", "operational"),
      ]),
    );
    expect(result.get("2024-11-13")).toMatchObject({ majorMs: 3 * HOUR, partialMs: HOUR });
  });

  it("puts an outage from 00:00 to 03:00 UTC on the previous local day in São Paulo", () => {
    const result = byDay(days([change("2024-11-14T00:00:00Z", "operational", "major_outage"), change("2024-11-14T03:00:00Z", "major_outage", "operational")]));
    expect(result.get("2024-11-13")).toMatchObject({ majorMs: 3 * HOUR, downtimeMs: 3 * HOUR, worst: "major_outage" });
    expect(result.get("2024-11-14")).toMatchObject({ majorMs: 0, downtimeMs: 0, worst: "operational" });
  });

  it("splits an outage from 02:00 to 04:00 UTC at local midnight (03:00 UTC in São Paulo)", () => {
    const result = byDay(days([change("2024-11-14T02:00:00Z", "operational", "major_outage"), change("2024-11-14T04:00:00Z", "major_outage", "operational")]));
    expect(result.get("2024-11-13")).toMatchObject({ majorMs: HOUR, worst: "major_outage" });
    expect(result.get("2024-11-14")).toMatchObject({ majorMs: HOUR, worst: "major_outage" });
  });

  it("counts major minutes fully and partial minutes at 0.3; degraded and maintenance do not count", () => {
    const result = days([
      change("2024-11-13T06:00:00Z", "operational", "major_outage"),
      change("2024-11-13T07:00:00Z", "major_outage", "partial_outage"),
      change("2024-11-13T09:00:00Z", "partial_outage", "degraded_performance"),
      change("2024-11-13T12:00:00Z", "degraded_performance", "under_maintenance"),
      change("2024-11-13T12:30:00Z", "under_maintenance", "operational"),
    ]);
    const day = byDay(result).get("2024-11-13")!;
    expect(day).toMatchObject({ observedMs: DAY, majorMs: HOUR, partialMs: 2 * HOUR, degradedMs: 3 * HOUR, maintenanceMs: 30 * MINUTE, worst: "major_outage" });
    expect(day.downtimeMs).toBeCloseTo(HOUR + 0.3 * 2 * HOUR, 6);
    // Three days observed: two whole ones and today up to 09:00 local.
    expect(uptimeRatio(result)).toBeCloseTo(1 - 1.6 / (24 + 24 + 9), 12);
  });

  it("shows a degraded day as degraded but with no downtime (100.00 %)", () => {
    const result = days([
      change("2024-11-13T06:00:00Z", "operational", "degraded_performance"),
      change("2024-11-13T18:00:00Z", "degraded_performance", "operational"),
    ]);
    expect(byDay(result).get("2024-11-13")).toMatchObject({ degradedMs: 12 * HOUR, downtimeMs: 0, worst: "degraded_performance" });
    expect(formatUptime(uptimeRatio(result))).toBe("100.00 %");
  });

  it("measures the 23-hour spring-change day in Berlin as 23 hours", () => {
    const windows = dayWindows(at("2024-04-01T12:00:00Z"), BERLIN, 3);
    const result = days([change("2024-03-30T23:00:00Z", "operational", "major_outage"), change("2024-03-31T22:00:00Z", "major_outage", "operational")], {
      now: at("2024-04-01T12:00:00Z"),
      windows,
    });
    const day = byDay(result).get("2024-03-31")!;
    expect(day).toMatchObject({ observedMs: 23 * HOUR, majorMs: 23 * HOUR, downtimeMs: 23 * HOUR, worst: "major_outage" });
    expect(byDay(result).get("2024-03-30")).toMatchObject({ majorMs: 0, worst: "operational" });
    expect(byDay(result).get("2024-04-01")).toMatchObject({ majorMs: 0, worst: "operational" });
    expect(uptimeRatio([day])).toBe(0);
  });

  it("clips today at now: nothing after now is observed", () => {
    const today = byDay(days([change("2024-11-14T09:00:00Z", "operational", "major_outage")], { currentStatus: "major_outage" })).get("2024-11-14")!;
    // Local midnight is 03:00 UTC; now is 12:00 UTC.
    expect(today).toMatchObject({ observedMs: 9 * HOUR, majorMs: 3 * HOUR, downtimeMs: 3 * HOUR, worst: "major_outage" });
    expect(uptimeRatio([today])).toBeCloseTo(1 - 3 / 9, 12);
  });

  it("leaves days before the start date unobserved (worst null) and out of the ratio", () => {
    const windows = dayWindows(NOW, SAO_PAULO, 5);
    const since = startOfLocalDay("2024-11-14", SAO_PAULO);
    const result = days([change("2024-11-14T04:00:00Z", "operational", "major_outage"), change("2024-11-14T05:00:00Z", "major_outage", "operational")], {
      since,
      windows,
    });
    expect(result.map((d) => d.worst)).toEqual([null, null, null, null, "major_outage"]);
    for (const d of result.slice(0, 4)) expect(d).toMatchObject({ observedMs: 0, downtimeMs: 0 });
    // One hour down out of nine observed, not out of four and a half days.
    expect(uptimeRatio(result)).toBeCloseTo(1 - 1 / 9, 12);
  });

  it("starts counting mid-day when the start falls inside a day", () => {
    const since = at("2024-11-13T15:00:00Z"); // noon local
    const result = byDay(days([], { since, currentStatus: "partial_outage" }));
    expect(result.get("2024-11-12")).toMatchObject({ observedMs: 0, worst: null });
    expect(result.get("2024-11-13")).toMatchObject({ observedMs: 12 * HOUR, partialMs: 12 * HOUR, worst: "partial_outage" });
    expect(result.get("2024-11-13")!.downtimeMs).toBeCloseTo(0.3 * 12 * HOUR, 6);
  });

  it("takes the status before the first change from that change's fromStatus", () => {
    const result = byDay(days([change("2024-11-13T15:00:00Z", "major_outage", "operational")], { currentStatus: "operational" }));
    expect(result.get("2024-11-12")).toMatchObject({ majorMs: DAY, worst: "major_outage" });
    expect(result.get("2024-11-13")).toMatchObject({ majorMs: 12 * HOUR, worst: "major_outage" });
    expect(result.get("2024-11-14")).toMatchObject({ majorMs: 0, worst: "operational" });
  });

  it("uses the current status all along when nothing ever changed", () => {
    const result = days([], { currentStatus: "partial_outage" });
    for (const d of result) {
      expect(d.partialMs).toBe(d.observedMs);
      expect(d.worst).toBe("partial_outage");
    }
    expect(uptimeRatio(result)).toBeCloseTo(0.7, 12);
    expect(uptimeRatio(days([], { currentStatus: "operational" }))).toBe(1);
  });

  it("gives the same days whatever the order the changes come in", () => {
    const changes = [
      change("2024-11-12T10:00:00Z", "operational", "partial_outage"),
      change("2024-11-13T10:00:00Z", "partial_outage", "major_outage"),
      change("2024-11-13T11:00:00Z", "major_outage", "operational"),
    ];
    expect(days([...changes].reverse())).toEqual(days(changes));
  });
});

describe("uptimeRatio and formatUptime", () => {
  it("has no data when nothing was observed", () => {
    const result = days([], { since: NOW + HOUR, currentStatus: "major_outage" });
    expect(result.every((d) => d.worst === null && d.observedMs === 0)).toBe(true);
    expect(uptimeRatio(result)).toBeNull();
    expect(formatUptime(null)).toBe("No data");
  });

  it.each([
    [1, "100.00 %"],
    [0.99995, "99.99 %"],
    [0.999999999, "99.99 %"],
    [0.98765, "98.76 %"],
    [0.5, "50.00 %"],
    [0.57, "57.00 %"],
    [0, "0.00 %"],
  ])("formats %s as %s, rounding down", (ratio, text) => {
    expect(formatUptime(ratio)).toBe(text);
  });

  it("never shows 100.00 % after any downtime: one minute in 90 days is 99.99 %", () => {
    const result = uptimeDays({
      changes: [change("2024-11-13T15:00:00Z", "operational", "major_outage"), change("2024-11-13T15:01:00Z", "major_outage", "operational")],
      currentStatus: "operational",
      since: 0,
      now: NOW,
      windows: dayWindows(NOW, SAO_PAULO),
    });
    expect(formatUptime(uptimeRatio(result))).toBe("99.99 %");
  });

  it("does not lose a hundredth to binary rounding when the uptime is an exact hundredth", () => {
    // One whole day with 19h 12m of major outage is exactly 20 % uptime.
    const windows = dayWindows(NOW, SAO_PAULO, 3).filter((w) => w.day === "2024-11-13");
    const result = days([change("2024-11-13T03:00:00Z", "operational", "major_outage"), change("2024-11-13T22:12:00Z", "major_outage", "operational")], {
      windows,
    });
    expect(result[0]).toMatchObject({ observedMs: DAY, majorMs: 19 * HOUR + 12 * MINUTE });
    expect(formatUptime(uptimeRatio(result))).toBe("20.00 %");
  });
});
