// What badges, the status line (iframe) and the widget say. Badges keep the lower-case words of the
// usual flat badges.
export const embed = {
  badge: {
    statusLabel: "status",
    uptimeLabel: "uptime",
    /** An uptime badge before anything was observed. */
    noData: "no data",
    /** The page badge, by the page's indicator. */
    page: {
      none: "operational",
      minor: "minor outage",
      major: "major outage",
      critical: "critical outage",
      maintenance: "maintenance",
    },
    /** A component's badge, by its status. */
    component: {
      operational: "operational",
      degraded_performance: "degraded performance",
      partial_outage: "partial outage",
      major_outage: "major outage",
      under_maintenance: "maintenance",
    },
  },
  frame: {
    title: (page: string, status: string) => `${page} status: ${status}`,
    /** The first open event's name when there are others. */
    andMore: (name: string, others: number) => `${name} and ${others} more`,
    /** A last known good copy, from `when`. */
    asOf: (when: string) => `as of ${when}`,
    opensInNewTab: (title: string) => `${title} (opens the status page in a new tab)`,
  },
  /** The widget's words; it fills each `{page}` and `{count}` in itself. */
  widget: {
    heading: (page: string) => `${page} status`,
    unnamedHeading: "Service status",
    update: "Update",
    maintenance: "Maintenance",
    incident: "Incident",
    more: (count: string) => `${count} more on the status page`,
    dismiss: "Dismiss status notice",
  },
};
