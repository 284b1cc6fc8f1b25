import { listPages, type NewPage, pageStatements, updatePageStatements } from "../db/queries/pages";
import type { PageRow } from "../db/schema";
import { isUniqueViolation, Refusal } from "../lib/errors";
import { newId } from "../lib/ids";
import { pageLanguages } from "../i18n/locales";
import { EMPTY_SCOPE } from "../publish";
import { fieldChanges } from "./audit-diff";
import { type Committed, commit } from "./commit";
import type { WriteContext } from "./context";

export interface PageInput {
  name: string;
  url: string;
  host?: string | null;
  timeZone: string;
  isDefault?: boolean;
  settings?: Record<string, unknown>;
}

export interface PageCommitted extends Committed {
  page: PageRow;
}

function hostTaken(error: unknown): never {
  if (isUniqueViolation(error, "pages.host")) {
    throw new Refusal("conflict", "host_taken", "Another page already serves this host.", [{ field: "body.host", message: "Already in use." }]);
  }
  throw error;
}

type PageWrite = Omit<WriteContext, "page">;

/** Creates a page; the first page of a deployment is the default one. */
export async function createPage(ctx: PageWrite, input: PageInput): Promise<PageCommitted> {
  const { db, now } = ctx;
  const first = (await listPages(db)).length === 0;
  const row = {
    id: newId(),
    name: input.name,
    url: input.url,
    host: input.host ?? null,
    timeZone: input.timeZone,
    isDefault: input.isDefault ?? first,
    settings: input.settings ?? {},
    generation: 0,
    servableFrom: 0,
    createdAt: now,
    updatedAt: now,
  } satisfies PageRow;
  const committed = await commit(
    { ...ctx, page: row },
    {
      change: "page.created",
      statements: pageStatements(db, row),
      scope: EMPTY_SCOPE,
      componentIds: [],
      resource: `page:${row.id}`,
      status: 201,
      audit: { after: { name: row.name, url: row.url, host: row.host, timeZone: row.timeZone } },
    },
  ).catch(hostTaken);
  return { ...committed, page: committed.data.page };
}

export async function patchPage(ctx: WriteContext, input: Partial<PageInput>): Promise<PageCommitted> {
  const { db, page, now } = ctx;
  const changes: Partial<NewPage> = { updatedAt: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.url !== undefined) changes.url = input.url;
  if (input.host !== undefined) changes.host = input.host;
  if (input.timeZone !== undefined) changes.timeZone = input.timeZone;
  // Settings merge: changing one leaves the others as they were.
  if (input.settings !== undefined) changes.settings = { ...page.settings, ...input.settings };
  if (input.isDefault === true) changes.isDefault = true;
  const newTimeZone = input.timeZone !== undefined && input.timeZone !== page.timeZone;
  // The name, the URL and the zone show in every body the page ever served.
  // So do its languages: the language switch and every link's ?lang= (a language no longer offered must not linger).
  const newLanguage = changes.settings !== undefined && JSON.stringify(pageLanguages(changes.settings)) !== JSON.stringify(pageLanguages(page.settings));
  const purges = (input.name !== undefined && input.name !== page.name) || (input.url !== undefined && input.url !== page.url) || newTimeZone || newLanguage;
  const committed = await commit(ctx, {
    change: purges ? "page.renamed" : "page.updated",
    statements: updatePageStatements(db, page.id, changes, newTimeZone),
    scope: EMPTY_SCOPE,
    componentIds: [],
    purges,
    page: { id: page.id, timeZone: changes.timeZone ?? page.timeZone },
    resource: `page:${page.id}`,
    status: 200,
    audit: fieldChanges(page, changes, AUDITED),
  }).catch(hostTaken);
  return { ...committed, page: committed.data.page };
}

// What the audit log shows of a page: the fields an operator sets.
const AUDITED = ["name", "url", "host", "timeZone", "isDefault", "settings"] as const;
