import { asc, desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../env";
import { pages, uptimeDays, type PageRow } from "../schema";
import { resetRollupStatement } from "./uptime";

/** The page a host name serves: its own page, else the default page, else the oldest page. */
export async function findPageForHost(db: Db, host: string): Promise<PageRow | undefined> {
  return db
    .select()
    .from(pages)
    .orderBy(desc(sql`coalesce(${pages.host} = ${host}, 0)`), desc(pages.isDefault), asc(pages.createdAt))
    .limit(1)
    .get();
}

export function getPage(db: Db, id: string) {
  return db.select().from(pages).where(eq(pages.id, id)).get();
}

export function listPages(db: Db) {
  return db.select().from(pages).orderBy(asc(pages.createdAt)).all();
}

export type NewPage = typeof pages.$inferInsert;

/** Inserts a page; a new default page takes the default flag from the others in the same batch. */
export async function insertPage(db: Db, page: NewPage) {
  // Always a batch: an Idempotency-Key claim joins the request's batch.
  const insert = db.insert(pages).values(page);
  await (page.isDefault ? db.batch([db.update(pages).set({ isDefault: false }), insert]) : db.batch([insert]));
}

/** One batch: the page's new fields and, with a new time zone, the end of every day cut in the old one. */
export async function updatePage(db: Db, id: string, changes: Partial<NewPage>, newTimeZone: boolean) {
  const statements: BatchItem<"sqlite">[] = [
    ...(changes.isDefault ? [db.update(pages).set({ isDefault: false })] : []),
    db.update(pages).set(changes).where(eq(pages.id, id)),
    ...(newTimeZone ? [db.delete(uptimeDays).where(eq(uptimeDays.pageId, id)), resetRollupStatement(db, id)] : []),
  ];
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

export interface Routing {
  hosts: Record<string, string>;
  defaultId: string | null;
  /** Page id → IANA time zone: what a public read needs to know before it reads a cached body. */
  zones: Record<string, string>;
}

/** Host → page id for every page, so public reads can pick a page without touching D1. */
export async function loadRouting(db: Db): Promise<Routing> {
  const rows = await db.select().from(pages).orderBy(desc(pages.isDefault), asc(pages.createdAt)).all();
  const hosts: Record<string, string> = {};
  const zones: Record<string, string> = {};
  for (const row of rows) {
    if (row.host) hosts[row.host] = row.id;
    zones[row.id] = row.timeZone;
  }
  return { hosts, defaultId: rows[0]?.id ?? null, zones };
}
