import type { EventRecord, PageSnapshot } from "../db/queries/snapshot";
import type { ComponentRow } from "../db/schema";
import { humanDuration } from "../domain/duration";
import type { ComponentStatus, IncidentStatus } from "../domain/statuses";
import { isOpenIncident } from "../domain/statuses";
import { addDays, localDay, shortDate, startOfLocalDay, zoneLabel } from "../domain/time";
import { type DayWindow, dayWindows, formatUptime, UPTIME_DAYS, type UptimeDay, uptimeDayFromTotals, uptimeDays, uptimeRatio } from "../domain/uptime";

export { UPTIME_DAYS };
import { displayOrder, snapshotStatus } from "./statuspage";
import { type EventView, eventView, groupStatus, statusReason } from "./view-model";

export const PAST_DAYS = 14;

export interface Bar {
  /** "ok", "degraded_performance", "partial_outage", "major_outage", "under_maintenance" or "none". */
  level: string;
  title: string;
}

export interface ComponentItem {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  children: ComponentItem[] | null;
  /** `figure`: "99.95 % uptime", or "No uptime data yet" before the component was observed. */
  uptime: { figure: string; bars: Bar[]; label: string } | null;
}

export interface HomeModel {
  pageName: string;
  zoneNote: string;
  status: { indicator: string; description: string };
  reason: string;
  open: EventView[];
  maintenances: EventView[];
  components: ComponentItem[];
  pastDays: { label: string; events: EventView[] }[];
}

function barTitle(day: UptimeDay, date: string, incidents: string[]): string {
  if (day.worst === null) return `${date} · No data`;
  const parts = [
    day.majorMs > 0 ? `${humanDuration(day.majorMs)} major outage` : "",
    day.partialMs > 0 ? `${humanDuration(day.partialMs)} partial outage` : "",
    day.degradedMs > 0 ? `${humanDuration(day.degradedMs)} degraded` : "",
    day.maintenanceMs > 0 ? `${humanDuration(day.maintenanceMs)} maintenance` : "",
  ].filter(Boolean);
  const what = parts.length > 0 ? parts.join(", ") : "No downtime";
  return [date, what, ...(incidents.length > 0 ? [incidents.join("; ")] : [])].join(" · ");
}

interface Calendar {
  windows: DayWindow[];
  labels: string[];
  /** Days starting here or later come from raw history; earlier ones from rollups. */
  rawFrom: number;
}

const sinceOf = (c: ComponentRow, zone: string) => (c.startDate ? startOfLocalDay(c.startDate, zone) : c.createdAt);
const hasBars = (c: ComponentRow) => !c.isGroup && c.showcase;
const rollupKey = (componentId: string, day: string) => `${componentId}|${day}`;

/**
 * Where the raw status history has to take over from the rollups: the start of the first day in the
 * window that some component has observed but has no rollup for, and at the latest today
 * (never rolled up: it is not over).
 */
export function rawHistoryFrom(snapshot: PageSnapshot, now: number): number {
  const zone = snapshot.page.timeZone;
  const windows = dayWindows(now, zone, UPTIME_DAYS);
  const rolled = new Set(snapshot.rollups.map((r) => rollupKey(r.componentId, r.day)));
  let from = windows[windows.length - 1]!.dayStart;
  // Every component, bars or not: the uptime badges read the same days.
  for (const c of snapshot.components.filter((c) => !c.isGroup)) {
    const since = sinceOf(c, zone);
    const gap = windows.find((w) => w.dayEnd <= now && w.dayEnd > since && !rolled.has(rollupKey(c.id, w.day)));
    if (gap && gap.dayStart < from) from = gap.dayStart;
  }
  return from;
}

function daysOf(c: ComponentRow, snapshot: PageSnapshot, calendar: Calendar, now: number): UptimeDay[] {
  const since = sinceOf(c, snapshot.page.timeZone);
  const changes = snapshot.statusChanges.filter((ch) => ch.componentId === c.id);
  const rolled = new Map(snapshot.rollups.filter((r) => r.componentId === c.id).map((r) => [r.day, r]));
  const raw = calendar.windows.filter((w) => w.dayStart >= calendar.rawFrom);
  const fromRaw = new Map(
    uptimeDays({ changes, statusBefore: snapshot.statusBefore.get(c.id), currentStatus: c.status, since, now, windows: raw }).map((d) => [d.day, d]),
  );
  return calendar.windows.map((w) => {
    const computed = fromRaw.get(w.day);
    if (computed) return computed;
    const row = rolled.get(w.day);
    // Before the component's start there is no row: the day was not observed.
    return row
      ? uptimeDayFromTotals(row)
      : uptimeDayFromTotals({ ...w, observedMs: 0, majorMs: 0, partialMs: 0, degradedMs: 0, maintenanceMs: 0, worst: null });
  });
}

