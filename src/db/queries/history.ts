import { and, asc, desc, eq, gte, lt, max, min } from "drizzle-orm";
import type { Db } from "../../env";
import { incidents, pages, type IncidentRow, type PageRow } from "../schema";

export interface HistoryRows {
  page: PageRow;
  events: IncidentRow[];
  /** Start of the newest event before the range, and of the oldest after it (UTC ms), for paging. */
  olderStartedAt: number | null;
  newerStartedAt: number | null;
}

/** Every event started in [from, to), plus where the neighbouring pages of history begin: one batch. */
export async function loadHistory(db: Db, pageId: string, from: number, to: number): Promise<HistoryRows | null> {
  const onPage = eq(incidents.pageId, pageId);
  const [pageRows, events, older, newer] = await db.batch([
    db.select().from(pages).where(eq(pages.id, pageId)),
    db.select().from(incidents).where(and(onPage, gte(incidents.startedAt, from), lt(incidents.startedAt, to))).orderBy(desc(incidents.startedAt), asc(incidents.createdAt)),
    db.select({ at: max(incidents.startedAt) }).from(incidents).where(and(onPage, lt(incidents.startedAt, from))),
    db.select({ at: min(incidents.startedAt) }).from(incidents).where(and(onPage, gte(incidents.startedAt, to))),
  ]);
  const page = pageRows[0];
  if (!page) return null;
  return { page, events, olderStartedAt: older[0]?.at ?? null, newerStartedAt: newer[0]?.at ?? null };
}
