import { and, asc, desc, eq, gte, lt, max, min } from "drizzle-orm";
import type { Db } from "../../env";
import { combine, reads, type Reads, run } from "../reads";
import { incidents, pages, type IncidentRow, type PageRow } from "../schema";

export interface HistoryRows {
  page: PageRow;
  events: IncidentRow[];
  /** Start of the newest event before the range, and of the oldest after it (UTC ms), for paging. */
  olderStartedAt: number | null;
  newerStartedAt: number | null;
}

/** Every event started in [from, to), plus where the neighbouring pages of history begin: one batch. */
export function loadHistory(db: Db, pageId: string, from: number, to: number): Promise<HistoryRows | null> {
  const withPage = combine(
    reads([db.select().from(pages).where(eq(pages.id, pageId))], ([rows]: [PageRow[]]) => rows[0]),
    historyReads(db, pageId, from, to),
  );
  return run(db, withPage).then(([page, rows]) => (page ? { page, ...rows } : null));
}

/** `loadHistory` without the page row, for a batch that loads the page anyway. */
export function historyReads(db: Db, pageId: string, from: number, to: number): Reads<Omit<HistoryRows, "page">> {
  const onPage = eq(incidents.pageId, pageId);
  return reads(
    [
      db
        .select()
        .from(incidents)
        .where(and(onPage, gte(incidents.startedAt, from), lt(incidents.startedAt, to)))
        .orderBy(desc(incidents.startedAt), asc(incidents.createdAt)),
      db
        .select({ at: max(incidents.startedAt) })
        .from(incidents)
        .where(and(onPage, lt(incidents.startedAt, from))),
      db
        .select({ at: min(incidents.startedAt) })
        .from(incidents)
        .where(and(onPage, gte(incidents.startedAt, to))),
    ],
    ([events, older, newer]: [IncidentRow[], { at: number | null }[], { at: number | null }[]]) => ({
      events,
      olderStartedAt: older[0]?.at ?? null,
      newerStartedAt: newer[0]?.at ?? null,
    }),
  );
}
