import { type ComponentStatus, type Impact, worstImpact } from "./statuses";

const IMPACT_OF_STATUS: Record<ComponentStatus, Impact> = {
  operational: "none",
  under_maintenance: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

/** The incident impact a component status implies. */
export function impactOfStatus(status: ComponentStatus): Impact {
  return IMPACT_OF_STATUS[status];
}

/** The worst impact reached so far, raised by the statuses an update sets. */
export function raiseImpact(reached: Impact, statuses: Iterable<ComponentStatus>): Impact {
  return worstImpact([reached, ...[...statuses].map(impactOfStatus)]);
}

/** What the incident shows: the operator's override when set, otherwise the worst level reached. */
export function effectiveImpact(override: Impact | null, reached: Impact): Impact {
  return override ?? reached;
}
