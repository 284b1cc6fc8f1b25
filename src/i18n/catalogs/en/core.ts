// The page's words in English: the shape every other catalog must fill (a missing key fails the
// type check, not the page). Statuses follow the hosted service's labels.
export const core = {
  componentStatus: {
    operational: "Operational",
    degraded_performance: "Degraded performance",
    partial_outage: "Partial outage",
    major_outage: "Major outage",
    under_maintenance: "Under maintenance",
  },
  /** The phrase after "N of M components …". */
  componentPhrase: {
    degraded_performance: "degraded",
    partial_outage: "in partial outage",
    major_outage: "in major outage",
    under_maintenance: "under maintenance",
  },
  eventStatus: {
    investigating: "Investigating",
    identified: "Identified",
    monitoring: "Monitoring",
    resolved: "Resolved",
    postmortem: "Postmortem",
    scheduled: "Scheduled",
    in_progress: "In progress",
    verifying: "Verifying",
    completed: "Completed",
  },
  impact: {
    none: "No impact",
    minor: "Minor",
    major: "Major",
    critical: "Critical",
    maintenance: "Maintenance",
  },
  time: {
    lessThanAMinute: "less than a minute",
  },
  /** The page's overall status, by the API's own description of it (which stays English in the JSON). */
  pageStatus: {
    "All Systems Operational": "All Systems Operational",
    "Minor Service Outage": "Minor Service Outage",
    "Partial System Outage": "Partial System Outage",
    "Major System Outage": "Major System Outage",
    "Degraded System Service": "Degraded System Service",
    "Partially Degraded Service": "Partially Degraded Service",
    "Service Under Maintenance": "Service Under Maintenance",
  },
};
