import type { EventRecord } from "../db/queries/snapshot";
import type { ComponentStatus } from "../domain/statuses";
import { type DayWindow, type UptimeDay, uptimeRatio } from "../domain/uptime";
import { localDuration } from "../i18n/format";
import { ENGLISH, type Words } from "../i18n/words";
import { uptimeFigure } from "./uptime-figure";

type BarLevel = "ok" | "none" | Exclude<ComponentStatus, "operational">;

export interface Bar {
  level: BarLevel;
  /** What happened that day ("Sep 11, 2026 · 99.62 % uptime · 16m partial outage"); none on ok and no-data days, whose text the page derives. */
  note?: string;
}

/** An event touching a component's bars `from` to `to` (indexes, both included); `index` points into the page's list of event names. */
export interface BarEvent {
  index: number;
  from: number;
  to: number;
}

function downtime(day: UptimeDay, { locale, t }: Words): string {
  const say = t.page.uptime;
  const span = (ms: number) => localDuration(ms, locale, t.core.time.lessThanAMinute);
  const parts = [
    day.majorMs > 0 ? say.majorOutage(span(day.majorMs)) : "",
    day.partialMs > 0 ? say.partialOutage(span(day.partialMs)) : "",
    day.degradedMs > 0 ? say.degraded(span(day.degradedMs)) : "",
    day.maintenanceMs > 0 ? say.maintenance(span(day.maintenanceMs)) : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : say.noDowntime;
}

/** One day's bar; `label` is its day as the page writes it ("Sep 11, 2026"). */
export function bar(day: UptimeDay, label: string, words: Words = ENGLISH): Bar {
  if (day.worst === null) return { level: "none" };
  if (day.worst === "operational") return { level: "ok" };
  const ratio = uptimeRatio([day]);
  // A status set this very instant colours today before any of it was observed: no figure yet.
  const figure = ratio === null ? [] : [words.t.page.uptime.figure(uptimeFigure(ratio, words.locale))];
  return { level: day.worst, note: [label, ...figure, downtime(day, words)].join(" · ") };
}

/** The names of the events the bars mention, each once, in the order they were first asked for. */
export class BarEventNames {
  readonly names: string[] = [];
  private readonly indexes = new Map<string, number>();

  indexOf(name: string): number {
    let index = this.indexes.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexes.set(name, index);
    }
    return index;
  }
}

/**
 * The bars each event touches: the days it overlaps, an unresolved event lasting until `now`. Those
 * days follow each other, so one range per event.
 */
export function barEvents(events: readonly EventRecord[], windows: readonly DayWindow[], now: number, names: BarEventNames): BarEvent[] {
  const out: BarEvent[] = [];
  for (const e of events) {
    const touches = (w: DayWindow) => e.row.startedAt < w.dayEnd && (e.row.resolvedAt ?? now) >= w.dayStart;
    const from = windows.findIndex(touches);
    if (from >= 0) out.push({ index: names.indexOf(e.row.name), from, to: windows.findLastIndex(touches) });
  }
  return out;
}
