import { refreshPublicBodies } from "../cache/refresh";
import { listPages } from "../db/queries/pages";
import type { Db } from "../env";

export interface RefreshCacheResult {
  pages: number;
  written: number;
  failed: number;
}

/**
 * Rewrites every page's public bodies whose content changed: heals a KV write that failed after an
 * admin write, or a read-filled body that lost a race with one. Bodies that did not change are not
 * written, so a second run at the same state writes nothing.
 */
export async function refreshCache(db: Db, kv: KVNamespace, now: number): Promise<RefreshCacheResult> {
  const result: RefreshCacheResult = { pages: 0, written: 0, failed: 0 };
  for (const page of await listPages(db)) {
    const { written, failed } = await refreshPublicBodies(kv, db, page.id, now, { routing: result.pages === 0 });
    result.pages++;
    result.written += written;
    result.failed += failed;
  }
  return result;
}
