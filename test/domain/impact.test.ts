import { describe, expect, it } from "vitest";
import { effectiveImpact, impactOfStatus, raiseImpact } from "../../src/domain/impact";

describe("impactOfStatus", () => {
  it.each([
    ["operational", "none"],
    ["under_maintenance", "none"],
    ["degraded_performance", "minor"],
    ["partial_outage", "major"],
    ["major_outage", "critical"],
  ] as const)("maps %s to %s", (status, impact) => {
    expect(impactOfStatus(status)).toBe(impact);
  });
});

describe("raiseImpact", () => {
  it("raises the reached impact to the worst status an update sets", () => {
    expect(raiseImpact("none", ["degraded_performance", "partial_outage"])).toBe("major");
    expect(raiseImpact("minor", ["major_outage"])).toBe("critical");
  });

  it("never lowers the impact already reached", () => {
    expect(raiseImpact("critical", ["operational", "degraded_performance"])).toBe("critical");
    expect(raiseImpact("major", ["degraded_performance"])).toBe("major");
  });

  it("keeps the reached impact when an update sets no status", () => {
    expect(raiseImpact("minor", [])).toBe("minor");
  });

  it("does not count maintenance as impact", () => {
    expect(raiseImpact("none", ["under_maintenance"])).toBe("none");
  });
});

describe("effectiveImpact", () => {
  it("shows the operator's override, even when it is lower than what was reached", () => {
    expect(effectiveImpact("minor", "critical")).toBe("minor");
    expect(effectiveImpact("none", "major")).toBe("none");
    expect(effectiveImpact("critical", "none")).toBe("critical");
  });

  it("falls back to the impact reached when there is no override", () => {
    expect(effectiveImpact(null, "major")).toBe("major");
  });
});
