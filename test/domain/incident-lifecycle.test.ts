import { describe, expect, it } from "vitest";
import { allowedNextStatuses, type IncidentUpdateInput, planIncidentUpdate } from "../../src/domain/incident-lifecycle";
import { INCIDENT_STATUSES, type IncidentStatus } from "../../src/domain/statuses";
import { at, lifecycleError, makeContext, makeIncidentState, STARTED } from "./factories";

const LATER = at("2024-11-14T13:38:00Z");

function makeUpdate(overrides: Partial<IncidentUpdateInput> = {}): IncidentUpdateInput {
  return { status: "investigating", displayAt: LATER, components: [], ...overrides };
}

const OPEN: IncidentStatus[] = ["investigating", "identified", "monitoring"];

describe("allowed incident transitions", () => {
  it.each(OPEN)("lets a %s incident move to any open status or resolved, never postmortem", (from) => {
    expect([...allowedNextStatuses(from)].sort()).toEqual(["identified", "investigating", "monitoring", "resolved"]);
  });

  it("lets a resolved incident reopen or take another resolved update, not postmortem", () => {
    expect([...allowedNextStatuses("resolved")].sort()).toEqual(["identified", "investigating", "monitoring", "resolved"]);
  });

  it("only lets a postmortem take further postmortem updates", () => {
    expect(allowedNextStatuses("postmortem")).toEqual(["postmortem"]);
  });

  it.each(INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to] as const)))(
    "planning %s -> %s agrees with allowedNextStatuses",
    (from, to) => {
      const plan = () => planIncidentUpdate(makeIncidentState({ status: from }), makeUpdate({ status: to }), makeContext());
      if (allowedNextStatuses(from).includes(to)) expect(plan().status).toBe(to);
      else expect(lifecycleError(plan).code).toBe("invalid_transition");
    },
  );

  it("refuses to move an open incident straight to postmortem", () => {
    const error = lifecycleError(() => planIncidentUpdate(makeIncidentState({ status: "monitoring" }), makeUpdate({ status: "postmortem" }), makeContext()));
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("invalid_transition");
  });

  it("refuses to move a postmortem back to resolved or investigating", () => {
    for (const to of ["resolved", "investigating"] as const) {
      const error = lifecycleError(() => planIncidentUpdate(makeIncidentState({ status: "postmortem" }), makeUpdate({ status: to }), makeContext()));
      expect(error.code, to).toBe("invalid_transition");
    }
  });
});

describe("update display time", () => {
  it("refuses an update displayed before the incident started", () => {
    const error = lifecycleError(() => planIncidentUpdate(makeIncidentState(), makeUpdate({ displayAt: STARTED - 1 }), makeContext()));
    expect(error.code).toBe("timestamp_order");
  });

  it("accepts an update displayed exactly when the incident started", () => {
    expect(planIncidentUpdate(makeIncidentState(), makeUpdate({ displayAt: STARTED }), makeContext()).status).toBe("investigating");
  });

  it("accepts a back-dated update that is still after the start", () => {
    const state = makeIncidentState({ startedAt: at("2024-11-14T08:21:00Z") });
    expect(() => planIncidentUpdate(state, makeUpdate({ displayAt: at("2024-11-14T09:00:00Z") }), makeContext())).not.toThrow();
  });
});

describe("monitoring_at", () => {
  it("is stamped with the display time on entering monitoring", () => {
    const plan = planIncidentUpdate(makeIncidentState({ status: "identified" }), makeUpdate({ status: "monitoring" }), makeContext());
    expect(plan.monitoringAt).toBe(LATER);
  });

  it("keeps its first stamp through further monitoring updates", () => {
    const first = at("2024-11-14T14:25:00Z");
    const state = makeIncidentState({ status: "monitoring", monitoringAt: first });
    const plan = planIncidentUpdate(state, makeUpdate({ status: "monitoring", displayAt: at("2024-11-14T14:50:00Z") }), makeContext());
    expect(plan.monitoringAt).toBe(first);
  });

  it.each(["investigating", "identified"] as const)("is cleared on going back to %s", (to) => {
    const state = makeIncidentState({ status: "monitoring", monitoringAt: at("2024-11-14T13:00:00Z") });
    expect(planIncidentUpdate(state, makeUpdate({ status: to }), makeContext()).monitoringAt).toBeNull();
  });

  it("is kept when the incident resolves from monitoring", () => {
    const stamp = at("2024-11-14T14:25:00Z");
    const state = makeIncidentState({ status: "monitoring", monitoringAt: stamp });
    const plan = planIncidentUpdate(state, makeUpdate({ status: "resolved", displayAt: at("2024-11-14T15:08:00Z") }), makeContext());
    expect(plan.monitoringAt).toBe(stamp);
  });
});

