import { describe, expect, it } from "vitest";
import { autoResolveAt, autoResolveBody } from "../../src/domain/auto-resolve";
import { DEFAULT_AUTO_RESOLVE_MINUTES, pageSettings } from "../../src/domain/page-settings";
import { at } from "./factories";

const MINUTE = 60_000;
const monitoringSince = at("2024-11-14T14:00:00Z");

describe("autoResolveAt", () => {
  it("is the end of the quiet period after the latest update", () => {
    expect(autoResolveAt({ status: "monitoring", lastDisplayAt: monitoringSince, lastPostedAt: monitoringSince }, 60)).toBe(monitoringSince + 60 * MINUTE);
  });

  it("counts from the posting when the update was back-dated, so a late post still gets its full wait", () => {
    const posted = monitoringSince + 45 * MINUTE;
    expect(autoResolveAt({ status: "monitoring", lastDisplayAt: monitoringSince, lastPostedAt: posted }, 60)).toBe(posted + 60 * MINUTE);
  });

  it("counts from the display time when the update is dated in the future", () => {
    const shown = monitoringSince + 30 * MINUTE;
    expect(autoResolveAt({ status: "monitoring", lastDisplayAt: shown, lastPostedAt: monitoringSince }, 10)).toBe(shown + 10 * MINUTE);
  });

  it.each(["investigating", "identified", "resolved", "postmortem"])("never resolves an incident that is %s", (status) => {
    expect(autoResolveAt({ status, lastDisplayAt: monitoringSince, lastPostedAt: monitoringSince }, 60)).toBeNull();
  });

  it("never resolves when the page set the quiet period to 0", () => {
    expect(autoResolveAt({ status: "monitoring", lastDisplayAt: monitoringSince, lastPostedAt: monitoringSince }, 0)).toBeNull();
  });
});

describe("autoResolveBody", () => {
  it.each([
    [60, "Resolved automatically after 60 minutes of monitoring with no new issues."],
    [1, "Resolved automatically after 1 minute of monitoring with no new issues."],
    [90, "Resolved automatically after 90 minutes of monitoring with no new issues."],
    [180, "Resolved automatically after 3 hours of monitoring with no new issues."],
  ])("says how long it waited: %i minutes", (minutes, body) => {
    expect(autoResolveBody(minutes)).toBe(body);
  });
});

describe("pageSettings", () => {
  it("defaults the quiet period to 60 minutes", () => {
    expect(pageSettings({})).toEqual({ autoResolveAfterMinutes: DEFAULT_AUTO_RESOLVE_MINUTES });
    expect(DEFAULT_AUTO_RESOLVE_MINUTES).toBe(60);
  });

  it("keeps 0, which turns auto-resolution off", () => {
    expect(pageSettings({ auto_resolve_after_minutes: 0 }).autoResolveAfterMinutes).toBe(0);
  });

  it.each([[-5], [1.5], ["30"], [null]])("falls back to the default for a stored value that is not a whole number of minutes: %j", (value) => {
    expect(pageSettings({ auto_resolve_after_minutes: value }).autoResolveAfterMinutes).toBe(60);
  });
});
