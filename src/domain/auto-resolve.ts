export interface MonitoringIncident {
  status: string;
  /** Display time of its latest update. */
  lastDisplayAt: number;
  /** When its latest update was posted (server time): a back-dated update still restarts the wait. */
  lastPostedAt: number;
}

/**
 * When a monitoring incident resolves itself: the quiet period after its latest update, counted from
 * whichever is later, the update's display time or its posting. Null when it never will (not in
 * monitoring, or the page turned it off with 0). A late cron run resolves at this time, not its own.
 */
export function autoResolveAt(incident: MonitoringIncident, quietMinutes: number): number | null {
  if (incident.status !== "monitoring" || quietMinutes <= 0) return null;
  return Math.max(incident.lastDisplayAt, incident.lastPostedAt) + quietMinutes * 60_000;
}

/** "60 minutes", "1 minute", "3 hours", "90 minutes": the words an operator would write. */
function inWords(minutes: number): string {
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} hours`;
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function autoResolveBody(quietMinutes: number): string {
  return `Resolved automatically after ${inWords(quietMinutes)} of monitoring with no new issues.`;
}