describe("resolved_at", () => {
  it("is stamped with the display time on resolving", () => {
    const resolvedAt = at("2024-11-14T15:08:00Z");
    const plan = planIncidentUpdate(makeIncidentState({ status: "monitoring" }), makeUpdate({ status: "resolved", displayAt: resolvedAt }), makeContext());
    expect(plan).toMatchObject({ status: "resolved", resolvedAt });
  });

  it.each(OPEN)("is cleared on reopening to %s", (to) => {
    const state = makeIncidentState({ status: "resolved", resolvedAt: at("2024-11-14T15:08:00Z") });
    const plan = planIncidentUpdate(state, makeUpdate({ status: to, displayAt: at("2024-11-14T16:00:00Z") }), makeContext());
    expect(plan.resolvedAt).toBeNull();
  });

  it("keeps the first stamp when a resolved incident gets another resolved update", () => {
    const resolvedAt = at("2024-11-14T15:08:00Z");
    const state = makeIncidentState({ status: "resolved", resolvedAt });
    const plan = planIncidentUpdate(state, makeUpdate({ status: "resolved", displayAt: at("2024-11-14T16:00:00Z") }), makeContext());
    expect(plan.resolvedAt).toBe(resolvedAt);
  });

  it("stays unset while the incident is open", () => {
    const plan = planIncidentUpdate(makeIncidentState(), makeUpdate({ status: "identified" }), makeContext());
    expect(plan.resolvedAt).toBeNull();
  });
});

describe("impact reached", () => {
  it("is raised by the component statuses an update sets", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ impactReached: "minor" }),
      makeUpdate({ components: [{ componentId: "desk", status: "major_outage" }] }),
      makeContext({ desk: "degraded_performance" }),
    );
    expect(plan.impactReached).toBe("critical");
  });

  it("is not lowered when components recover", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ impactReached: "major" }),
      makeUpdate({ components: [{ componentId: "desk", status: "operational" }] }),
      makeContext({ desk: "partial_outage" }),
    );
    expect(plan.impactReached).toBe("major");
  });
});

describe("component transitions", () => {
  it("applies the statuses an open update requests and releases nothing", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ affectedIds: ["desk", "portal"] }),
      makeUpdate({ status: "identified", components: [{ componentId: "portal", status: "partial_outage" }] }),
      makeContext({ desk: "major_outage", portal: "major_outage" }),
    );
    expect(plan.transitions).toEqual([{ componentId: "portal", oldStatus: "major_outage", newStatus: "partial_outage" }]);
  });

  it("releases every affected component to operational on resolving", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ status: "monitoring", affectedIds: ["desk", "portal"] }),
      makeUpdate({ status: "resolved" }),
      makeContext({ desk: "major_outage", portal: "partial_outage" }),
    );
    expect(plan.transitions).toEqual([
      { componentId: "desk", oldStatus: "major_outage", newStatus: "operational" },
      { componentId: "portal", oldStatus: "partial_outage", newStatus: "operational" },
    ]);
  });

  it("leaves a component at the status another open incident still holds", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ status: "monitoring", affectedIds: ["desk", "portal"] }),
      makeUpdate({ status: "resolved" }),
      makeContext({ desk: "major_outage", portal: "major_outage" }, { portal: ["partial_outage"] }),
    );
    expect(plan.transitions).toEqual([
      { componentId: "desk", oldStatus: "major_outage", newStatus: "operational" },
      { componentId: "portal", oldStatus: "major_outage", newStatus: "partial_outage" },
    ]);
  });

  it("records nothing for a component already at the status held elsewhere", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ status: "monitoring", affectedIds: ["portal"] }),
      makeUpdate({ status: "resolved" }),
      makeContext({ portal: "partial_outage" }, { portal: ["partial_outage"] }),
    );
    expect(plan.transitions).toEqual([]);
  });

  it("lets a status requested in the resolving update win over the release", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ status: "monitoring", affectedIds: ["desk"] }),
      makeUpdate({ status: "resolved", components: [{ componentId: "desk", status: "degraded_performance" }] }),
      makeContext({ desk: "major_outage" }),
    );
    expect(plan.transitions).toEqual([{ componentId: "desk", oldStatus: "major_outage", newStatus: "degraded_performance" }]);
  });

  it("releases a component first named in the resolving update", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ status: "monitoring", affectedIds: ["desk"] }),
      makeUpdate({ status: "resolved", components: [{ componentId: "api", status: "degraded_performance" }] }),
      makeContext({ desk: "partial_outage", api: "operational" }),
    );
    expect(plan.transitions).toContainEqual({ componentId: "desk", oldStatus: "partial_outage", newStatus: "operational" });
    expect(plan.transitions).toContainEqual({ componentId: "api", oldStatus: "operational", newStatus: "degraded_performance" });
  });

  it("does not release components again on a second resolved update", () => {
    const plan = planIncidentUpdate(
      makeIncidentState({ status: "resolved", resolvedAt: LATER, affectedIds: ["desk"] }),
      makeUpdate({ status: "resolved", displayAt: LATER + 60_000 }),
      makeContext({ desk: "major_outage" }, { desk: ["major_outage"] }),
    );
    expect(plan.transitions).toEqual([]);
  });
});
