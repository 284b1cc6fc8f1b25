import { and, eq, gt, inArray } from "drizzle-orm";
import type { IncidentFacts } from "../../domain/stats";
import type { Db } from "../../env";
import { incidentComponents, incidents } from "../schema";

const DAY = 86_400_000;

/** The incidents (not maintenances) that started in the last `days` days, with their components: one batch. */
export async function loadIncidentFacts(db: Db, pageId: string, now: number, days: number): Promise<IncidentFacts[]> {
  const recent = and(eq(incidents.pageId, pageId), eq(incidents.kind, "incident"), gt(incidents.startedAt, now - days * DAY));
  const [rows, links] = await db.batch([
    db.select({ id: incidents.id, startedAt: incidents.startedAt, durationMs: incidents.durationMs }).from(incidents).where(recent),
    db
      .select({ incidentId: incidentComponents.incidentId, componentId: incidentComponents.componentId })
      .from(incidentComponents)
      .where(inArray(incidentComponents.incidentId, db.select({ id: incidents.id }).from(incidents).where(recent))),
  ]);
  const byIncident = new Map<string, string[]>();
  for (const l of links) byIncident.set(l.incidentId, [...(byIncident.get(l.incidentId) ?? []), l.componentId]);
  return rows.map((r) => ({ startedAt: r.startedAt, durationMs: r.durationMs, componentIds: byIncident.get(r.id) ?? [] }));
}
