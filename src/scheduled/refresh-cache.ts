import { eventIndexKey } from "../cache/event-index";
import { readBody } from "../cache/store";
import { listPendingOutbox } from "../db/queries/outbox";
import { listPages } from "../db/queries/pages";
import { run } from "../db/reads";
import type { OutboxRow, PageRow } from "../db/schema";
import type { Db } from "../env";
import { mergeScopes, publishReads, publishRecords, scopeRuns } from "../publish";

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

// A page's other languages show time passing at this pace when nothing changes (each is one more KV
// write a minute per live body during an incident); a change writes them at once.
const OTHER_LANGUAGES_EVERY_MS = 5 * 60_000;

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
    // A page with nothing pending still gets one run: the bodies that show time passing.
    const runs: OutboxRow[][] = records.length > 0 ? scopeRuns(records) : [[]];
    let found = false;
    const indexDue = records.length > 0 || !(await indexIsCurrent(kv, page));
    for (const [i, batch] of runs.entries()) {
      const scope = mergeScopes(batch);
      const data = await run(db, publishReads(db, page, scope, now, indexDue));
      if (!data) break;
      found = true;
      const ids = batch.map((r) => r.id);
      const options = {
        liveSince: i === 0 ? now - LIVE_EVENT_WINDOW_MS : undefined,
        feeds: ids.length > 0,
        otherLanguages: ids.length > 0 || now % OTHER_LANGUAGES_EVERY_MS < 60_000,
      };
      const outcome = await publishRecords(kv, db, data, scope, ids, now, options);
      result.written += outcome.written;
      result.failed += outcome.failed;
      if (outcome.published) result.records += ids.length;
    }
    if (found) result.pages++;
  }
  return result;
}

/** Whether the page's "not found" index was built at its current generation (a change that failed to publish leaves it older). */
async function indexIsCurrent(kv: KVNamespace, page: PageRow): Promise<boolean> {
  const stored = await readBody(kv, eventIndexKey(page.id)).catch(() => null);
  return stored !== null && stored.generation >= page.generation;
}
