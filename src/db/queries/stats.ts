import { and, eq, gt, inArray } from "drizzle-orm";
import type { IncidentFacts } from "../../domain/stats";
import type { Db } from "../../env";
import { reads, type Reads, run } from "../reads";
import { incidentComponents, incidents } from "../schema";

const DAY = 86_400_000;

/** The incidents (not maintenances) that started in the last `days` days, with their components: one batch. */
export function loadIncidentFacts(db: Db, pageId: string, now: number, days: number): Promise<IncidentFacts[]> {
  return run(db, incidentFactsReads(db, pageId, now, days));
}

export function incidentFactsReads(db: Db, pageId: string, now: number, days: number): Reads<IncidentFacts[]> {
  const recent = and(eq(incidents.pageId, pageId), eq(incidents.kind, "incident"), gt(incidents.startedAt, now - days * DAY));
  return reads(
    [
      db.select({ id: incidents.id, startedAt: incidents.startedAt, durationMs: incidents.durationMs }).from(incidents).where(recent),
      db
        .select({ incidentId: incidentComponents.incidentId, componentId: incidentComponents.componentId })
        .from(incidentComponents)
        .where(inArray(incidentComponents.incidentId, db.select({ id: incidents.id }).from(incidents).where(recent))),
    ],
    ([rows, links]: [{ id: string; startedAt: number; durationMs: number | null }[], { incidentId: string; componentId: string }[]]) => {
      const byIncident = new Map<string, string[]>();
      for (const l of links) byIncident.set(l.incidentId, [...(byIncident.get(l.incidentId) ?? []), l.componentId]);
      return rows.map((r) => ({ startedAt: r.startedAt, durationMs: r.durationMs, componentIds: byIncident.get(r.id) ?? [] }));
    },
  );
}
