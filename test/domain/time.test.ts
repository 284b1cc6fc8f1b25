import { describe, expect, it } from "vitest";
import { isoInZone, isValidTimeZone, localDateTimeToUtc, localDay, longDate, utcToLocalDateTime, zoneOffsetMinutes } from "../../src/domain/time";
import { at } from "./factories";

describe("isoInZone", () => {
  it("writes São Paulo times with a -03:00 offset and milliseconds", () => {
    expect(isoInZone(at("2024-11-14T11:56:00.407Z"), "America/Sao_Paulo")).toBe("2024-11-14T08:56:00.407-03:00");
  });

  it("keeps .000 milliseconds on whole seconds", () => {
    expect(isoInZone(at("2024-11-14T11:56:00Z"), "America/Sao_Paulo")).toBe("2024-11-14T08:56:00.000-03:00");
  });

  it("reproduces the shape of a real Pacific capture", () => {
    expect(isoInZone(at("2022-02-15T21:37:37.407Z"), "America/Los_Angeles")).toBe("2022-02-15T13:37:37.407-08:00");
  });

  it("ends UTC pages with Z", () => {
    expect(isoInZone(at("2024-11-14T11:56:00.407Z"), "Etc/UTC")).toBe("2024-11-14T11:56:00.407Z");
    expect(isoInZone(at("2024-11-14T11:56:00.407Z"), "UTC")).toBe("2024-11-14T11:56:00.407Z");
  });

  it("follows daylight saving time (Berlin +01:00 in winter, +02:00 in summer)", () => {
    expect(isoInZone(at("2024-01-15T12:00:00Z"), "Europe/Berlin")).toBe("2024-01-15T13:00:00.000+01:00");
    expect(isoInZone(at("2024-07-15T12:00:00Z"), "Europe/Berlin")).toBe("2024-07-15T14:00:00.000+02:00");
  });

  it("switches offset at the exact instant clocks change", () => {
    expect(isoInZone(at("2024-03-31T00:59:59.999Z"), "Europe/Berlin")).toBe("2024-03-31T01:59:59.999+01:00");
    expect(isoInZone(at("2024-03-31T01:00:00.000Z"), "Europe/Berlin")).toBe("2024-03-31T03:00:00.000+02:00");
    expect(isoInZone(at("2024-10-27T00:59:59.999Z"), "Europe/Berlin")).toBe("2024-10-27T02:59:59.999+02:00");
    expect(isoInZone(at("2024-10-27T01:00:00.000Z"), "Europe/Berlin")).toBe("2024-10-27T02:00:00.000+01:00");
  });

  it("handles half-hour and quarter-hour offsets, east and west", () => {
    const t = at("2024-11-14T11:56:00.407Z");
    expect(isoInZone(t, "Asia/Kolkata")).toBe("2024-11-14T17:26:00.407+05:30");
    expect(isoInZone(t, "Asia/Kathmandu")).toBe("2024-11-14T17:41:00.407+05:45");
    expect(isoInZone(t, "America/St_Johns")).toBe("2024-11-14T08:26:00.407-03:30");
  });

  it("moves the local date and year across midnight", () => {
    expect(isoInZone(at("2024-11-15T01:00:00Z"), "America/Sao_Paulo")).toBe("2024-11-14T22:00:00.000-03:00");
    expect(isoInZone(at("2025-01-01T02:00:00Z"), "America/Sao_Paulo")).toBe("2024-12-31T23:00:00.000-03:00");
    expect(isoInZone(at("2024-11-14T11:00:00Z"), "Pacific/Kiritimati")).toBe("2024-11-15T01:00:00.000+14:00");
  });

  it("always names the same instant it was given", () => {
    const zones = ["America/Sao_Paulo", "Etc/UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe"];
    const instants = [at("2024-01-01T00:00:00.001Z"), at("2024-04-07T15:30:00.5Z"), at("2024-10-06T16:45:59.999Z")];
    for (const zone of zones) {
      for (const ms of instants) expect(Date.parse(isoInZone(ms, zone)), `${zone} ${ms}`).toBe(ms);
    }
  });
});

describe("zoneOffsetMinutes", () => {
  it.each([
    ["America/Sao_Paulo", "2024-11-14T12:00:00Z", -180],
    ["Etc/UTC", "2024-11-14T12:00:00Z", 0],
    ["Europe/Berlin", "2024-01-15T12:00:00Z", 60],
    ["Europe/Berlin", "2024-07-15T12:00:00Z", 120],
    ["Asia/Kolkata", "2024-11-14T12:00:00Z", 330],
    ["America/St_Johns", "2024-11-14T12:00:00Z", -210],
    ["America/New_York", "2024-07-15T12:00:00Z", -240],
    ["Etc/GMT+3", "2024-11-14T12:00:00Z", -180],
  ])("gives %s at %s as %i minutes", (zone, iso, minutes) => {
    expect(zoneOffsetMinutes(at(iso), zone)).toBe(minutes);
  });
});

