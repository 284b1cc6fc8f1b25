import { listPages } from "../db/queries/pages";
import type { PageRow } from "../db/schema";
import type { Db } from "../env";
import type { DeliveryQueue } from "../subscribers/fan-out";
import { Refusal } from "../lib/errors";
import type { WriteContext } from "../writes/context";

/** What a scheduled job gets: D1, KV and the tick it runs for ("now" is the scheduled time). */
export interface JobContext {
  db: Db;
  kv: KVNamespace;
  now: number;
  /** Subscriber deliveries; absent, changes are fanned out but queued by a later run that has it. */
  queue?: DeliveryQueue;
}

/** Writes made by a job as the page's own system: one context per page, one `now` for the tick. */
export async function pageContexts(job: JobContext, actor: string): Promise<Map<string, WriteContext>> {
  const pages: PageRow[] = await listPages(job.db);
  // The job's own changes (an auto-resolution, a maintenance starting) are fanned out as they commit.
  const notifier = { queue: job.queue };
  return new Map(pages.map((page) => [page.id, { db: job.db, kv: job.kv, page, now: job.now, actor, notifier }]));
}

/** Counts a step that threw: a lost race with a person (a conflict) is retried next tick; anything else is logged. */
export function countFailure(result: { conflicts: number; failed: number }, error: unknown, what: string, id: string): void {
  if (error instanceof Refusal && (error.kind === "conflict" || error.kind === "state")) {
    result.conflicts++;
    return;
  }
  result.failed++;
  console.error(`${what} failed`, id, error);
}
