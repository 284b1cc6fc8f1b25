import { describe, expect, it } from "vitest";
import { planTransitions } from "../../src/domain/component-transitions";
import type { ComponentStatus } from "../../src/domain/statuses";

const statuses = (entries: Record<string, ComponentStatus>) => new Map(Object.entries(entries));

describe("planTransitions", () => {
  it("records each requested status with the component's old status", () => {
    const transitions = planTransitions(statuses({ desk: "operational", portal: "degraded_performance" }), [
      { componentId: "desk", status: "partial_outage" },
      { componentId: "portal", status: "major_outage" },
    ]);
    expect(transitions).toEqual([
      { componentId: "desk", oldStatus: "operational", newStatus: "partial_outage" },
      { componentId: "portal", oldStatus: "degraded_performance", newStatus: "major_outage" },
    ]);
  });

  it("records a requested status even when it does not change", () => {
    const transitions = planTransitions(statuses({ desk: "partial_outage" }), [{ componentId: "desk", status: "partial_outage" }]);
    expect(transitions).toEqual([{ componentId: "desk", oldStatus: "partial_outage", newStatus: "partial_outage" }]);
  });

  it("treats a component with no known status as operational", () => {
    const transitions = planTransitions(statuses({}), [{ componentId: "desk", status: "degraded_performance" }]);
    expect(transitions).toEqual([{ componentId: "desk", oldStatus: "operational", newStatus: "degraded_performance" }]);
  });

  it("releases a component to operational when nothing else holds it", () => {
    const transitions = planTransitions(statuses({ desk: "major_outage" }), [], ["desk"]);
    expect(transitions).toEqual([{ componentId: "desk", oldStatus: "major_outage", newStatus: "operational" }]);
  });

  it("releases a component to the worst status other open events still hold", () => {
    const held = new Map<string, ComponentStatus[]>([["desk", ["degraded_performance", "partial_outage", "under_maintenance"]]]);
    const transitions = planTransitions(statuses({ desk: "major_outage" }), [], ["desk"], held);
    expect(transitions).toEqual([{ componentId: "desk", oldStatus: "major_outage", newStatus: "partial_outage" }]);
  });

  it("releases to under maintenance when only a maintenance still holds the component", () => {
    const held = new Map<string, ComponentStatus[]>([["desk", ["under_maintenance"]]]);
    const transitions = planTransitions(statuses({ desk: "partial_outage" }), [], ["desk"], held);
    expect(transitions).toEqual([{ componentId: "desk", oldStatus: "partial_outage", newStatus: "under_maintenance" }]);
  });

  it("does not let a release override a requested status", () => {
    const transitions = planTransitions(statuses({ desk: "major_outage" }), [{ componentId: "desk", status: "degraded_performance" }], ["desk"]);
    expect(transitions).toEqual([{ componentId: "desk", oldStatus: "major_outage", newStatus: "degraded_performance" }]);
  });

  it("does not record a release that changes nothing", () => {
    const held = new Map<string, ComponentStatus[]>([["portal", ["partial_outage"]]]);
    const transitions = planTransitions(statuses({ desk: "operational", portal: "partial_outage" }), [], ["desk", "portal"], held);
    expect(transitions).toEqual([]);
  });

  it("leaves components that are neither requested nor released alone", () => {
    const transitions = planTransitions(statuses({ desk: "major_outage", portal: "major_outage" }), [], ["desk"]);
    expect(transitions.map((t) => t.componentId)).toEqual(["desk"]);
  });
});
