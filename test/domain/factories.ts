import type { ComponentStatus } from "../../src/domain/statuses";
import { type IncidentState, LifecycleError, type UpdateContext } from "../../src/domain/incident-lifecycle";
import type { MaintenanceState } from "../../src/domain/maintenance-lifecycle";

export const at = (iso: string): number => Date.parse(iso);

export const STARTED = at("2024-11-14T11:56:00Z");

export function makeIncidentState(overrides: Partial<IncidentState> = {}): IncidentState {
  return {
    status: "investigating",
    startedAt: STARTED,
    monitoringAt: null,
    resolvedAt: null,
    impactReached: "none",
    affectedIds: [],
    ...overrides,
  };
}

export function makeMaintenanceState(overrides: Partial<MaintenanceState> = {}): MaintenanceState {
  return {
    status: "scheduled",
    startedAt: STARTED,
    resolvedAt: null,
    cancelledAt: null,
    affectedIds: [],
    ...overrides,
  };
}

export function makeContext(componentStatuses: Record<string, ComponentStatus> = {}, heldElsewhere: Record<string, ComponentStatus[]> = {}): UpdateContext {
  return {
    componentStatuses: new Map(Object.entries(componentStatuses)),
    heldElsewhere: new Map(Object.entries(heldElsewhere)),
  };
}

/** Runs `fn` and returns the LifecycleError it throws; fails the test if it throws nothing or something else. */
export function lifecycleError(fn: () => unknown): LifecycleError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LifecycleError) return error;
    throw error;
  }
  throw new Error("expected a LifecycleError");
}
