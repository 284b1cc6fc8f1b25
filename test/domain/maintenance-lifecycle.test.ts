import { describe, expect, it } from "vitest";
import { allowedNextMaintenanceStatuses, type MaintenanceUpdateInput, planMaintenanceUpdate } from "../../src/domain/maintenance-lifecycle";
import { MAINTENANCE_STATUSES } from "../../src/domain/statuses";
import { at, lifecycleError, makeContext, makeMaintenanceState } from "./factories";

const SCHEDULED_FOR = at("2024-12-01T02:00:00Z");
const BEGAN = at("2024-12-01T02:05:00Z");
const ENDED = at("2024-12-01T04:00:00Z");

function makeUpdate(overrides: Partial<MaintenanceUpdateInput> = {}): MaintenanceUpdateInput {
  return { status: "in_progress", displayAt: BEGAN, components: [], ...overrides };
}

describe("allowed maintenance transitions", () => {
  it("lets a scheduled maintenance start but not complete", () => {
    expect([...allowedNextMaintenanceStatuses("scheduled")].sort()).toEqual(["in_progress", "scheduled", "verifying"]);
  });

  it("only lets a completed maintenance take completed updates", () => {
    expect(allowedNextMaintenanceStatuses("completed")).toEqual(["completed"]);
  });

  it("refuses scheduled -> completed", () => {
    const error = lifecycleError(() => planMaintenanceUpdate(makeMaintenanceState(), makeUpdate({ status: "completed", displayAt: ENDED }), makeContext()));
    expect(error.code).toBe("invalid_transition");
  });

  it.each(["scheduled", "in_progress", "verifying"] as const)("refuses completed -> %s", (to) => {
    const state = makeMaintenanceState({ status: "completed", startedAt: BEGAN, resolvedAt: ENDED });
    const error = lifecycleError(() => planMaintenanceUpdate(state, makeUpdate({ status: to, displayAt: ENDED }), makeContext()));
    expect(error.code).toBe("invalid_transition");
  });

  it.each(MAINTENANCE_STATUSES)("refuses any update to a cancelled maintenance (-> %s)", (to) => {
    const state = makeMaintenanceState({ cancelledAt: at("2024-11-30T00:00:00Z") });
    const error = lifecycleError(() => planMaintenanceUpdate(state, makeUpdate({ status: to }), makeContext()));
    expect(error.code).toBe("invalid_transition");
  });

  it.each(MAINTENANCE_STATUSES.flatMap((from) => MAINTENANCE_STATUSES.map((to) => [from, to] as const)))(
    "planning %s -> %s agrees with allowedNextMaintenanceStatuses",
    (from, to) => {
      const state = makeMaintenanceState({ status: from, startedAt: from === "scheduled" ? SCHEDULED_FOR : BEGAN });
      const plan = () => planMaintenanceUpdate(state, makeUpdate({ status: to, displayAt: ENDED }), makeContext());
      if (allowedNextMaintenanceStatuses(from).includes(to)) expect(plan().status).toBe(to);
      else expect(lifecycleError(plan).code).toBe("invalid_transition");
    },
  );
});

