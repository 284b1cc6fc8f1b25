import type { PageRow } from "../db/schema";
import type { Db } from "../env";

/** What every write needs: the database, the cache it refreshes, the page, and one clock reading. */
export interface WriteContext {
  db: Db;
  kv: KVNamespace;
  page: PageRow;
  /** UTC epoch ms, read once per request or scheduled run. */
  now: number;
}
