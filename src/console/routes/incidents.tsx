import { type Context, Hono } from "hono";
import { IncidentInput, IncidentPatch, IncidentUpdateInput, PostmortemInput, toRequested, UpdateBodyInput } from "../../admin/schemas";
import { loadSnapshot } from "../../db/queries/snapshot";
import { listTemplates } from "../../db/queries/templates";
import { listComponents } from "../../db/queries/components";
import { isOpenIncident, type IncidentStatus } from "../../domain/statuses";
import { utcToLocalDateTime } from "../../domain/time";
import { notFound } from "../../lib/errors";
import { renderMarkdown } from "../../present/markdown";
import { createIncident, deleteIncident, editUpdateBody, patchIncident, postIncidentUpdate, setPostmortem } from "../../writes/incidents";
import type { AppEnv } from "../../env";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState } from "../form-state";
import { changed, checked, given, handleForm, parseWith, resumedElsewhere, zonedTime } from "../forms";
import { consolePath, incidentPath } from "../paths";
import { sendConsole } from "../respond";
import { componentStatuses, loadEvent, withTemplate } from "./event-helpers";
import { ConfirmPage, EventRows } from "../views/event-parts";
import { IncidentEditPage, IncidentPage, NewIncidentPage, PostmortemPage, UpdateEditPage } from "../views/incidents";
import { ConsoleLayout } from "../views/layout";

type C = Context<AppEnv>;

async function renderNew(c: C, form: FormState, status: 200 | 400 | 404 | 409 | 422 = 200) {
  const db = c.get("db");
  const page = c.get("page");
  const [components, templates] = await Promise.all([listComponents(db, page.id), listTemplates(db, page.id, "incident")]);
  return sendConsole(c, NewIncidentPage({ chrome: chromeOf(c), form, components, templates }), status);
}

/** The incident with its update form: fresh (defaults), or as typed (a redraw keeps an unticked box unticked). */
async function renderIncident(c: C, id: string, typed?: FormState, status = 200) {
  const db = c.get("db");
  const page = c.get("page");
  const [record, templates] = await Promise.all([loadEvent(c, "incident", id), listTemplates(db, page.id, "incident")]);
  const form = typed ?? emptyForm({ status: record.event.row.status === "postmortem" ? "resolved" : record.event.row.status, notify: "on" });
  return sendConsole(c, IncidentPage({ chrome: chromeOf(c), form, record: record.event, components: record.components, templates }), status as 200);
}

