import { type EventIds, eventIdsReads } from "../db/queries/event-ids";
import { historyReads, type HistoryRows } from "../db/queries/history";
import { routingOf, routingQuery, type Routing } from "../db/queries/pages";
import { type PageSnapshot, windowSnapshotReads } from "../db/queries/snapshot";
import { incidentFactsReads } from "../db/queries/stats";
import { loadStatusHistory, statusHistoryReads } from "../db/queries/uptime";
import { combine, reads, type Reads } from "../db/reads";
import type { PageRow } from "../db/schema";
import { STATS_DAYS, type IncidentFacts } from "../domain/stats";
import { localDay, localYear, startOfLocalDay } from "../domain/time";
import type { Db } from "../env";
import { homeWindow } from "../present/home-data";
import { rawHistoryFrom } from "../present/home-model";
import { yearRange } from "../site/build";
import type { PublishScope } from "./scope";

/** Everything the public bodies of one page are built from, loaded in one batch. */
export interface PublishData {
  page: PageRow;
  /** The home page's window plus every scoped event, with rolled-up days and the raw history since `rawFrom`. */
  snapshot: PageSnapshot;
  rawFrom: number;
  facts: IncidentFacts[];
  /** History rows per year (without the page, which is `page`). */
  years: Map<number, Omit<HistoryRows, "page">>;
  routing: Routing;
  /** Every event id of the page, when its "not found" index is to be written (see cache/event-index.ts). */
  eventIds: EventIds | null;
}

/**
 * The queries behind every body a change touches, for one batch: a write appends them to its own
 * batch (so they see what it wrote, in the same round trip), the minute job runs them alone. The
 * raw status history is loaded from the start of today, which covers the home page whenever the
 * rolled-up days are complete; `completeHistory` loads the rest when they are not. `withEventIds`
 * adds every event id (one more statement, a row per event): for a change, which may create or
 * delete events, and for a page whose index is missing or old.
 */
export function publishReads(
  db: Db,
  page: Pick<PageRow, "id" | "timeZone">,
  scope: PublishScope,
  now: number,
  withEventIds: boolean,
): Reads<PublishData | null> {
  const zone = page.timeZone;
  const rawFrom = startOfLocalDay(localDay(now, zone), zone);
  const years = [...new Set([now, ...scope.eventTimes].map((ms) => localYear(ms, zone)))].filter((y) => y >= 2000 && y <= localYear(now, zone));
  const loaders = combine(
    windowSnapshotReads(db, page.id, homeWindow(now), scope.eventIds),
    statusHistoryReads(db, page.id, rawFrom),
    incidentFactsReads(db, page.id, now, STATS_DAYS),
    combine(...years.map((year) => historyReads(db, page.id, ...yearRange(year, zone)))),
    reads([routingQuery(db)], ([rows]: [PageRow[]]) => routingOf(rows)),
    withEventIds ? eventIdsReads(db, page.id) : reads([], () => null),
  );
  return {
    statements: loaders.statements,
    parse: (results) => {
      const [snapshot, history, facts, yearRows, routing, eventIds] = loaders.parse(results);
      if (!snapshot) return null;
      return {
        page: snapshot.page,
        snapshot: { ...snapshot, statusChanges: history.changes, statusBefore: history.before },
        rawFrom,
        facts,
        years: new Map(years.map((year, i) => [year, yearRows[i]!])),
        routing,
        eventIds,
      };
    },
  };
}

/** Loads the raw history the rolled-up days do not cover, when that reaches before today (rare: after a back-dated change, or before the rollup job ran). */
export async function completeHistory(db: Db, data: PublishData, now: number): Promise<PublishData> {
  const from = rawHistoryFrom(data.snapshot, now);
  if (from >= data.rawFrom) return data;
  const history = await loadStatusHistory(db, data.page.id, from);
  return { ...data, rawFrom: from, snapshot: { ...data.snapshot, statusChanges: history.changes, statusBefore: history.before } };
}