describe("starting a maintenance", () => {
  it.each(["in_progress", "verifying"] as const)("stamps startedAt with the display time (scheduled -> %s)", (to) => {
    const plan = planMaintenanceUpdate(makeMaintenanceState({ startedAt: SCHEDULED_FOR }), makeUpdate({ status: to }), makeContext());
    expect(plan.startedAt).toBe(BEGAN);
    expect(plan.resolvedAt).toBeNull();
  });

  it("puts the affected components under maintenance", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ affectedIds: ["desk", "portal"] }),
      makeUpdate(),
      makeContext({ desk: "operational", portal: "degraded_performance" }),
    );
    expect(plan.transitions).toEqual([
      { componentId: "desk", oldStatus: "operational", newStatus: "under_maintenance" },
      { componentId: "portal", oldStatus: "degraded_performance", newStatus: "under_maintenance" },
    ]);
  });

  it("leaves a component in the outage an open incident holds, without claiming that outage as its own", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ affectedIds: ["desk", "portal"] }),
      makeUpdate(),
      makeContext({ desk: "partial_outage", portal: "operational" }, { desk: ["partial_outage"] }),
    );
    // No transition for Desk: had the maintenance recorded "partial → partial", it would hold the
    // outage itself and keep Desk in it after the incident resolved.
    expect(plan.transitions).toEqual([{ componentId: "portal", oldStatus: "operational", newStatus: "under_maintenance" }]);
  });

  it("lets an explicitly requested status win over under maintenance", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ affectedIds: ["desk", "portal"] }),
      makeUpdate({ components: [{ componentId: "desk", status: "operational" }] }),
      makeContext({ desk: "operational", portal: "operational" }),
    );
    expect(plan.transitions).toEqual([
      { componentId: "desk", oldStatus: "operational", newStatus: "operational" },
      { componentId: "portal", oldStatus: "operational", newStatus: "under_maintenance" },
    ]);
  });

  it("changes no component while the maintenance is still scheduled", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ startedAt: SCHEDULED_FOR, affectedIds: ["desk"] }),
      makeUpdate({ status: "scheduled", displayAt: at("2024-11-30T12:00:00Z") }),
      makeContext({ desk: "operational" }),
    );
    expect(plan).toMatchObject({ status: "scheduled", startedAt: SCHEDULED_FOR, resolvedAt: null, transitions: [] });
  });

  it("does not restamp startedAt or re-enter components on later in-progress updates", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ status: "in_progress", startedAt: BEGAN, affectedIds: ["desk"] }),
      makeUpdate({ status: "verifying", displayAt: at("2024-12-01T03:30:00Z") }),
      makeContext({ desk: "under_maintenance" }),
    );
    expect(plan).toMatchObject({ status: "verifying", startedAt: BEGAN, transitions: [] });
  });

  it("refuses an update on a started maintenance displayed before it started", () => {
    const state = makeMaintenanceState({ status: "in_progress", startedAt: BEGAN });
    const error = lifecycleError(() => planMaintenanceUpdate(state, makeUpdate({ status: "verifying", displayAt: BEGAN - 1 }), makeContext()));
    expect(error.code).toBe("timestamp_order");
  });
});

describe("completing a maintenance", () => {
  it("stamps resolvedAt and releases the affected components to operational", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ status: "verifying", startedAt: BEGAN, affectedIds: ["desk", "portal"] }),
      makeUpdate({ status: "completed", displayAt: ENDED }),
      makeContext({ desk: "under_maintenance", portal: "under_maintenance" }),
    );
    expect(plan).toMatchObject({ status: "completed", startedAt: BEGAN, resolvedAt: ENDED });
    expect(plan.transitions).toEqual([
      { componentId: "desk", oldStatus: "under_maintenance", newStatus: "operational" },
      { componentId: "portal", oldStatus: "under_maintenance", newStatus: "operational" },
    ]);
  });

  it("releases a component to the status an open incident still holds", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ status: "in_progress", startedAt: BEGAN, affectedIds: ["desk"] }),
      makeUpdate({ status: "completed", displayAt: ENDED }),
      makeContext({ desk: "under_maintenance" }, { desk: ["partial_outage"] }),
    );
    expect(plan.transitions).toEqual([{ componentId: "desk", oldStatus: "under_maintenance", newStatus: "partial_outage" }]);
  });

  it("lets an explicitly requested status win over the release", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ status: "in_progress", startedAt: BEGAN, affectedIds: ["desk"] }),
      makeUpdate({ status: "completed", displayAt: ENDED, components: [{ componentId: "desk", status: "degraded_performance" }] }),
      makeContext({ desk: "under_maintenance" }),
    );
    expect(plan.transitions).toEqual([{ componentId: "desk", oldStatus: "under_maintenance", newStatus: "degraded_performance" }]);
  });

  it("keeps the first stamp and releases nothing on a further completed update", () => {
    const plan = planMaintenanceUpdate(
      makeMaintenanceState({ status: "completed", startedAt: BEGAN, resolvedAt: ENDED, affectedIds: ["desk"] }),
      makeUpdate({ status: "completed", displayAt: ENDED + 60_000 }),
      makeContext({ desk: "major_outage" }),
    );
    expect(plan).toMatchObject({ resolvedAt: ENDED, transitions: [] });
  });
});
