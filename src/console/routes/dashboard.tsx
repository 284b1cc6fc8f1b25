import { Hono } from "hono";
import { loadSnapshot } from "../../db/queries/snapshot";
import { isActiveMaintenance, isOpenIncident, type IncidentStatus, type MaintenanceStatus } from "../../domain/statuses";
import type { AppEnv } from "../../env";
import { displayOrder, snapshotStatus } from "../../present/statuspage";
import { groupStatus, statusReason } from "../../present/view-model";
import { StatusLabel } from "../../site/views/parts";
import { chromeOf } from "../context";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { EventRows } from "../views/event-parts";
import { ConsoleLayout } from "../views/layout";

export function dashboardRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const page = c.get("page");
    const snapshot = (await loadSnapshot(c.get("db"), page.id))!;
    const status = snapshotStatus(snapshot);
    const events = snapshot.events;
    const open = events.filter((e) => e.row.kind === "incident" && isOpenIncident(e.row.status as IncidentStatus));
    const maintenances = events.filter(
      (e) =>
        e.row.kind === "maintenance" && e.row.cancelledAt === null && (e.row.status === "scheduled" || isActiveMaintenance(e.row.status as MaintenanceStatus)),
    );
    const path = (suffix: string) => consolePath(page.id, suffix);
    return sendConsole(
      c,
      <ConsoleLayout title="Dashboard" chrome={chromeOf(c)} section="Dashboard">
        <h1 class="visually-hidden">Dashboard</h1>
        <div class={`banner ind-${status.indicator}`}>
          <h2>{status.description}</h2>
          <p>{statusReason(snapshot)}</p>
        </div>
        <p class="actions">
          <a class="button primary" href={path("/incidents/new")}>
            New incident
          </a>
          <a class="button" href={path("/maintenances/new")}>
            Schedule maintenance
          </a>
        </p>
        <h2>Open incidents</h2>
        <EventRows records={open} page={page} empty="No open incidents." />
        <h2>Maintenance: in progress and upcoming</h2>
        <EventRows records={maintenances} page={page} empty="No maintenance in progress or scheduled." />
        <h2>Components</h2>
        <ul class="components">
          {displayOrder(snapshot.components).map((comp) => (
            <li class={`comp${comp.groupId ? " child" : ""}`}>
              <div class="row">
                <a class="name" href={path(`/components/${comp.id}`)}>
                  {comp.name}
                </a>
                <StatusLabel status={comp.isGroup ? groupStatus(comp, snapshot.components) : comp.status} />
              </div>
            </li>
          ))}
        </ul>
      </ConsoleLayout>,
    );
  });
  return app;
}
