import { lastKnownGoodKey } from "../cache/keys";
import { logCacheError, storeSite } from "../cache/routing";
import { memoOf, PendingWrites, writeBody } from "../cache/store";
import { markFailedStatements, markPublishedStatements } from "../db/queries/outbox";
import type { Statement } from "../db/reads";
import type { Db } from "../env";
import { type ComposeOptions, composeBodies } from "./compose";
import { completeHistory, type PublishData } from "./load";
import type { PublishScope } from "./scope";

export { publishReads, type PublishData } from "./load";
export { EMPTY_SCOPE, mergeScopes, type PublishScope, scopeRuns } from "./scope";

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
  for (const key of deletes) {
    memoOf(kv).delete(key);
    writes.add(
      kv.delete(key).then(() => undefined),
      kv.delete(lastKnownGoodKey(key)).then(() => undefined),
    );
  }
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

export interface RecordsPublished extends PublishResult {
  /** Whether everything was published (the records are marked done); if not, they are marked for the next minute run. */
  published: boolean;
}

/**
 * Publishes what committed changes (their outbox records) touch and records the outcome on them:
 * done, or failed and due again at the next minute run. Never throws: once D1 has the changes,
 * publishing them can only be late, never undo them.
 */
export async function publishRecords(
  kv: KVNamespace,
  db: Db,
  data: PublishData,
  scope: PublishScope,
  recordIds: readonly string[],
  now: number,
  options: ComposeOptions,
): Promise<RecordsPublished> {
  let result: PublishResult = { written: 0, failed: 0 };
  let error = "";
  try {
    result = await publish(kv, db, data, scope, now, options);
    if (result.failed > 0) error = `${result.failed} cache writes failed`;
  } catch (e) {
    error = String(e);
    result = { ...result, failed: result.failed + 1 };
    console.error("publishing failed; the minute job will try again", recordIds, e);
  }
  if (recordIds.length > 0) {
    const marks = error ? markFailedStatements(db, recordIds, now, error) : markPublishedStatements(db, recordIds, now);
    // A mark that does not land leaves the records due: they are published again, harmlessly.
    await db.batch(marks as unknown as [Statement, ...Statement[]]).catch((e) => console.error("outbox records not marked", recordIds, e));
  }
  return { ...result, published: error === "" };
}
