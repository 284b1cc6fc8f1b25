/** The scheduler's last sign of life, kept in the routing record that every public read loads anyway. */
export interface Heartbeat {
  /** The tick (scheduled time, UTC ms) of the last minute run. */
  at: number;
  /** Jobs whose last run failed. */
  failing: string[];
}

// KV's free plan allows 1,000 writes a day: a beat every minute would spend 1,440 of them. Readers
// see "checked N minutes ago" with N ≤ 5 (plus KV's propagation), and a failure is written at once.
export const HEARTBEAT_WRITE_EVERY_MS = 5 * 60_000;

// Past this age the page says the scheduled checks are late: five minutes between beats, plus slack
// for KV's propagation and one missed run.
export const HEARTBEAT_OVERDUE_MS = 15 * 60_000;
