import type { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus } from "../domain/statuses";
import { en } from "../i18n/catalogs/en";

// The English words, for what always speaks English (the console, webhooks' text); pages take theirs
// from the page's language (src/i18n). One source: the English catalog.
export const COMPONENT_LABELS: Record<ComponentStatus, string> = en.core.componentStatus;
export const EVENT_STATUS_LABELS: Record<IncidentStatus | MaintenanceStatus, string> = en.core.eventStatus;
export const IMPACT_LABELS: Record<Impact | "maintenance", string> = en.core.impact;

// Shapes differ as well as colours, so status never depends on colour alone.
export const COMPONENT_ICONS: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "▲",
  partial_outage: "◆",
  major_outage: "✕",
  under_maintenance: "◐",
};
