import type { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus } from "../domain/statuses";

export const COMPONENT_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

// Shapes differ as well as colours, so status never depends on colour alone.
export const COMPONENT_ICONS: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "▲",
  partial_outage: "◆",
  major_outage: "✕",
  under_maintenance: "◐",
};

export const EVENT_STATUS_LABELS: Record<IncidentStatus | MaintenanceStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  postmortem: "Postmortem",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export const IMPACT_LABELS: Record<Impact | "maintenance", string> = {
  none: "No impact",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
  maintenance: "Maintenance",
};

/** The phrase after "N of M components in …". */
export const COMPONENT_PHRASES: Record<Exclude<ComponentStatus, "operational">, string> = {
  degraded_performance: "degraded",
  partial_outage: "in partial outage",
  major_outage: "in major outage",
  under_maintenance: "under maintenance",
};
