import type { Child } from "hono/jsx";
import type { HistoryRows } from "../db/queries/history";
import type { PageSnapshot } from "../db/queries/snapshot";
import type { PageRow } from "../db/schema";
import { localDuration, localMonth } from "../i18n/format";
import { ENGLISH_VOICE, type Voice } from "../i18n/words";
import { type IncidentFacts, STATS_WINDOWS, windowStats } from "../domain/stats";
import { localDay, localYear, startOfLocalDay, zoneLabel } from "../domain/time";
import { homeModel } from "../present/home-model";
import { eventPath } from "../present/links";
import { eventView } from "../present/view-model";
import { ErrorPage } from "./views/error";
import { EventPage } from "./views/event";
import { HistoryPage, type HistoryModel } from "./views/history";
import { HomePage } from "./views/home";
import { Layout } from "./views/layout";
import { VoiceContext } from "./views/voice";

// Pages are rendered to strings when data changes (admin writes, cron), not per request, so they
// can be cached in KV like the JSON bodies.
const documentOf = (voice: Voice, node: Child) => `<!doctype html>${String(<VoiceContext.Provider value={voice}>{node}</VoiceContext.Provider>)}`;

const zoneNote = (page: PageIdentity, now: number) => `${zoneLabel(now, page.timeZone)} (${page.timeZone})`;

export function homeHtml(snapshot: PageSnapshot, now: number, voice: Voice = ENGLISH_VOICE): string {
  const model = homeModel(snapshot, now, voice);
  return documentOf(
    voice,
    <Layout
      title={voice.t.page.layout.title(model.pageName)}
      pageName={model.pageName}
      zoneNote={model.zoneNote}
      description={`${model.status.description}. ${model.reason}.`}
      scripts={["/uptime-bars.js"]}
      site={snapshot.page.url}
    >
      <HomePage model={model} />
    </Layout>,
  );
}

export function eventHtml(snapshot: PageSnapshot, id: string, now: number, voice: Voice = ENGLISH_VOICE): string | null {
  const record = snapshot.events.find((e) => e.row.id === id);
  if (!record) return null;
  const event = eventView(snapshot, record, now, true, voice);
  const { page } = snapshot;
  return documentOf(
    voice,
    <Layout
      title={voice.t.page.layout.eventTitle(event.name, page.name)}
      pageName={page.name}
      zoneNote={zoneNote(page, now)}
      description={event.sentence || event.name}
      path={eventPath(event.kind, event.id)}
      site={page.url}
    >
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

export function historyHtml(rows: HistoryRows, facts: readonly IncidentFacts[], year: number, now: number, voice: Voice = ENGLISH_VOICE): string {
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
          voice,
        ),
      );
    months.push({ label: localMonth(from + 15 * 86_400_000, zone, voice.locale), events });
  }
  const model: HistoryModel = {
    pageName: page.name,
    zoneNote: zoneNote(page, now),
    year,
    months,
    ...historyLinks(rows, year, now),
    reliability: STATS_WINDOWS.map((days) => {
      const w = windowStats(facts, now, days);
      const mttr = w.mttrMs === null ? null : localDuration(w.mttrMs, voice.locale, voice.t.core.time.lessThanAMinute);
      return { days, incidents: w.incidents, resolved: w.resolved, mttr };
    }),
  };
  return documentOf(
    voice,
    <Layout
      title={voice.t.page.layout.historyTitle(year, page.name)}
      pageName={page.name}
      zoneNote={model.zoneNote}
      path={`/history?year=${year}`}
      site={page.url}
    >
      <HistoryPage model={model} />
    </Layout>,
  );
}

/** A page of the status page's layout around `body` (errors, subscribing, the pages a mail's links open). */
/** What a page without data of its own (an error, a form) shows of its status page. */
export type PageIdentity = Pick<PageRow, "name" | "timeZone">;

export function plainHtml(title: string, body: Child, page: PageIdentity | null, now: number, voice: Voice = ENGLISH_VOICE, path = "/"): string {
  const name = page?.name ?? "Status";
  return documentOf(
    voice,
    <Layout title={voice.t.page.layout.plainTitle(title, name)} pageName={name} zoneNote={page ? zoneNote(page, now) : "UTC"} path={path}>
      {body}
    </Layout>,
  );
}

/** An error page; `path` is where its language switch leads (the same address, in another language). */
export function errorHtml(title: string, message: string, page: PageIdentity | null, now: number, voice: Voice = ENGLISH_VOICE, path = "/"): string {
  return plainHtml(title, <ErrorPage title={title} message={message} />, page, now, voice, path);
}
