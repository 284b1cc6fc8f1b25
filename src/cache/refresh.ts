import { loadSnapshot } from "../db/queries/snapshot";
import type { Db } from "../env";
import { BODY_NAMES, buildBodies, buildEventBody } from "../public-api/bodies";
import { atomFeed, rssFeed } from "../embeds/feeds";
import { buildStatsBody, loadStatsFacts } from "../public-api/stats";
import { eventBodyKey, lastKnownGoodKey, pageBodyKey } from "./keys";
import { htmlWrites } from "./refresh-html";
import { logCacheError, storeRouting } from "./routing";
import { PendingWrites, writeBody } from "./store";

export interface RefreshScope {
  /** Events whose own body changed. */
  eventIds?: readonly string[];
  /** Events that no longer exist. */
  deletedEventIds?: readonly string[];
  /** Where deleted or moved events used to start (UTC ms): their history years are rebuilt too. */
  historyAt?: readonly number[];
  /** A page was created or its host/default flag changed. */
  routing?: boolean;
  /** Also rewrite the bodies of events that are not finished or changed at or after this time (UTC ms). */
  eventsChangedSince?: number;
}

export interface RefreshResult {
  written: number;
  failed: number;
}

/**
 * The one durable writer of public bodies: rebuilds every page-wide JSON body and HTML page (and
 * those of the named events) from D1 and stores those whose content changed, so the next read in this location sees
 * the write. A failed KV write is logged, not thrown: the D1 write already happened and stands.
 */
export async function refreshPublicBodies(kv: KVNamespace, db: Db, pageId: string, now: number, scope: RefreshScope = {}): Promise<RefreshResult> {
  const snapshot = await loadSnapshot(db, pageId);
  if (!snapshot) return { written: 0, failed: 0 };
  const writes = new PendingWrites();
  for (const [name, body] of buildBodies(snapshot, BODY_NAMES)) {
    writes.add(writeBody(kv, pageBodyKey(pageId, name), JSON.stringify(body), { now, skipIfSame: true }));
  }
  const stats = buildStatsBody(snapshot, await loadStatsFacts(db, pageId, now), now);
  writes.add(writeBody(kv, pageBodyKey(pageId, "stats"), JSON.stringify(stats), { now, skipIfSame: true }));

  const eventIds = new Set(scope.eventIds);
  if (scope.eventsChangedSince !== undefined) {
    for (const { row } of snapshot.events) {
      const finished = row.status === "resolved" || row.status === "postmortem" || row.status === "completed";
      if (!finished || row.updatedAt >= scope.eventsChangedSince) eventIds.add(row.id);
    }
  }
  for (const id of eventIds) {
    // An event older than the recent window is not in the page snapshot: load it alone.
    const source = snapshot.events.some((e) => e.row.id === id) ? snapshot : await loadSnapshot(db, pageId, id);
    const record = source?.events.find((e) => e.row.id === id);
    if (!source || !record) continue;
    const key = eventBodyKey(pageId, record.row.kind, id);
    writes.add(writeBody(kv, key, JSON.stringify(buildEventBody(source, id)), { now, skipIfSame: true }));
  }
  // Feeds render every recent update's markdown: only when an event (or the page's name or URL) changed.
  if (eventIds.size > 0 || (scope.deletedEventIds?.length ?? 0) > 0 || scope.routing) {
    writes.add(writeBody(kv, pageBodyKey(pageId, "history.atom"), atomFeed(snapshot), { now, skipIfSame: true, contentType: "atom" }));
    writes.add(writeBody(kv, pageBodyKey(pageId, "history.rss"), rssFeed(snapshot), { now, skipIfSame: true, contentType: "rss" }));
  }
  // A deleted event must not come back from a last known good copy while D1 is down.
  for (const id of scope.deletedEventIds ?? []) {
    for (const key of [eventBodyKey(pageId, "incident", id), eventBodyKey(pageId, "maintenance", id)]) writes.add(kv.delete(key), kv.delete(lastKnownGoodKey(key)));
  }
  await htmlWrites(writes, kv, db, snapshot, eventIds, scope.deletedEventIds ?? [], scope.historyAt ?? [], now);
  if (scope.routing) writes.add(storeRouting(kv, db, now));
  const results = await writes.settled();
  let written = 0;
  let failed = 0;
  for (const r of results) {
    if (r.status === "rejected") {
      failed++;
      logCacheError(r.reason);
    } else if (r.value?.written !== false) written++;
  }
  return { written, failed };
}
