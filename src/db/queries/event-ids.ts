import { eq } from "drizzle-orm";
import type { Db } from "../../env";
import { type Reads, reads } from "../reads";
import { incidents } from "../schema";

/** Every event id a page has, by kind, and when its earliest event started: what its "not found" index is built from. */
export interface EventIds {
  incident: string[];
  maintenance: string[];
  earliestStart: number | null;
}

export function eventIdsReads(db: Db, pageId: string): Reads<EventIds> {
  const query = db.select({ id: incidents.id, kind: incidents.kind, startedAt: incidents.startedAt }).from(incidents).where(eq(incidents.pageId, pageId));
  return reads([query], ([rows]: [{ id: string; kind: "incident" | "maintenance"; startedAt: number }[]]) => {
    const ids: EventIds = { incident: [], maintenance: [], earliestStart: null };
    for (const row of rows) {
      ids[row.kind].push(row.id);
      if (ids.earliestStart === null || row.startedAt < ids.earliestStart) ids.earliestStart = row.startedAt;
    }
    return ids;
  });
}
