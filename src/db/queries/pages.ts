import { asc, desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../env";
import { languagesOf, type Locale } from "../../i18n/locales";
import { pages, uptimeDays, type PageRow } from "../schema";
import { type Reads, reads } from "../reads";
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

const pagesQuery = (db: Db) => db.select().from(pages).orderBy(asc(pages.createdAt));

/** Every page, oldest first. */
export const listPages = (db: Db) => pagesQuery(db).all();

/** listPages for a shared batch. */
export const pagesReads = (db: Db): Reads<PageRow[]> => reads([pagesQuery(db)], ([rows]: [PageRow[]]) => rows);

export type NewPage = typeof pages.$inferInsert;

/**
 * Every committed change moves the page to a new generation, so readers rebuild bodies built before
 * it; `purge` (a rename, a deletion) also stops older bodies from being served while D1 is down.
 */
export const bumpGenerationStatement = (db: Db, pageId: string, purge: boolean) =>
  db
    .update(pages)
    .set({ generation: sql`${pages.generation} + 1`, ...(purge ? { servableFrom: sql`${pages.generation} + 1` } : {}) })
    .where(eq(pages.id, pageId));

/** A new page; a new default page takes the default flag from the others in the same batch. */
export function pageStatements(db: Db, page: NewPage): BatchItem<"sqlite">[] {
  const insert = db.insert(pages).values(page);
  return page.isDefault ? [db.update(pages).set({ isDefault: false }), insert] : [insert];
}

/** The page's new fields and, with a new time zone, the end of every day cut in the old one. */
export function updatePageStatements(db: Db, id: string, changes: Partial<NewPage>, newTimeZone: boolean): BatchItem<"sqlite">[] {
  return [
    ...(changes.isDefault ? [db.update(pages).set({ isDefault: false })] : []),
    db.update(pages).set(changes).where(eq(pages.id, id)),
    ...(newTimeZone ? [db.delete(uptimeDays).where(eq(uptimeDays.pageId, id)), resetRollupStatement(db, id)] : []),
  ];
}

export interface Routing {
  hosts: Record<string, string>;
  defaultId: string | null;
  /** Page id → IANA time zone: what a public read needs to know before it reads a cached body. */
  zones: Record<string, string>;
  /** Page id → its name: what a "not found" page says without asking D1. */
  names?: Record<string, string>;
  /** Page id → its generations: a cached body older than `current` is rebuilt, one older than `servableFrom` never served. */
  generations?: Record<string, PageGeneration>;
  /** Page id → the languages it speaks, its own first: which one a reader gets is decided before any body is read. */
  languages?: Record<string, Locale[]>;
}

export interface PageGeneration {
  current: number;
  servableFrom: number;
}

const generationOf = (page: Pick<PageRow, "generation" | "servableFrom">): PageGeneration => ({
  current: page.generation,
  servableFrom: page.servableFrom,
});

/** Routing for every page from its rows (newest default first, as `routingQuery` orders them). */
export function routingOf(rows: readonly PageRow[]): Routing {
  const hosts: Record<string, string> = {};
  const zones: Record<string, string> = {};
  const names: Record<string, string> = {};
  const generations: Record<string, PageGeneration> = {};
  const languages: Record<string, Locale[]> = {};
  for (const row of rows) {
    if (row.host) hosts[row.host] = row.id;
    zones[row.id] = row.timeZone;
    names[row.id] = row.name;
    generations[row.id] = generationOf(row);
    languages[row.id] = languagesOf(row.settings);
  }
  return { hosts, defaultId: rows[0]?.id ?? null, zones, names, generations, languages };
}

export const routingQuery = (db: Db) => db.select().from(pages).orderBy(desc(pages.isDefault), asc(pages.createdAt));

/** Host → page id for every page, so public reads can pick a page without touching D1. */
export async function loadRouting(db: Db): Promise<Routing> {
  return routingOf(await routingQuery(db).all());
}
