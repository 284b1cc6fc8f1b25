import { refreshPublicBodies } from "../cache/refresh";
import { getPage, insertPage, listPages, type NewPage, updatePage } from "../db/queries/pages";
import type { PageRow } from "../db/schema";
import type { Db } from "../env";
import { ApiError, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";

export interface PageInput {
  name: string;
  url: string;
  host?: string | null;
  timeZone: string;
  isDefault?: boolean;
  settings?: Record<string, unknown>;
}

function hostTaken(error: unknown): never {
  if (isUniqueViolation(error, "pages.host")) {
    throw new ApiError(409, "host_taken", "Another page already serves this host.", [{ field: "body.host", message: "Already in use." }]);
  }
  throw error;
}

/** Creates a page; the first page of a deployment is the default one. */
export async function createPage(db: Db, kv: KVNamespace, input: PageInput, now: number): Promise<PageRow> {
  const first = (await listPages(db)).length === 0;
  const row: NewPage = {
    id: newId(),
    name: input.name,
    url: input.url,
    host: input.host ?? null,
    timeZone: input.timeZone,
    isDefault: input.isDefault ?? first,
    settings: input.settings ?? {},
    createdAt: now,
    updatedAt: now,
  };
  await insertPage(db, row).catch(hostTaken);
  await refreshPublicBodies(kv, db, row.id, now, { routing: true });
  return (await getPage(db, row.id))!;
}

export async function patchPage(db: Db, kv: KVNamespace, page: PageRow, input: Partial<PageInput>, now: number): Promise<PageRow> {
  const changes: Partial<NewPage> = { updatedAt: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.url !== undefined) changes.url = input.url;
  if (input.host !== undefined) changes.host = input.host;
  if (input.timeZone !== undefined) changes.timeZone = input.timeZone;
  // Settings merge: changing one leaves the others as they were.
  if (input.settings !== undefined) changes.settings = { ...page.settings, ...input.settings };
  if (input.isDefault === true) changes.isDefault = true;
  const newTimeZone = input.timeZone !== undefined && input.timeZone !== page.timeZone;
  await updatePage(db, page.id, changes, newTimeZone).catch(hostTaken);
  // The time zone changes every timestamp, the host changes routing: rebuild everything.
  await refreshPublicBodies(kv, db, page.id, now, { routing: true });
  return (await getPage(db, page.id))!;
}
