import type { EventRecord, PageSnapshot } from "../db/queries/snapshot";
import type { ComponentRow } from "../db/schema";
import type { ComponentStatus, IncidentStatus } from "../domain/statuses";
import { isOpenIncident } from "../domain/statuses";
import { addDays, localDay, startOfLocalDay, zoneLabel } from "../domain/time";
import { localDay as dayLabel } from "../i18n/format";
import { ENGLISH_VOICE, type Voice, type Words } from "../i18n/words";
import { type DayWindow, dayWindows, UPTIME_DAYS, type UptimeDay, uptimeDayFromTotals, uptimeDays, uptimeRatio } from "../domain/uptime";

export { UPTIME_DAYS };
import { displayOrder, snapshotStatus } from "./statuspage";
import { type Bar, type BarEvent, BarEventNames, bar, barEvents } from "./uptime-bars";
import { uptimeFigure } from "./uptime-figure";
import { type EventView, eventView, groupStatus, statusReason } from "./view-model";

export const PAST_DAYS = 14;

export interface ComponentItem {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  children: ComponentItem[] | null;
  uptime: Uptime | null;
}

export interface Uptime {
  /** "99.95 % uptime", or "No uptime data yet" before the component was observed. */
  figure: string;
  label: string;
  /** The first bar's calendar day in the page's zone, "2026-09-09". */
  from: string;
  bars: Bar[];
  events: BarEvent[];
}

export interface HomeModel {
  pageName: string;
  zoneNote: string;
  status: { indicator: string; description: string };
  reason: string;
  open: EventView[];
  maintenances: EventView[];
  components: ComponentItem[];
  /** The names of the events the bars mention; `BarEvent.index` points here. */
  barEvents: string[];
  pastDays: { label: string; events: EventView[] }[];
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

// A component's days depend on the data and the clock, not on the language: one snapshot is drawn
// in each of the page's languages and read by the badges, so they are computed once per snapshot and now.
const daysMemo = new WeakMap<PageSnapshot, { now: number; byComponent: Map<string, UptimeDay[]> }>();

function daysOf(c: ComponentRow, snapshot: PageSnapshot, calendar: Calendar, now: number): UptimeDay[] {
  let memo = daysMemo.get(snapshot);
  if (memo?.now !== now) {
    memo = { now, byComponent: new Map() };
    daysMemo.set(snapshot, memo);
  }
  let days = memo.byComponent.get(c.id);
  if (!days) {
    days = computeDays(c, snapshot, calendar, now);
    memo.byComponent.set(c.id, days);
  }
  return days;
}

function computeDays(c: ComponentRow, snapshot: PageSnapshot, calendar: Calendar, now: number): UptimeDay[] {
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

function uptimeFor(c: ComponentRow, snapshot: PageSnapshot, calendar: Calendar, now: number, names: BarEventNames, words: Words): Uptime {
  const days = daysOf(c, snapshot, calendar, now);
  const touching = snapshot.events.filter((e) => e.componentIds.includes(c.id));
  const ratio = uptimeRatio(days);
  const say = words.t.page.uptime;
  const figure = ratio === null ? say.noData : say.figure(uptimeFigure(ratio, words.locale));
  return {
    figure,
    label: ratio === null ? say.noDataLabel(c.name) : say.label(c.name, figure, UPTIME_DAYS),
    from: calendar.windows[0]!.day,
    bars: days.map((d, i) => bar(d, calendar.labels[i]!, words)),
    events: barEvents(touching, calendar.windows, now, names),
  };
}

// Day boundaries and labels are the same for every component: compute them once per page.
function calendarOf(snapshot: PageSnapshot, now: number, words: Words = ENGLISH_VOICE): Calendar {
  const zone = snapshot.page.timeZone;
  const windows = dayWindows(now, zone, UPTIME_DAYS);
  return { windows, labels: windows.map((w) => dayLabel(w.dayStart + 12 * 3_600_000, zone, words.locale)), rawFrom: rawHistoryFrom(snapshot, now) };
}

/** Each component's 90-day uptime (0–1, null before it has been observed), as the page shows it. */
export function uptimeRatios(snapshot: PageSnapshot, now: number): Map<string, number | null> {
  const calendar = calendarOf(snapshot, now);
  return new Map(snapshot.components.filter((c) => !c.isGroup).map((c) => [c.id, uptimeRatio(daysOf(c, snapshot, calendar, now))]));
}

function componentItems(snapshot: PageSnapshot, now: number, names: BarEventNames, words: Words): ComponentItem[] {
  const ordered = displayOrder(snapshot.components);
  const calendar = calendarOf(snapshot, now, words);
  const visible = (c: ComponentRow) => !c.onlyShowIfDegraded || c.status !== "operational";
  const item = (c: ComponentRow): ComponentItem => ({
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.isGroup ? groupStatus(c, ordered) : c.status,
    children: c.isGroup ? ordered.filter((child) => child.groupId === c.id && visible(child)).map(item) : null,
    uptime: hasBars(c) ? uptimeFor(c, snapshot, calendar, now, names, words) : null,
  });
  return ordered
    .filter((c) => !c.groupId && visible(c))
    .map(item)
    .filter((c) => c.children === null || c.children.length > 0);
}

export function homeModel(snapshot: PageSnapshot, now: number, voice: Voice = ENGLISH_VOICE): HomeModel {
  const zone = snapshot.page.timeZone;
  const view = (r: EventRecord) => eventView(snapshot, r, now, true, voice);
  const line = (r: EventRecord) => eventView(snapshot, r, now, false, voice);
  const byStart = [...snapshot.events].sort((a, b) => b.row.startedAt - a.row.startedAt);
  const today = localDay(now, zone);
  const incidentDays = new Map(byStart.filter((e) => e.row.kind === "incident").map((e) => [e, localDay(e.row.startedAt, zone)]));
  const pastDays = Array.from({ length: PAST_DAYS }, (_, i) => {
    const day = addDays(today, -i);
    const events = [...incidentDays].filter(([, d]) => d === day).map(([e]) => line(e));
    return { label: dayLabel(startOfLocalDay(day, zone) + 12 * 3_600_000, zone, voice.locale), events };
  });
  const names = new BarEventNames();
  const components = componentItems(snapshot, now, names, voice);
  const status = snapshotStatus(snapshot);
  return {
    pageName: snapshot.page.name,
    zoneNote: `${zoneLabel(now, zone)} (${zone})`,
    status: {
      indicator: status.indicator,
      description: voice.t.core.pageStatus[status.description as keyof Voice["t"]["core"]["pageStatus"]] ?? status.description,
    },
    reason: statusReason(snapshot, voice),
    open: byStart.filter((e) => e.row.kind === "incident" && isOpenIncident(e.row.status as IncidentStatus)).map(view),
    maintenances: byStart
      .filter((e) => e.row.kind === "maintenance" && e.row.status !== "completed")
      .sort((a, b) => (a.row.scheduledFor ?? 0) - (b.row.scheduledFor ?? 0))
      .map(view),
    components,
    barEvents: names.names,
    pastDays,
  };
}
