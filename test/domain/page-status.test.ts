import { describe, expect, it } from "vitest";
import { type PageStatusInput, pageStatus } from "../../src/domain/page-status";
import type { ComponentStatus } from "../../src/domain/statuses";

function statusOf(componentStatuses: ComponentStatus[], overrides: Partial<PageStatusInput> = {}) {
  return pageStatus({ componentStatuses, openIncidentImpacts: [], maintenanceActive: false, ...overrides });
}

describe("pageStatus: the indicator table", () => {
  it("says All Systems Operational when every component is operational", () => {
    expect(statusOf(["operational", "operational", "operational"])).toEqual({
      indicator: "none",
      description: "All Systems Operational",
    });
  });

  it("says All Systems Operational for a page with no components", () => {
    expect(statusOf([])).toEqual({ indicator: "none", description: "All Systems Operational" });
  });

  it("shows maintenance when the worst component is under maintenance", () => {
    expect(statusOf(["operational", "under_maintenance"])).toEqual({
      indicator: "maintenance",
      description: "Service Under Maintenance",
    });
  });

  it("says Partially Degraded Service when some components are degraded", () => {
    expect(statusOf(["operational", "degraded_performance"])).toEqual({
      indicator: "minor",
      description: "Partially Degraded Service",
    });
  });

  it("says Degraded System Service when every component is degraded", () => {
    expect(statusOf(["degraded_performance", "degraded_performance"])).toEqual({
      indicator: "minor",
      description: "Degraded System Service",
    });
  });

  it("ranks degraded above maintenance", () => {
    expect(statusOf(["under_maintenance", "degraded_performance"])).toEqual({
      indicator: "minor",
      description: "Partially Degraded Service",
    });
  });

  it("says Partial System Outage when the only component is in partial outage", () => {
    expect(statusOf(["partial_outage"])).toEqual({ indicator: "minor", description: "Partial System Outage" });
  });

  it("says Minor Service Outage for one partial outage among many (Packages down, Pages up)", () => {
    expect(statusOf(["partial_outage", "operational"])).toEqual({
      indicator: "minor",
      description: "Minor Service Outage",
    });
  });

  it("matches the GitHub capture of 2022-11-25: one partial outage among eleven components, major incident open", () => {
    const components: ComponentStatus[] = Array.from({ length: 11 }, (_, i) => (i === 7 ? "partial_outage" : "operational"));
    expect(statusOf(components, { openIncidentImpacts: ["major"] })).toEqual({
      indicator: "minor",
      description: "Minor Service Outage",
    });
  });

  it("says Partial System Outage (major) when some components are in major outage", () => {
    expect(statusOf(["major_outage", "operational", "partial_outage"])).toEqual({
      indicator: "major",
      description: "Partial System Outage",
    });
  });

  it("says Major System Outage (critical) when every component is in major outage", () => {
    expect(statusOf(["major_outage", "major_outage"])).toEqual({ indicator: "critical", description: "Major System Outage" });
  });

  it("is not fooled by order: the worst status decides wherever it appears", () => {
    expect(statusOf(["major_outage", "degraded_performance"]).indicator).toBe("major");
    expect(statusOf(["degraded_performance", "major_outage"]).indicator).toBe("major");
  });
});

describe("pageStatus: open incidents and maintenance", () => {
  it("lets the worst open incident speak when every component is operational", () => {
    expect(statusOf(["operational"], { openIncidentImpacts: ["minor"] })).toEqual({
      indicator: "minor",
      description: "Minor Service Outage",
    });
    expect(statusOf(["operational"], { openIncidentImpacts: ["minor", "major"] })).toEqual({
      indicator: "major",
      description: "Partial System Outage",
    });
    expect(statusOf(["operational"], { openIncidentImpacts: ["critical", "minor"] })).toEqual({
      indicator: "critical",
      description: "Major System Outage",
    });
  });

  it("lets an open incident speak on a page with no components", () => {
    expect(statusOf([], { openIncidentImpacts: ["major"] }).indicator).toBe("major");
  });

  it("ignores open incidents once a component is not operational", () => {
    expect(statusOf(["degraded_performance", "operational"], { openIncidentImpacts: ["critical"] })).toEqual({
      indicator: "minor",
      description: "Partially Degraded Service",
    });
  });

  it("ignores open incidents whose impact is none", () => {
    expect(statusOf(["operational"], { openIncidentImpacts: ["none", "none"] })).toEqual({
      indicator: "none",
      description: "All Systems Operational",
    });
  });

  it("shows an active maintenance when every component is operational", () => {
    expect(statusOf(["operational", "operational"], { maintenanceActive: true })).toEqual({
      indicator: "maintenance",
      description: "Service Under Maintenance",
    });
  });

  it("puts an open incident ahead of an active maintenance", () => {
    expect(statusOf(["operational"], { openIncidentImpacts: ["minor"], maintenanceActive: true }).indicator).toBe("minor");
  });

  it("puts component outages ahead of an active maintenance", () => {
    expect(statusOf(["partial_outage", "operational"], { maintenanceActive: true }).indicator).toBe("minor");
  });
});
