import { loadHistory } from "../db/queries/history";
import { loadIncidentFacts } from "../db/queries/stats";
import { STATS_DAYS } from "../domain/stats";
import type { Db } from "../env";
import type { Voice } from "../i18n/words";
import { historyHtml, yearRange } from "./build";

/** The history page of one year, built from D1 (two round trips); null when the page does not exist. */
export async function buildHistoryHtml(db: Db, pageId: string, zone: string, year: number, now: number, voice: Voice): Promise<string | null> {
  const [from, to] = yearRange(year, zone);
  const [rows, facts] = await Promise.all([loadHistory(db, pageId, from, to), loadIncidentFacts(db, pageId, now, STATS_DAYS)]);
  return rows ? historyHtml(rows, facts, year, now, voice) : null;
}
