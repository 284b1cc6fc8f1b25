import { eq } from "drizzle-orm";
import { type ImportState, importedEventsUnchangedGuard, importStateReads, importStatements } from "../db/queries/import";
import { run } from "../db/reads";
import { listPages, pageStatements, updatePageStatements } from "../db/queries/pages";
import { resetRollupStatement } from "../db/queries/uptime";
import { type PageRow, pages } from "../db/schema";
import type { ImportInput } from "../import/capture";
import { type Counts, planImport, type Skipped } from "../import/plan";
import { newId } from "../lib/ids";
import { isUniqueViolation, Refusal } from "../lib/errors";
import { commit } from "./commit";
import type { WriteContext } from "./context";

export interface ImportResult {
  page: PageRow;
  pageCreated: boolean;
  dryRun: boolean;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  skipped: Skipped[];
  /** Whether every public body shows the import yet (false: the minute job finishes it). */
  published: boolean;
}

/** The page on `host` (an earlier import, or a page made here), else a new one there. */
async function targetPage(ctx: Omit<WriteContext, "page">, input: ImportInput): Promise<{ page: PageRow; isNew: boolean }> {
  const { db, now } = ctx;
  const page = await db.select().from(pages).where(eq(pages.host, input.host)).get();
  if (page) return { page, isNew: false };
  const first = (await listPages(db)).length === 0;
  const source = input.summary.page;
  return {
    page: {
      id: newId(),
      name: source.name,
      url: `https://${input.host}`,
      host: input.host,
      timeZone: source.time_zone,
      isDefault: first,
      settings: {},
      generation: 0,
      servableFrom: 0,
      createdAt: now,
      updatedAt: now,
    },
    isNew: true,
  };
}

/**
 * Brings a hosted status page's capture in: one batch with the page (new or renamed), its
 * components, every event with its updates and the status changes they made, and the source ids
 * that make a second import change nothing. All or nothing; nobody is notified; the audit log
 * records it. A dry run plans the same and writes nothing.
 */
export async function importCapture(ctx: Omit<WriteContext, "page">, input: ImportInput): Promise<ImportResult> {
  const { db, now } = ctx;
  const { page, isNew } = await targetPage(ctx, input);
  const state: ImportState = isNew
    ? { sources: new Map(), eventVersions: new Map(), componentStatuses: new Map() }
    : await run(db, importStateReads(db, page.id));
  const { sources } = state;
  // Another hosted page's capture, or a page made here, on this host: never merged into it.
  if (!isNew && sources.get(`page:${input.summary.page.id}`) === undefined) {
    throw new Refusal("conflict", "host_taken", "The page on this host was not imported from this hosted page: import onto another host.", [
      { field: "body.host", message: "Serves another page." },
    ]);
  }
  const plan = await planImport(input, { pageId: page.id, ...state, now, newId });
  const result = {
    page,
    pageCreated: isNew,
    dryRun: input.dry_run,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
  };
  const nothingToWrite = Object.values(plan.rows).every((rows) => rows.length === 0);
  const source = input.summary.page;
  const renamed = !isNew && (page.name !== source.name || page.timeZone !== source.time_zone);
  // The same capture again: no batch, no audit row, no new generation. Nothing changed.
  if (input.dry_run || (nothingToWrite && !isNew && !renamed)) return { ...result, published: true };

  const pageRows = isNew
    ? pageStatements(db, page)
    : renamed
      ? updatePageStatements(db, page.id, { name: source.name, timeZone: source.time_zone, updatedAt: now }, page.timeZone !== source.time_zone)
      : [];
  const statements = [
    ...pageRows,
    ...importStatements(db, {
      ...plan.rows,
      sources: [...plan.rows.sources, [page.id, "page", source.id, page.id, source.id, null, now]],
    }),
    // The imported history changes closed days: the rollup job computes them again.
    resetRollupStatement(db, page.id),
    // An event edited here between the plan and this batch is not overwritten: 409, nothing written.
    ...(plan.rows.replacedEvents.length > 0 ? [importedEventsUnchangedGuard(db, plan.rows.replacedEvents)] : []),
  ];
  const counts = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, skipped: plan.skipped.length };
  const committed = await commit(
    { ...ctx, page, quiet: true },
    {
      change: "page.imported",
      statements,
      scope: { eventIds: [], deletedEventIds: [], eventTimes: plan.eventTimes },
      componentIds: plan.componentIds,
      purges: plan.rows.replacedEvents.length > 0 || plan.updated.components > 0,
      ...(renamed ? { page: { id: page.id, timeZone: source.time_zone } } : {}),
      resource: `page:${page.id}`,
      status: isNew ? 201 : 200,
      audit: { target: `page:${page.id}`, after: { source: source.url, ...counts } },
    },
  ).catch((error: unknown) => {
    if (isUniqueViolation(error, "pages.host")) {
      throw new Refusal("conflict", "host_taken", "Another page already serves this host.", [{ field: "body.host", message: "Already in use." }]);
    }
    throw error;
  });
  return { ...result, page: committed.data.page, published: committed.published };
}
