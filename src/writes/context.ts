import type { IdempotencyClaim } from "../db/queries/idempotency";
import type { PageRow } from "../db/schema";
import type { Db } from "../env";
import type { Notifier } from "../subscribers/fan-out";

/** What every write needs: the database, the cache it refreshes, the page, one clock reading and who writes. */
export interface WriteContext {
  db: Db;
  kv: KVNamespace;
  page: PageRow;
  /** UTC epoch ms, read once per request or scheduled run. */
  now: number;
  /** Who writes, as the outbox and the audit log record it: "api (admin token)", an Access email, "job:auto-resolve", "demo". */
  actor: string;
  /** The event version the writer saw (a console form): refused with 409 if it moved since. */
  basedOn?: number;
  /** The request's Idempotency-Key: claimed in the batch of its write. */
  idempotency?: IdempotencyClaim;
  /** Fans a committed change out to subscribers at once (a request's queue); without it the minute job does, within a minute. */
  notifier?: Notifier;
  /** Demo and imported data: committed without telling anyone. */
  quiet?: boolean;
}
