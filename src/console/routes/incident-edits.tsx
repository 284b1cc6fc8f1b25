import { type Context, Hono } from "hono";
import { IncidentPatch, PostmortemInput, UpdateBodyInput } from "../../admin/schemas";
import { utcToLocalDateTime } from "../../domain/time";
import type { AppEnv } from "../../env";
import { notFound } from "../../lib/errors";
import { renderMarkdown } from "../../present/markdown";
import { deleteIncident, editUpdateBody, patchIncident, setPostmortem } from "../../writes/incidents";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState } from "../form-state";
import { changed, given, handleForm, parseWith, resumedElsewhere, zonedTime } from "../forms";
import { consolePath, incidentPath } from "../paths";
import { sendConsole } from "../respond";
import { ConfirmPage } from "../views/event-parts";
import { IncidentEditPage, PostmortemPage, UpdateEditPage } from "../views/incident-edits";
import { loadEvent } from "./event-helpers";

type C = Context<AppEnv>;

/** Changing what was posted: name, impact and start; an update's text; the postmortem; deleting. */
export function incidentEditRoutes() {
  const app = new Hono<AppEnv>();

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