function uptimeFor(c: ComponentRow, snapshot: PageSnapshot, calendar: Calendar, now: number) {
  const days = daysOf(c, snapshot, calendar, now);
  const touching = snapshot.events.filter((e) => e.componentIds.includes(c.id));
  const bars = days.map((d, i) => {
    const names = touching.filter((e) => e.row.startedAt < d.dayEnd && (e.row.resolvedAt ?? now) >= d.dayStart).map((e) => e.row.name);
    return { level: d.worst === null ? "none" : d.worst === "operational" ? "ok" : d.worst, title: barTitle(d, calendar.labels[i]!, names) };
  });
  const ratio = uptimeRatio(days);
  const figure = ratio === null ? "No uptime data yet" : `${formatUptime(ratio)} uptime`;
  return { figure, bars, label: ratio === null ? `${c.name}: no uptime data yet` : `${c.name}: ${figure} over the last ${UPTIME_DAYS} days` };
}

// Day boundaries and labels are the same for every component: compute them once per page.
function calendarOf(snapshot: PageSnapshot, now: number): Calendar {
  const windows = dayWindows(now, snapshot.page.timeZone, UPTIME_DAYS);
  return { windows, labels: windows.map((w) => shortDate(w.dayStart + 12 * 3_600_000, snapshot.page.timeZone)), rawFrom: rawHistoryFrom(snapshot, now) };
}

/** Each component's 90-day uptime (0–1, null before it has been observed), as the page shows it. */
export function uptimeRatios(snapshot: PageSnapshot, now: number): Map<string, number | null> {
  const calendar = calendarOf(snapshot, now);
  return new Map(snapshot.components.filter((c) => !c.isGroup).map((c) => [c.id, uptimeRatio(daysOf(c, snapshot, calendar, now))]));
}

function componentItems(snapshot: PageSnapshot, now: number): ComponentItem[] {
  const ordered = displayOrder(snapshot.components);
  const calendar = calendarOf(snapshot, now);
  const visible = (c: ComponentRow) => !c.onlyShowIfDegraded || c.status !== "operational";
  const item = (c: ComponentRow): ComponentItem => ({
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.isGroup ? groupStatus(c, ordered) : c.status,
    children: c.isGroup ? ordered.filter((child) => child.groupId === c.id && visible(child)).map(item) : null,
    uptime: hasBars(c) ? uptimeFor(c, snapshot, calendar, now) : null,
  });
  return ordered
    .filter((c) => !c.groupId && visible(c))
    .map(item)
    .filter((c) => c.children === null || c.children.length > 0);
}

export function homeModel(snapshot: PageSnapshot, now: number): HomeModel {
  const zone = snapshot.page.timeZone;
  const view = (r: EventRecord) => eventView(snapshot, r, now);
  const line = (r: EventRecord) => eventView(snapshot, r, now, false);
  const byStart = [...snapshot.events].sort((a, b) => b.row.startedAt - a.row.startedAt);
  const today = localDay(now, zone);
  const incidentDays = new Map(byStart.filter((e) => e.row.kind === "incident").map((e) => [e, localDay(e.row.startedAt, zone)]));
  const pastDays = Array.from({ length: PAST_DAYS }, (_, i) => {
    const day = addDays(today, -i);
    const events = [...incidentDays].filter(([, d]) => d === day).map(([e]) => line(e));
    return { label: shortDate(startOfLocalDay(day, zone) + 12 * 3_600_000, zone), events };
  });
  return {
    pageName: snapshot.page.name,
    zoneNote: `${zoneLabel(now, zone)} (${zone})`,
    status: snapshotStatus(snapshot),
    reason: statusReason(snapshot),
    open: byStart.filter((e) => e.row.kind === "incident" && isOpenIncident(e.row.status as IncidentStatus)).map(view),
    maintenances: byStart
      .filter((e) => e.row.kind === "maintenance" && e.row.status !== "completed")
      .sort((a, b) => (a.row.scheduledFor ?? 0) - (b.row.scheduledFor ?? 0))
      .map(view),
    components: componentItems(snapshot, now),
    pastDays,
  };
}
