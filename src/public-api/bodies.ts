import { BODY_NAMES, type BodyName } from "../cache/keys";
import type { PageSnapshot } from "../db/queries/snapshot";
import { isActiveMaintenance, isOpenIncident, type IncidentStatus, type MaintenanceStatus } from "../domain/statuses";
import { Presenter } from "../present/statuspage";

export { BODY_NAMES, type BodyName };

const open = (s: string) => isOpenIncident(s as IncidentStatus);
const active = (s: string) => isActiveMaintenance(s as MaintenanceStatus);
const upcoming = (s: string) => s === "scheduled";

/** Builds the named bodies from one snapshot (the presenter's work is shared between them). */
export function buildBodies(snapshot: PageSnapshot, names: readonly BodyName[] = BODY_NAMES): Map<BodyName, unknown> {
  const p = new Presenter(snapshot);
  const page = p.page();
  const build: Record<BodyName, () => unknown> = {
    summary: () => ({
      page,
      components: p.components,
      incidents: p.events("incident", open).map((r) => p.incident(r, false)),
      scheduled_maintenances: p.events("maintenance", (s) => upcoming(s) || active(s)).map((r) => p.maintenance(r, false)),
      status: p.status(),
    }),
    status: () => ({ page, status: p.status() }),
    components: () => ({ page, components: p.components }),
    incidents: () => ({ page, incidents: p.recent("incident").map((r) => p.incident(r)) }),
    "incidents-unresolved": () => ({ page, incidents: p.events("incident", open).map((r) => p.incident(r)) }),
    "scheduled-maintenances": () => ({ page, scheduled_maintenances: p.recent("maintenance").map((r) => p.maintenance(r)) }),
    "scheduled-maintenances-upcoming": () => ({
      page,
      scheduled_maintenances: p.events("maintenance", upcoming).map((r) => p.maintenance(r)),
    }),
    "scheduled-maintenances-active": () => ({
      page,
      scheduled_maintenances: p.events("maintenance", active).map((r) => p.maintenance(r)),
    }),
  };
  return new Map(names.map((name) => [name, build[name]()]));
}

/** `{ page, incident }` or `{ page, scheduled_maintenance }` for one event, or null if the snapshot lacks it. */
export function buildEventBody(snapshot: PageSnapshot, id: string): unknown | null {
  const record = snapshot.events.find((e) => e.row.id === id);
  if (!record) return null;
  const p = new Presenter(snapshot);
  return record.row.kind === "incident" ? { page: p.page(), incident: p.incident(record) } : { page: p.page(), scheduled_maintenance: p.maintenance(record) };
}
