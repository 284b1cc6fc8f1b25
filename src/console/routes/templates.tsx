import { type Context, Hono } from "hono";
import { TemplateInput } from "../../admin/schemas";
import { listTemplates } from "../../db/queries/templates";
import type { TemplateRow } from "../../db/schema";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../../domain/statuses";
import type { AppEnv } from "../../env";
import { EVENT_STATUS_LABELS } from "../../present/labels";
import { createTemplate, deleteTemplate, requireTemplate as findTemplate, updateTemplate } from "../../writes/templates";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { handleForm, parseWith, resumedElsewhere } from "../forms";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { ConfirmPage } from "../views/event-parts";
import { ErrorSummary, Select, Submission, TextArea, TextInput } from "../views/fields";
import { statusOptions } from "../views/event-fields";
import { type ConsoleChrome, ConsoleLayout } from "../views/layout";

type C = Context<AppEnv>;

const fieldsOf = (values: FormValues) => ({ kind: values.kind, name: values.name ?? "", status: values.status, body: values.body ?? "" });

const KIND_OPTIONS = [
  { value: "incident", label: "Incident update" },
  { value: "maintenance", label: "Maintenance update" },
];

const TemplatesPage = ({ chrome, form, templates, editing }: { chrome: ConsoleChrome; form: FormState; templates: TemplateRow[]; editing?: TemplateRow }) => {
  const page = chrome.page!;
  return (
    <ConsoleLayout title="Templates" chrome={chrome} section="Templates">
      <h1>{editing ? `Edit template “${editing.name}”` : "Templates"}</h1>
      {editing ? null : (
        <>
          <p>Saved update texts, chosen from a list when posting an update.</p>
          <ul class="events">
            {templates.map((t) => (
              <li class="ev">
                <a href={consolePath(page.id, `/templates/${t.id}`)}>{t.name}</a>
                <div class="meta">
                  {t.kind === "incident" ? "Incident" : "Maintenance"} · {EVENT_STATUS_LABELS[t.status as keyof typeof EVENT_STATUS_LABELS]}
                </div>
              </li>
            ))}
          </ul>
          <h2>New template</h2>
        </>
      )}
      <ErrorSummary form={form} fields={["kind", "name", "status", "body"]} labels={{ kind: "For", name: "Name", status: "Status", body: "Message" }} />
      <form method="post" class="stack">
        {editing ? <input type="hidden" name="kind" value={editing.kind} /> : <Select form={form} name="kind" label="For" options={KIND_OPTIONS} />}
        {editing ? null : <Submission form={form} />}
        <TextInput form={form} name="name" label="Name" required />
        <Select form={form} name="status" label="Status" options={statusOptions([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES])} />
        <TextArea form={form} name="body" label="Message" required />
        <button type="submit" class="primary">
          {editing ? "Save template" : "Add template"}
        </button>
      </form>
      {editing ? (
        <p>
          <a href={consolePath(page.id, `/templates/${editing.id}/delete`)}>Delete template</a>
        </p>
      ) : null}
    </ConsoleLayout>
  );
};

const requireTemplate = (c: C, id: string) => findTemplate({ db: c.get("db"), page: c.get("page") }, id);

export function templateRoutes() {
  const app = new Hono<AppEnv>();
  const list = (c: C) => consolePath(c.get("page").id, "/templates");

  const render = async (c: C, form: FormState, status = 200, editing?: TemplateRow) =>
    sendConsole(c, TemplatesPage({ chrome: chromeOf(c), form, templates: await listTemplates(c.get("db"), c.get("page").id), editing }), status as 200);

  app.get("/templates", (c) => render(c, emptyForm({ kind: "incident", status: "investigating" })));
  app.post("/templates", (c) =>
    handleForm(
      c,
      (form, status) => render(c, form, status),
      async (values) => {
        await createTemplate(consoleWriter(c, values), parseWith(TemplateInput, fieldsOf(values)));
        return list(c);
      },
    ),
  );

  app.get("/templates/:id", async (c) => {
    const t = await requireTemplate(c, c.req.param("id"));
    return render(c, emptyForm({ kind: t.kind, name: t.name, status: t.status, body: t.body }), 200, t);
  });
  app.post("/templates/:id", async (c) => {
    const t = await requireTemplate(c, c.req.param("id"));
    return handleForm(
      c,
      (form, status) => render(c, form, status, t),
      async (values) => {
        const { name, status, body } = parseWith(TemplateInput, { ...fieldsOf(values), kind: t.kind });
        await updateTemplate(consoleWriter(c), t.id, { name, status, body });
        return list(c);
      },
    );
  });

  app.get("/templates/:id/delete", async (c) => {
    const t = await requireTemplate(c, c.req.param("id"));
    return sendConsole(
      c,
      ConfirmPage({
        chrome: chromeOf(c),
        section: "Templates",
        title: "Delete template",
        question: `Delete the template “${t.name}”?`,
        detail: "Updates already posted with it keep their text.",
        button: "Delete template",
        back: consolePath(c.get("page").id, `/templates/${t.id}`),
      }),
    );
  });
  app.post("/templates/:id/delete", async (c) => {
    const held = resumedElsewhere(c);
    if (held) return held;
    await deleteTemplate(consoleWriter(c), c.req.param("id"));
    return c.redirect(list(c), 303);
  });
  return app;
}
