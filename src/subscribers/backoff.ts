// Seconds before each retry of a delivery: the first within a minute, then growing roughly as the
// Standard Webhooks schedule does. Eleven tries span about 20 hours, inside the 24 hours a queue keeps
// a message on the free plan; the queue then moves it to the dead-letter queue (max_retries in
// wrangler.toml). Never above the queue's longest delay (12 h).
const DELAYS = [30, 120, 300, 900, 1800, 3600, 7200, 14_400, 21_600, 21_600];

/** The wait before the retry that follows attempt number `attempts` (1 for the first try). */
export function retryDelaySeconds(attempts: number): number {
  return DELAYS[Math.min(Math.max(attempts, 1), DELAYS.length) - 1]!;
}
