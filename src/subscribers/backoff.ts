// Seconds before each retry of a delivery: the first within a minute, then growing roughly as the
// Standard Webhooks schedule does, capped by the queue's longest delay (12 h). Ten tries span about
// 28 hours; the queue then moves the message to the dead-letter queue (max_retries in wrangler.toml).
const DELAYS = [30, 120, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200];

/** The wait before the retry that follows attempt number `attempts` (1 for the first try). */
export function retryDelaySeconds(attempts: number): number {
  return DELAYS[Math.min(Math.max(attempts, 1), DELAYS.length) - 1]!;
}

/** Keep in step with max_retries of the deliveries consumer in wrangler.toml. */
export const MAX_RETRIES = DELAYS.length;
