import { listComponents } from "../db/queries/components";
import type { PageRow } from "../db/schema";
import type { Db } from "../env";
import { invalid } from "../lib/errors";

/** Component ids must be the page's own (leaf components or groups); none at all means everything. */
export async function checkComponents(ctx: { db: Db; page: PageRow }, ids: readonly string[] | undefined, field: string): Promise<string[] | null> {
  if (!ids || ids.length === 0) return null;
  const known = new Set((await listComponents(ctx.db, ctx.page.id)).map((c) => c.id));
  const unknown = ids.flatMap((id, i) => (known.has(id) ? [] : [{ field: `${field}.${i}`, message: "No such component on this page." }]));
  if (unknown.length > 0) throw invalid("unknown_component", "Subscribe to components of this page.", unknown);
  return [...new Set(ids)];
}
