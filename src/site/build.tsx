import type { Child } from "hono/jsx";
import type { HistoryRows } from "../db/queries/history";
import type { PageSnapshot } from "../db/queries/snapshot";
import type { PageRow } from "../db/schema";
import { humanDuration } from "../domain/duration";
import { type IncidentFacts, STATS_WINDOWS, windowStats } from "../domain/stats";
import { localDay, localYear, monthLabel, startOfLocalDay, zoneLabel } from "../domain/time";
import { homeModel } from "../present/home-model";
import { eventView } from "../present/view-model";
import { ErrorPage } from "./views/error";
import { EventPage } from "./views/event";
import { HistoryPage, type HistoryModel } from "./views/history";
import { HomePage } from "./views/home";
import { Layout } from "./views/layout";

// Pages are rendered to strings when data changes (admin writes, cron), not per request, so they
// can be cached in KV like the JSON bodies.
const documentOf = (node: unknown) => `<!doctype html>${String(node)}`;

const zoneNote = (page: PageIdentity, now: number) => `${zoneLabel(now, page.timeZone)} (${page.timeZone})`;

export function homeHtml(snapshot: PageSnapshot, now: number): string {
  const model = homeModel(snapshot, now);
  return documentOf(
    <Layout
      title={`${model.pageName} status`}
      pageName={model.pageName}
      zoneNote={model.zoneNote}
      description={`${model.status.description}. ${model.reason}.`}
      scripts={["/uptime-bars.js"]}
    >
      <HomePage model={model} />
    </Layout>,
  );
}

export function eventHtml(snapshot: PageSnapshot, id: string, now: number): string | null {
  const record = snapshot.events.find((e) => e.row.id === id);
  if (!record) return null;
  const event = eventView(snapshot, record, now);
  const { page } = snapshot;
  return documentOf(
    <Layout title={`${event.name} · ${page.name} status`} pageName={page.name} zoneNote={zoneNote(page, now)} description={event.sentence || event.name}>
      <EventPage event={event} />
    </Layout>,
  );
}

const monthStart = (year: number, month: number, zone: string) => startOfLocalDay(`${year}-${String(month).padStart(2, "0")}-01`, zone);

/** The local [start, end) of a calendar year, UTC ms. */
export function yearRange(year: number, zone: string): [number, number] {
  return [monthStart(year, 1, zone), monthStart(year + 1, 1, zone)];
}

/** The years a history page links to: the nearest years with data, never past the current year. */
export function historyLinks(rows: HistoryRows, year: number, now: number): { newer: number | null; older: number | null } {
  const yearOf = (ms: number) => localYear(ms, rows.page.timeZone);
  const thisYear = yearOf(now);
  return {
    newer: year < thisYear ? (rows.newerStartedAt !== null ? Math.min(yearOf(rows.newerStartedAt), thisYear) : thisYear) : null,
    older: rows.olderStartedAt !== null ? yearOf(rows.olderStartedAt) : null,
  };
}

export function historyHtml(rows: HistoryRows, facts: readonly IncidentFacts[], year: number, now: number): string {
  const { page } = rows;
  const zone = page.timeZone;
  const thisYear = localYear(now, zone);
  const lastMonth = year === thisYear ? Number(localDay(now, zone).slice(5, 7)) : 12;
  // Page back no further than the first month with data.
  const firstMonth =
    rows.olderStartedAt === null && rows.events.length > 0 ? Math.min(...rows.events.map((e) => Number(localDay(e.startedAt, zone).slice(5, 7)))) : 1;
  const months: HistoryModel["months"] = [];
  for (let m = lastMonth; m >= firstMonth; m--) {
    const [from, to] = [monthStart(year, m, zone), m === 12 ? monthStart(year + 1, 1, zone) : monthStart(year, m + 1, zone)];
    const events = rows.events
      .filter((e) => e.startedAt >= from && e.startedAt < to)
      .map((row) =>
        eventView(
          { page, components: [], events: [], rollups: [], statusChanges: [], statusBefore: new Map() },
          { row, updates: [], transitions: new Map(), componentIds: [] },
          now,
          false,
        ),
      );
    months.push({ label: monthLabel(from + 15 * 86_400_000, zone), events });
  }
  const model: HistoryModel = {
    pageName: page.name,
    zoneNote: zoneNote(page, now),
    year,
    months,
    ...historyLinks(rows, year, now),
    reliability: STATS_WINDOWS.map((days) => {
      const w = windowStats(facts, now, days);
      return { days, incidents: w.incidents, resolved: w.resolved, mttr: w.mttrMs === null ? null : humanDuration(w.mttrMs) };
    }),
  };
  return documentOf(
    <Layout title={`Incident history ${year} · ${page.name} status`} pageName={page.name} zoneNote={model.zoneNote}>
      <HistoryPage model={model} />
    </Layout>,
  );
}

/** A page of the status page's layout around `body` (errors, subscribing, the pages a mail's links open). */
/** What a page without data of its own (an error, a form) shows of its status page. */
export type PageIdentity = Pick<PageRow, "name" | "timeZone">;

export function plainHtml(title: string, body: Child, page: PageIdentity | null, now: number): string {
  const name = page?.name ?? "Status";
  return documentOf(
    <Layout title={`${title} · ${name}`} pageName={name} zoneNote={page ? zoneNote(page, now) : "UTC"}>
      {body}
    </Layout>,
  );
}

export function errorHtml(title: string, message: string, page: PageIdentity | null, now: number): string {
  return plainHtml(title, <ErrorPage title={title} message={message} />, page, now);
}