export function incidentRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/incidents", async (c) => {
    const page = c.get("page");
    const snapshot = await loadSnapshot(c.get("db"), page.id);
    const incidents = (snapshot?.events ?? []).filter((e) => e.row.kind === "incident");
    const open = incidents.filter((e) => isOpenIncident(e.row.status as IncidentStatus));
    const closed = incidents.filter((e) => !isOpenIncident(e.row.status as IncidentStatus));
    return sendConsole(
      c,
      <ConsoleLayout title="Incidents" chrome={chromeOf(c)} section="Incidents">
        <h1>Incidents</h1>
        <p>
          <a class="button primary" href={consolePath(page.id, "/incidents/new")}>
            New incident
          </a>
        </p>
        <h2>Open</h2>
        <EventRows records={open} page={page} empty="No open incidents." />
        <h2>Recent</h2>
        <EventRows records={closed} page={page} empty="No incidents yet." />
      </ConsoleLayout>,
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
        const committed = await createIncident(consoleWriter(c, values), {
          name: input.name,
          status: input.status,
          body: input.body,
          impact: input.impact,
          startedAt: input.started_at,
          displayAt: input.display_at,
          components: toRequested(input.components),
          deliverNotifications: input.deliver_notifications,
        });
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
        await postIncidentUpdate(consoleWriter(c, values), id, {
          status: input.status,
          body: input.body,
          displayAt: input.display_at,
          components: input.components ? toRequested(input.components) : undefined,
          deliverNotifications: input.deliver_notifications,
        });
        return incidentPath(page.id, id);
      },
    );
  });

  const renderEdit = async (c: C, id: string, typed?: FormState, status = 200) => {
    const { event } = await loadEvent(c, "incident", id);
    const tz = c.get("page").timeZone;
    const form = typed ?? emptyForm({ name: event.row.name, impact: event.row.impactOverride ?? "", started_at: utcToLocalDateTime(event.row.startedAt, tz) });
    return sendConsole(c, IncidentEditPage({ chrome: chromeOf(c), form, record: event }), status as 200);
  };
  app.get("/incidents/:id/edit", (c) => renderEdit(c, c.req.param("id")));
  app.post("/incidents/:id/edit", (c) => {
    const id = c.req.param("id");
    return handleForm(
      c,
      (form, status) => renderEdit(c, id, form, status),
      async (values) => {
        const page = c.get("page");
        const input = parseWith(IncidentPatch, {
          name: values.name ?? "",
          impact: given(values.impact) ?? null,
          started_at: changed(values, "started_at") ? zonedTime(values, "started_at", page.timeZone) : undefined,
        });
        await patchIncident(consoleWriter(c, values), id, { name: input.name, impact: input.impact, startedAt: input.started_at });
        return incidentPath(page.id, id);
      },
    );
  });

  const renderUpdateEdit = async (c: C, id: string, updateId: string, typed?: FormState, status = 200) => {
    const { event } = await loadEvent(c, "incident", id);
    const update = event.updates.find((u) => u.id === updateId);
    if (!update) throw notFound("Update", "path.updateId");
    const form = typed ?? emptyForm({ body: update.body });
    return sendConsole(c, UpdateEditPage({ chrome: chromeOf(c), form, record: event, updateId }), status as 200);
  };
  app.get("/incidents/:id/updates/:updateId", (c) => renderUpdateEdit(c, c.req.param("id"), c.req.param("updateId")));
  app.post("/incidents/:id/updates/:updateId", (c) => {
    const { id, updateId } = c.req.param();
    return handleForm(
      c,
      (form, status) => renderUpdateEdit(c, id, updateId, form, status),
      async (values) => {
        const { body } = parseWith(UpdateBodyInput, { body: values.body ?? "" });
        await editUpdateBody(consoleWriter(c, values), id, updateId, body);
        return incidentPath(c.get("page").id, id);
      },
    );
  });

  const renderPostmortem = async (c: C, id: string, typed?: FormState, status = 200) => {
    const { event } = await loadEvent(c, "incident", id);
    const form = typed ?? emptyForm({ body: event.row.postmortemBody ?? "" });
    const preview = typed?.values._action === "preview" && typed.values.body ? renderMarkdown(typed.values.body, 3) : null;
    return sendConsole(c, PostmortemPage({ chrome: chromeOf(c), form, record: event, preview }), status as 200);
  };
  app.get("/incidents/:id/postmortem", (c) => renderPostmortem(c, c.req.param("id")));
  app.post("/incidents/:id/postmortem", (c) => {
    const id = c.req.param("id");
    return handleForm(
      c,
      (form, status) => renderPostmortem(c, id, form, status),
      async (values) => {
        if (values._action === "preview") return emptyForm(values);
        const page = c.get("page");
        const input = parseWith(PostmortemInput, { body: values.body ?? "", published_at: zonedTime(values, "published_at", page.timeZone) });
        await setPostmortem(consoleWriter(c, values), id, input.body, input.published_at);
        return incidentPath(page.id, id);
      },
    );
  });

  app.get("/incidents/:id/delete", async (c) => {
    const id = c.req.param("id");
    const { event } = await loadEvent(c, "incident", id);
    return sendConsole(
      c,
      ConfirmPage({
        chrome: chromeOf(c),
        section: "Incidents",
        title: "Delete incident",
        question: `Delete “${event.row.name}” and its ${event.updates.length} update${event.updates.length === 1 ? "" : "s"}?`,
        detail: "It disappears from the public page, its history and the API. This cannot be undone. To close an incident, post a Resolved update instead.",
        button: "Delete incident",
        back: incidentPath(c.get("page").id, id),
      }),
    );
  });
  app.post("/incidents/:id/delete", async (c) => {
    const held = resumedElsewhere(c);
    if (held) return held;
    await deleteIncident(consoleWriter(c), c.req.param("id"));
    return c.redirect(consolePath(c.get("page").id, "/incidents"), 303);
  });

  return app;
}
