import { loadHistory } from "../db/queries/history";
import { loadSnapshot, type PageSnapshot } from "../db/queries/snapshot";
import { localDay } from "../domain/time";
import type { Db } from "../env";
import { eventHtml, historyHtml, historyLinks, homeHtml, yearRange } from "../pages/build";
import { loadHomeSnapshot } from "../pages/home-data";
import { loadStatsFacts } from "../public-api/stats";
import { badgeData } from "../embeds/badge-data";
import { htmlKey, lastKnownGoodKey, pageBodyKey } from "./keys";
import { type PendingWrites, writeBody } from "./store";


export async function buildHistoryHtml(db: Db, pageId: string, zone: string, year: number, now: number): Promise<string | null> {
  return (await buildHistoryPage(db, pageId, zone, year, now))?.html ?? null;
}

async function buildHistoryPage(db: Db, pageId: string, zone: string, year: number, now: number) {
  const [from, to] = yearRange(year, zone);
  const [rows, facts] = await Promise.all([loadHistory(db, pageId, from, to), loadStatsFacts(db, pageId, now)]);
  return rows ? { html: historyHtml(rows, facts, year, now), links: historyLinks(rows, year, now) } : null;
}

/**
 * The HTML side of a refresh: the home page, the pages of the named events, the history years they
 * (and `historyAt`, where deleted or moved events used to start) fall in, the current year, and
 * the years those link to, whose "older/newer" links may have changed. Same rule as the JSON:
 * write only what changed.
 */
export async function htmlWrites(writes: PendingWrites, kv: KVNamespace, db: Db, snapshot: PageSnapshot, eventIds: ReadonlySet<string>, deleted: readonly string[], historyAt: readonly number[], now: number): Promise<void> {
  const { page } = snapshot;
  const put = (name: Parameters<typeof htmlKey>[1], body: string) => writeBody(kv, htmlKey(page.id, name), body, { now, skipIfSame: true, contentType: "html" });
  const windowed = await loadHomeSnapshot(db, page.id, now);
  if (windowed) {
    writes.add(put("home", homeHtml(windowed, now)));
    writes.add(writeBody(kv, pageBodyKey(page.id, "badges"), JSON.stringify(badgeData(windowed, now)), { now, skipIfSame: true }));
  }
  const yearOf = (ms: number) => Number(localDay(ms, page.timeZone).slice(0, 4));
  const years = new Set([now, ...historyAt].map(yearOf));
  for (const id of eventIds) {
    const source = windowed?.events.some((e) => e.row.id === id) ? windowed : await loadSnapshot(db, page.id, id);
    const record = source?.events.find((e) => e.row.id === id);
    if (!source || !record) continue;
    writes.add(put(`${record.row.kind}:${id}`, eventHtml(source, id, now)!));
    years.add(yearOf(record.row.startedAt));
  }
  const neighbours = new Set<number>();
  const writeYear = async (year: number) => {
    const built = await buildHistoryPage(db, page.id, page.timeZone, year, now);
    if (!built) return;
    writes.add(put(`history:${year}`, built.html));
    for (const link of [built.links.newer, built.links.older]) if (link !== null && !years.has(link)) neighbours.add(link);
  };
  for (const year of years) await writeYear(year);
  for (const year of neighbours) await writeYear(year);
  for (const id of deleted) {
    for (const key of [htmlKey(page.id, `incident:${id}`), htmlKey(page.id, `maintenance:${id}`)]) writes.add(kv.delete(key), kv.delete(lastKnownGoodKey(key)));
  }
}
