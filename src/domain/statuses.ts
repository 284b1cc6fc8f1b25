/** Persisted spellings: these strings are stored in D1 and served in the API; never rename them. */
export const COMPONENT_STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved", "postmortem"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const OPEN_INCIDENT_STATUSES = ["investigating", "identified", "monitoring"] as const satisfies readonly IncidentStatus[];

export const IMPACTS = ["none", "minor", "major", "critical"] as const;
export type Impact = (typeof IMPACTS)[number];

export const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const ACTIVE_MAINTENANCE_STATUSES = ["in_progress", "verifying"] as const satisfies readonly MaintenanceStatus[];

export const INDICATORS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type Indicator = (typeof INDICATORS)[number];

/** How bad a component status is, for "worst of" roll-ups. Maintenance ranks below any outage. */
const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function severity(status: ComponentStatus): number {
  return SEVERITY[status];
}

export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export function worstImpact(impacts: Iterable<Impact>): Impact {
  let worst: Impact = "none";
  for (const impact of impacts) if (IMPACT_RANK[impact] > IMPACT_RANK[worst]) worst = impact;
  return worst;
}

export function isOpenIncident(status: IncidentStatus): boolean {
  return (OPEN_INCIDENT_STATUSES as readonly IncidentStatus[]).includes(status);
}

export function isActiveMaintenance(status: MaintenanceStatus): boolean {
  return (ACTIVE_MAINTENANCE_STATUSES as readonly MaintenanceStatus[]).includes(status);
}

/** Incidents and maintenances that are not over: open incidents, upcoming and active maintenances. */
export const UNFINISHED_EVENT_STATUSES = [...OPEN_INCIDENT_STATUSES, "scheduled", ...ACTIVE_MAINTENANCE_STATUSES] as const;

/** Whether an incident or maintenance is over (resolved, postmortem, completed). */
export function isFinishedEvent(status: string): boolean {
  return !(UNFINISHED_EVENT_STATUSES as readonly string[]).includes(status);
}
