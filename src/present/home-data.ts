import { type PageSnapshot, windowSnapshotReads } from "../db/queries/snapshot";
import { loadStatusHistory } from "../db/queries/uptime";
import { run } from "../db/reads";
import { addDays, localDay } from "../domain/time";
import type { Db } from "../env";
import { rawHistoryFrom, UPTIME_DAYS } from "./home-model";

const DAY = 86_400_000;

/** The window the home page (and the badges) show: events going on since then, rolled-up days from then. */
export function homeWindow(now: number) {
  // The zone is not known before the page row arrives: take every day any zone's window could start on.
  return { eventsSince: now - UPTIME_DAYS * DAY, rollupsFrom: addDays(localDay(now, "Etc/UTC"), -(UPTIME_DAYS + 1)) };
}

/**
 * What the home page is built from, in two round trips: the page with its events and rolled-up
 * uptime days, then the raw status history only from the first day the rollups do not cover
 * (usually just today) with where each component stood before it, so the bars read about one row
 * per component per day.
 */
export async function loadHomeSnapshot(db: Db, pageId: string, now: number): Promise<PageSnapshot | null> {
  const snapshot = await run(db, windowSnapshotReads(db, pageId, homeWindow(now)));
  if (!snapshot) return null;
  const history = await loadStatusHistory(db, pageId, rawHistoryFrom(snapshot, now));
  return { ...snapshot, statusChanges: history.changes, statusBefore: history.before };
}
