import { type ComponentStatus, worstStatus } from "./statuses";
import { addDays, localDay, startOfLocalDay } from "./time";

export interface StatusChange {
  changedAt: number;
  fromStatus: ComponentStatus;
  toStatus: ComponentStatus;
}

/** How many days the uptime bars and figures cover, today included. */
export const UPTIME_DAYS = 90;

export interface UptimeDay {
  /** The calendar day in the page's time zone, "2024-11-14". */
  day: string;
  /** Its local midnight and the next one, UTC ms. */
  dayStart: number;
  dayEnd: number;
  /** Milliseconds of the day the component was observed (after its start, before now). */
  observedMs: number;
  majorMs: number;
  partialMs: number;
  degradedMs: number;
  maintenanceMs: number;
  /** Major-outage time plus 0.3 × partial-outage time; degraded performance does not count. */
  downtimeMs: number;
  /** The worst status seen that day; null when the day was not observed at all. */
  worst: ComponentStatus | null;
}

export interface DayWindow {
  day: string;
  dayStart: number;
  dayEnd: number;
}

/** The last `count` calendar days in `timeZone`, oldest first, ending today. Compute once per page. */
export function dayWindows(now: number, timeZone: string, count = 90): DayWindow[] {
  const today = localDay(now, timeZone);
  const days = Array.from({ length: count + 1 }, (_, i) => addDays(today, i - count + 1));
  const starts = days.map((day) => startOfLocalDay(day, timeZone));
  return days.slice(0, count).map((day, i) => ({ day, dayStart: starts[i]!, dayEnd: starts[i + 1]! }));
}

export interface UptimeInput {
  /** Every status change of the component at or after the first window's start (older ones may be
   * included), ordered by time, ties in the order they were recorded. */
  changes: readonly StatusChange[];
  /** The status set by the latest change before `changes` (when there is one). */
  statusBefore?: ComponentStatus;
  currentStatus: ComponentStatus;
  /** When the component starts counting (its start date's local midnight, or its creation). */
  since: number;
  now: number;
  windows: readonly DayWindow[];
}

const PARTIAL_WEIGHT = 0.3;

interface Segment {
  from: number;
  to: number;
  status: ComponentStatus;
}

/**
 * The component's status over time as half-open segments, from the beginning of time to forever.
 * Each change's new status holds until the next change; only the first change's old status is used
 * (when nothing earlier is known), because a back-dated change can precede changes recorded before it.
 */
function segments(changes: readonly StatusChange[], currentStatus: ComponentStatus, statusBefore?: ComponentStatus): Segment[] {
  const sorted = [...changes].sort((a, b) => a.changedAt - b.changedAt);
  if (sorted.length === 0) return [{ from: -Infinity, to: Infinity, status: statusBefore ?? currentStatus }];
  const out: Segment[] = [{ from: -Infinity, to: sorted[0]!.changedAt, status: statusBefore ?? sorted[0]!.fromStatus }];
  sorted.forEach((c, i) => {
    out.push({ from: c.changedAt, to: sorted[i + 1]?.changedAt ?? Infinity, status: c.toStatus });
  });
  return out;
}

/** Daily uptime per window: each day clipped to the component's start and to now. */
export function uptimeDays({ changes, statusBefore, currentStatus, since, now, windows }: UptimeInput): UptimeDay[] {
  const timeline = segments(changes, currentStatus, statusBefore);
  return windows.map(({ day, dayStart, dayEnd }) => {
    const start = Math.max(dayStart, since);
    const end = Math.min(dayEnd, now);
    const totals: Record<ComponentStatus, number> = { operational: 0, degraded_performance: 0, partial_outage: 0, major_outage: 0, under_maintenance: 0 };
    const seen: ComponentStatus[] = [];
    for (const s of timeline) {
      const overlap = Math.min(end, s.to) - Math.max(start, s.from);
      if (overlap > 0) {
        totals[s.status] += overlap;
        seen.push(s.status);
      }
    }
    // Today's bar shows the status right now, even when it changed this very instant.
    const isToday = dayStart <= now && now < dayEnd && since <= now;
    if (isToday) seen.push(currentStatus);
    const observedMs = Math.max(0, end - start);
    return {
      day,
      dayStart,
      dayEnd,
      observedMs,
      majorMs: totals.major_outage,
      partialMs: totals.partial_outage,
      degradedMs: totals.degraded_performance,
      maintenanceMs: totals.under_maintenance,
      downtimeMs: totals.major_outage + PARTIAL_WEIGHT * totals.partial_outage,
      worst: observedMs > 0 || isToday ? worstStatus(seen) : null,
    };
  });
}

export type DayTotals = Omit<UptimeDay, "downtimeMs">;

/** A day from stored totals (a rollup row), weighed by the same rule as a day computed from history. */
export function uptimeDayFromTotals(totals: DayTotals): UptimeDay {
  return { ...totals, downtimeMs: totals.majorMs + PARTIAL_WEIGHT * totals.partialMs };
}

/** Uptime over the observed days as a fraction 0–1, or null when nothing was observed. */
export function uptimeRatio(days: readonly UptimeDay[]): number | null {
  const observed = days.reduce((sum, d) => sum + d.observedMs, 0);
  if (observed === 0) return null;
  const down = days.reduce((sum, d) => sum + d.downtimeMs, 0);
  return Math.max(0, 1 - down / observed);
}

/** "99.95 %"; rounds down so a page never shows 100.00 % after any downtime. */
export function formatUptime(ratio: number | null): string {
  if (ratio === null) return "No data";
  // The epsilon keeps binary rounding (0.57 × 10 000 = 5699.999…) from costing a hundredth.
  const floored = Math.floor(ratio * 10_000 + 1e-6) / 100;
  return `${floored.toFixed(2)} %`;
}
