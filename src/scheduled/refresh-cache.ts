import { refreshPublicBodies } from "../cache/refresh";
import { listPages } from "../db/queries/pages";
import type { Db } from "../env";

export interface RefreshCacheResult {
  pages: number;
  written: number;
  failed: number;
}

// Event bodies touched within this window are checked too. Checking every event each minute would
// spend the free plan's daily KV reads; an admin write whose KV write failed is always recent.
const RECENT_EVENT_WINDOW_MS = 60 * 60_000;

/**
 * Rewrites every page's public bodies whose content changed, and those of open or recently changed
 * events: heals a KV write that failed after an admin write, or a read-filled body that lost a race
 * with one. Unchanged bodies are not written, so a second run at the same state writes nothing.
 */
export async function refreshCache(db: Db, kv: KVNamespace, now: number): Promise<RefreshCacheResult> {
  const result: RefreshCacheResult = { pages: 0, written: 0, failed: 0 };
  for (const page of await listPages(db)) {
    // The routing record is kept in step by the heartbeat, after every job has run.
    const { written, failed } = await refreshPublicBodies(kv, db, page.id, now, { eventsChangedSince: now - RECENT_EVENT_WINDOW_MS });
    result.pages++;
    result.written += written;
    result.failed += failed;
  }
  return result;
}
