import { type Context, Hono } from "hono";
import { incidentUpdateOf, newIncidentOf } from "../../admin/inputs";
import { IncidentInput, IncidentUpdateInput } from "../../admin/schemas";
import { loadSnapshot } from "../../db/queries/snapshot";
import { templatesReads } from "../../db/queries/templates";
import { combine, run } from "../../db/reads";
import { componentsReads } from "../../db/queries/components";
import { isOpenIncident, type IncidentStatus } from "../../domain/statuses";
import { createIncident, postIncidentUpdate } from "../../writes/incidents";
import type { AppEnv } from "../../env";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState } from "../form-state";
import { checked, given, handleForm, parseWith, zonedTime } from "../forms";
import { consolePath, incidentPath } from "../paths";
import { sendConsole } from "../respond";
import { componentStatuses, loadEvent, withTemplate } from "./event-helpers";
import { EventListPage } from "../views/event-parts";
import { IncidentPage, NewIncidentPage } from "../views/incidents";

type C = Context<AppEnv>;

async function renderNew(c: C, form: FormState, status: 200 | 400 | 404 | 409 | 422 = 200) {
  const db = c.get("db");
  const pageId = c.get("page").id;
  const [components, templates] = await run(db, combine(componentsReads(db, pageId), templatesReads(db, pageId, "incident")));
  return sendConsole(c, NewIncidentPage({ chrome: chromeOf(c), form, components, templates }), status);
}

/** The incident with its update form: fresh (defaults), or as typed (a redraw keeps an unticked box unticked). */
async function renderIncident(c: C, id: string, typed?: FormState, status = 200) {
  const { event, components, templates } = await loadEvent(c, "incident", id);
  const form = typed ?? emptyForm({ status: event.row.status === "postmortem" ? "resolved" : event.row.status, notify: "on" });
  return sendConsole(c, IncidentPage({ chrome: chromeOf(c), form, record: event, components, templates }), status as 200);
}

export function incidentRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/incidents", async (c) => {
    const snapshot = await loadSnapshot(c.get("db"), c.get("page").id);
    const incidents = (snapshot?.events ?? []).filter((e) => e.row.kind === "incident");
    const open = incidents.filter((e) => isOpenIncident(e.row.status as IncidentStatus));
    const closed = incidents.filter((e) => !isOpenIncident(e.row.status as IncidentStatus));
    return sendConsole(
      c,
      EventListPage({
        chrome: chromeOf(c),
        title: "Incidents",
        action: { href: consolePath(c.get("page").id, "/incidents/new"), label: "New incident" },
        groups: [
          { heading: "Open", records: open, empty: "No open incidents." },
          { heading: "Recent", records: closed, empty: "No incidents yet." },
        ],
      }),
    );
  });

  app.get("/incidents/new", (c) => renderNew(c, emptyForm({ status: "investigating", notify: "on" })));
  app.post("/incidents/new", (c) =>
    handleForm(
      c,
      (form, status) => renderNew(c, form, status as 400),
      async (values) => {
        if (values._action === "use-template") return withTemplate(c, values, "incident");
        const page = c.get("page");
        const input = parseWith(IncidentInput, {
          name: values.name ?? "",
          status: values.status,
          body: values.body ?? "",
          impact: given(values.impact),
          started_at: zonedTime(values, "started_at", page.timeZone),
          display_at: zonedTime(values, "display_at", page.timeZone),
          components: componentStatuses(values),
          deliver_notifications: checked(values, "notify"),
        });
        const committed = await createIncident(consoleWriter(c, values), newIncidentOf(input));
        return incidentPath(page.id, committed.eventId);
      },
    ),
  );

  app.get("/incidents/:id", (c) => renderIncident(c, c.req.param("id")));
  app.post("/incidents/:id", (c) => {
    const id = c.req.param("id");
    return handleForm(
      c,
      (form, status) => renderIncident(c, id, form, status),
      async (values) => {
        if (values._action === "use-template") return withTemplate(c, values, "incident");
        const page = c.get("page");
        const components = componentStatuses(values);
        const input = parseWith(IncidentUpdateInput, {
          status: values.status,
          body: values.body ?? "",
          display_at: zonedTime(values, "display_at", page.timeZone),
          ...(components.length > 0 ? { components } : {}),
          deliver_notifications: checked(values, "notify"),
        });
        await postIncidentUpdate(consoleWriter(c, values), id, incidentUpdateOf(input));
        return incidentPath(page.id, id);
      },
    );
  });

  return app;
}
