const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Duration {
  /** Milliseconds, never negative. */
  ms: number;
  /** The raw end - start was negative (a clock error somewhere); `ms` was clamped to 0. */
  clamped: boolean;
  /** Still running: measured up to `now`. */
  ongoing: boolean;
}

/**
 * How long something lasted: `startedAt` → `endedAt`, or → `now` while it has not ended.
 * All values are UTC epoch milliseconds.
 */
export function duration(startedAt: number, endedAt: number | null, now: number): Duration {
  const raw = (endedAt ?? now) - startedAt;
  return { ms: Math.max(0, raw), clamped: raw < 0, ongoing: endedAt === null };
}

/** "2d 3h", "5h 23m", "47m", "less than a minute". Rounds down to the minute. */
export function humanDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return "less than a minute";
  const days = Math.floor(safe / DAY);
  const hours = Math.floor((safe % DAY) / HOUR);
  const minutes = Math.floor((safe % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}
