import { loadHistory } from "../db/queries/history";
import { loadSnapshot, loadWindowSnapshot, type PageSnapshot } from "../db/queries/snapshot";
import { localDay } from "../domain/time";
import type { Db } from "../env";
import { eventHtml, historyHtml, homeHtml, yearRange } from "../pages/build";
import { homeWindow } from "../pages/home-model";
import { htmlKey } from "./keys";
import { writeBody } from "./store";

type Write = Promise<{ written: boolean } | void>;

export async function buildHistoryHtml(db: Db, pageId: string, zone: string, year: number, now: number): Promise<string | null> {
  const [from, to] = yearRange(year, zone);
  const rows = await loadHistory(db, pageId, from, to);
  return rows ? historyHtml(rows, year, now) : null;
}

/**
 * The HTML side of a refresh: the home page, the pages of the named events, and the history years
 * they fall in (plus the current year). Same rule as the JSON: write only what changed.
 */
export async function htmlWrites(kv: KVNamespace, db: Db, snapshot: PageSnapshot, eventIds: ReadonlySet<string>, deleted: readonly string[], now: number): Promise<Write[]> {
  const { page } = snapshot;
  const put = (name: Parameters<typeof htmlKey>[1], body: string) => writeBody(kv, htmlKey(page.id, name), body, { now, skipIfSame: true, contentType: "html" });
  const writes: Write[] = [];
  const windowed = await loadWindowSnapshot(db, page.id, homeWindow(now));
  if (windowed) writes.push(put("home", homeHtml(windowed, now)));
  const years = new Set([Number(localDay(now, page.timeZone).slice(0, 4))]);
  for (const id of eventIds) {
    const source = windowed?.events.some((e) => e.row.id === id) ? windowed : await loadSnapshot(db, page.id, id);
    const record = source?.events.find((e) => e.row.id === id);
    if (!source || !record) continue;
    writes.push(put(`${record.row.kind}:${id}`, eventHtml(source, id, now)!));
    years.add(Number(localDay(record.row.startedAt, page.timeZone).slice(0, 4)));
  }
  for (const year of years) {
    const html = await buildHistoryHtml(db, page.id, page.timeZone, year, now);
    if (html) writes.push(put(`history:${year}`, html));
  }
  for (const id of deleted) writes.push(kv.delete(htmlKey(page.id, `incident:${id}`)), kv.delete(htmlKey(page.id, `maintenance:${id}`)));
  return writes;
}
