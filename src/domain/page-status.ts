import { type ComponentStatus, type Impact, type Indicator, worstImpact, worstStatus } from "./statuses";

export interface PageStatus {
  indicator: Indicator;
  description: string;
}

export interface PageStatusInput {
  /** Statuses of leaf components (groups excluded: they only roll their children up). */
  componentStatuses: readonly ComponentStatus[];
  /** Impacts of unresolved incidents. */
  openIncidentImpacts: readonly Impact[];
  /** Whether a maintenance is in progress or verifying. */
  maintenanceActive: boolean;
}

const INCIDENT_DESCRIPTIONS: Record<Exclude<Impact, "none">, string> = {
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
};

/**
 * The page's overall indicator, following the rules hosted status pages use: components decide;
 * only when every component is operational do open incidents (then maintenance) speak.
 */
export function pageStatus({ componentStatuses, openIncidentImpacts, maintenanceActive }: PageStatusInput): PageStatus {
  const worst = worstStatus(componentStatuses);
  const all = (status: ComponentStatus) => componentStatuses.every((s) => s === status);
  switch (worst) {
    case "major_outage":
      return all("major_outage") ? { indicator: "critical", description: "Major System Outage" } : { indicator: "major", description: "Partial System Outage" };
    case "partial_outage":
      return componentStatuses.length === 1
        ? { indicator: "minor", description: "Partial System Outage" }
        : { indicator: "minor", description: "Minor Service Outage" };
    case "degraded_performance":
      return all("degraded_performance")
        ? { indicator: "minor", description: "Degraded System Service" }
        : { indicator: "minor", description: "Partially Degraded Service" };
    case "under_maintenance":
      return { indicator: "maintenance", description: "Service Under Maintenance" };
    case "operational": {
      const impact = worstImpact(openIncidentImpacts);
      if (impact !== "none") return { indicator: impact, description: INCIDENT_DESCRIPTIONS[impact] };
      if (maintenanceActive) return { indicator: "maintenance", description: "Service Under Maintenance" };
      return { indicator: "none", description: "All Systems Operational" };
    }
  }
}
