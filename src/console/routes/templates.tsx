import { type Context, Hono } from "hono";
import { TemplateInput } from "../../admin/schemas";
import { listTemplates } from "../../db/queries/templates";
import type { TemplateRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { createTemplate, deleteTemplate, requireTemplate as findTemplate, updateTemplate } from "../../writes/templates";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { handleForm, parseWith, resumedElsewhere } from "../forms";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { ConfirmPage } from "../views/event-parts";
import { TemplatesPage } from "../views/templates";

type C = Context<AppEnv>;

const fieldsOf = (values: FormValues) => ({ kind: values.kind, name: values.name ?? "", status: values.status, body: values.body ?? "" });

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
