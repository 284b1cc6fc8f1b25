import { listPendingOutbox, markFailedStatements, markPublishedStatements } from "../db/queries/outbox";
import { listPages } from "../db/queries/pages";
import { run, type Statement } from "../db/reads";
import type { OutboxRow } from "../db/schema";
import type { Db } from "../env";
import { mergeScopes, publish, publishReads } from "../publish";

export interface RefreshCacheResult {
  pages: number;
  /** Outbox records (committed changes) whose publication this run finished. */
  records: number;
  written: number;
  failed: number;
}

// Event bodies touched within this window are rebuilt too: their pages show time passing ("ongoing
// for 2h"). Every event each minute would spend the free plan's daily KV reads.
const LIVE_EVENT_WINDOW_MS = 60 * 60_000;

const scopeOf = (r: OutboxRow) => ({ eventIds: r.eventIds, deletedEventIds: r.deletedEventIds, eventTimes: r.eventTimes });

/**
 * Publishes every committed change whose publication is not done (its writer failed or died after
 * the commit), and rewrites each page's bodies that show time passing. Works from state: bodies
 * whose content did not change are not written, so a second run at the same state writes nothing,
 * and a record is marked done only once everything it touches is published.
 */
export async function refreshCache(db: Db, kv: KVNamespace, now: number): Promise<RefreshCacheResult> {
  const result: RefreshCacheResult = { pages: 0, records: 0, written: 0, failed: 0 };
  const pending = await listPendingOutbox(db, now);
  for (const page of await listPages(db)) {
    const records = pending.filter((r) => r.pageId === page.id);
    const scope = mergeScopes(records.map(scopeOf));
    const data = await run(db, publishReads(db, page, scope, now));
    if (!data) continue;
    const ids = records.map((r) => r.id);
    let error = "";
    try {
      const outcome = await publish(kv, db, data, scope, now, { liveSince: now - LIVE_EVENT_WINDOW_MS, feeds: records.length > 0 });
      result.written += outcome.written;
      result.failed += outcome.failed;
      if (outcome.failed > 0) error = `${outcome.failed} cache writes failed`;
    } catch (e) {
      error = String(e);
      result.failed++;
    }
    if (ids.length > 0) {
      const marks = error ? markFailedStatements(db, ids, now, error) : markPublishedStatements(db, ids, now);
      await db.batch(marks as unknown as [Statement, ...Statement[]]);
      if (!error) result.records += ids.length;
    }
    result.pages++;
  }
  return result;
}