describe("longDate", () => {
  it("writes the month in full, as seen in the zone", () => {
    expect(longDate(at("2024-11-14T09:45:00Z"), "America/Sao_Paulo")).toBe("November 14, 2024");
  });

  it("uses the zone's calendar day, not UTC's", () => {
    expect(longDate(at("2024-11-15T01:00:00Z"), "America/Sao_Paulo")).toBe("November 14, 2024");
    expect(longDate(at("2024-11-15T01:00:00Z"), "Etc/UTC")).toBe("November 15, 2024");
    expect(longDate(at("2024-11-14T20:00:00Z"), "Asia/Kolkata")).toBe("November 15, 2024");
  });
});

describe("localDay", () => {
  it("gives the calendar day in the zone as YYYY-MM-DD", () => {
    expect(localDay(at("2024-11-15T01:00:00Z"), "America/Sao_Paulo")).toBe("2024-11-14");
    expect(localDay(at("2024-11-15T01:00:00Z"), "Etc/UTC")).toBe("2024-11-15");
    expect(localDay(at("2024-11-14T20:00:00Z"), "Asia/Kolkata")).toBe("2024-11-15");
  });

  it("cuts the day at local midnight", () => {
    expect(localDay(at("2024-11-14T02:59:59.999Z"), "America/Sao_Paulo")).toBe("2024-11-13");
    expect(localDay(at("2024-11-14T03:00:00.000Z"), "America/Sao_Paulo")).toBe("2024-11-14");
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zone names", () => {
    for (const zone of ["America/Sao_Paulo", "Etc/UTC", "Europe/Berlin", "Asia/Kolkata"]) expect(isValidTimeZone(zone), zone).toBe(true);
  });

  it("rejects names that are not zones", () => {
    for (const zone of ["Mars/Olympus_Mons", "Not a zone", ""]) expect(isValidTimeZone(zone), zone).toBe(false);
  });
});

describe("localDateTimeToUtc (a console time input in the page's zone)", () => {
  const utc = (value: string, zone: string) => {
    const ms = localDateTimeToUtc(value, zone);
    return ms === null ? null : new Date(ms).toISOString();
  };

  it("reads a wall-clock time in the zone, and round-trips through utcToLocalDateTime", () => {
    expect(utc("2024-11-14T06:45", "America/Sao_Paulo")).toBe("2024-11-14T09:45:00.000Z");
    expect(utc("2024-07-01T12:00", "Europe/Berlin")).toBe("2024-07-01T10:00:00.000Z");
    expect(utc("2024-01-01T12:00:30", "Etc/UTC")).toBe("2024-01-01T12:00:30.000Z");
    expect(utcToLocalDateTime(Date.parse("2024-11-14T09:45:00Z"), "America/Sao_Paulo")).toBe("2024-11-14T06:45");
  });

  it("reads a time that never happened (a DST gap) with the offset in force just before it", () => {
    // Berlin skipped 02:00-03:00 on 31 March 2024; São Paulo skipped 00:00-01:00 on 4 November 2018.
    expect(utc("2024-03-31T02:30", "Europe/Berlin")).toBe("2024-03-31T01:30:00.000Z");
    expect(utc("2018-11-04T00:30", "America/Sao_Paulo")).toBe("2018-11-04T03:30:00.000Z");
  });

  it("reads a time that happened twice (a DST overlap) as the earlier instant, in every zone", () => {
    expect(utc("2024-10-27T02:30", "Europe/Berlin")).toBe("2024-10-27T00:30:00.000Z");
    expect(utc("2024-11-03T01:30", "America/New_York")).toBe("2024-11-03T05:30:00.000Z");
    expect(utc("2019-02-16T23:30", "America/Sao_Paulo")).toBe("2019-02-17T01:30:00.000Z");
  });

  it("refuses what is not a real date and time, instead of rolling it over", () => {
    for (const bad of ["2024-13-01T10:00", "2024-02-30T10:00", "2024-01-01T24:00", "2024-01-01T10:99", "2024-01-01T10:00:60", "yesterday", ""]) {
      expect(localDateTimeToUtc(bad, "Europe/Berlin"), bad).toBeNull();
    }
    // The year 50 stays the year 50 (the API then refuses it as too early), never 1950.
    expect(new Date(localDateTimeToUtc("0050-01-01T10:00", "Etc/UTC")!).getUTCFullYear()).toBe(50);
  });
});
