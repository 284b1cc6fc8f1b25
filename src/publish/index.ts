import { lastKnownGoodKey } from "../cache/keys";
import { logCacheError, storeSite } from "../cache/routing";
import { PendingWrites, writeBody } from "../cache/store";
import type { Db } from "../env";
import { type ComposeOptions, composeBodies } from "./compose";
import { completeHistory, type PublishData } from "./load";
import type { PublishScope } from "./scope";

export { publishReads, type PublishData } from "./load";
export { EMPTY_SCOPE, mergeScopes, type PublishScope } from "./scope";

export interface PublishResult {
  written: number;
  failed: number;
}

/**
 * Stores every body of `data` in KV, stamped with the page's generation, writing only what changed
 * (KV bills writes and allows one a second per key), deletes what no longer exists, and then the
 * routing record, whose generation tells readers that older bodies are out of date. A failed KV
 * write is counted, not thrown: D1 holds the truth and the minute job publishes again.
 */
export async function publish(kv: KVNamespace, db: Db, loaded: PublishData, scope: PublishScope, now: number, options: ComposeOptions): Promise<PublishResult> {
  const data = await completeHistory(db, loaded, now);
  const { puts, deletes } = composeBodies(data, scope, now, options);
  const generation = data.page.generation;
  const writes = new PendingWrites();
  for (const put of puts) writes.add(writeBody(kv, put.key, put.body, { now, skipIfSame: true, contentType: put.contentType, generation }));
  // A deleted event must not come back from a last known good copy while D1 is down.
  for (const key of deletes)
    writes.add(
      kv.delete(key).then(() => undefined),
      kv.delete(lastKnownGoodKey(key)).then(() => undefined),
    );
  const results = await writes.settled();
  let written = 0;
  let failed = 0;
  for (const r of results) {
    if (r.status === "rejected") {
      failed++;
      logCacheError(r.reason);
    } else if (r.value?.written !== false) written++;
  }
  // Last: a reader who sees the new generation finds the new bodies already there.
  if (failed === 0) {
    try {
      if ((await storeSite(kv, data.routing, now)).written) written++;
    } catch (error) {
      failed++;
      logCacheError(error);
    }
  }
  return { written, failed };
}
