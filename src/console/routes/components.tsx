import { type Context, Hono } from "hono";
import { toService } from "../../admin/components";
import { ComponentInput, ComponentPatch } from "../../admin/schemas";
import { listComponents } from "../../db/queries/components";
import type { ComponentRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { notFound } from "../../lib/errors";
import { createComponent, deleteComponent, reorderComponents, updateComponent } from "../../writes/components";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { changed, checked, given, handleForm, parseWith, readForm, resumedElsewhere } from "../forms";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { ComponentFormPage, ComponentsPage } from "../views/components";
import { ConfirmPage } from "../views/event-parts";

type C = Context<AppEnv>;

async function withComponent(c: C, id: string): Promise<{ components: ComponentRow[]; component: ComponentRow }> {
  const components = await listComponents(c.get("db"), c.get("page").id);
  const component = components.find((x) => x.id === id);
  if (!component) throw notFound("Component");
  return { components, component };
}

function fields(values: FormValues, group: boolean) {
  return {
    name: values.name ?? "",
    description: given(values.description) ?? null,
    only_show_if_degraded: checked(values, "only_show_if_degraded"),
    ...(group
      ? {}
      : {
          group_id: given(values.group_id) ?? null,
          status: values.status,
          start_date: given(values.start_date) ?? null,
          showcase: checked(values, "showcase"),
        }),
  };
}

function valuesOf(c: ComponentRow): FormValues {
  const on = (flag: boolean, name: string) => (flag ? { [name]: "on" } : {});
  return {
    name: c.name,
    description: c.description ?? "",
    group_id: c.groupId ?? "",
    status: c.status,
    start_date: c.startDate ?? "",
    ...on(c.showcase, "showcase"),
    ...on(c.onlyShowIfDegraded, "only_show_if_degraded"),
  };
}

export function componentRoutes() {
  const app = new Hono<AppEnv>();
  const list = (c: C) => consolePath(c.get("page").id, "/components");

  app.get("/components", async (c) => sendConsole(c, ComponentsPage({ chrome: chromeOf(c), components: await listComponents(c.get("db"), c.get("page").id) })));

  const renderNew = async (c: C, form: FormState, status = 200) => {
    const components = await listComponents(c.get("db"), c.get("page").id);
    const group = form.values.group === "on";
    return sendConsole(c, ComponentFormPage({ chrome: chromeOf(c), form, components, group }), status as 200);
  };
  app.get("/components/new", (c) => renderNew(c, emptyForm({ status: "operational", showcase: "on", ...(c.req.query("group") ? { group: "on" } : {}) })));
  app.post("/components/new", (c) =>
    handleForm(
      c,
      (form, status) => renderNew(c, form, status),
      async (values) => {
        const group = values.group === "on";
        const input = parseWith(ComponentInput, { ...fields(values, group), ...(group ? { group: true } : {}) });
        await createComponent(consoleWriter(c, values), { ...toService(input), name: input.name, group });
        return list(c);
      },
    ),
  );

  const renderEdit = async (c: C, id: string, typed?: FormState, status = 200) => {
    const { components, component } = await withComponent(c, id);
    const form = typed ?? emptyForm(valuesOf(component));
    return sendConsole(c, ComponentFormPage({ chrome: chromeOf(c), form, components, component, group: component.isGroup }), status as 200);
  };
  app.get("/components/:id", (c) => renderEdit(c, c.req.param("id")));
  app.post("/components/:id", (c) => {
    const id = c.req.param("id");
    return handleForm(
      c,
      (form, status) => renderEdit(c, id, form, status),
      async (values) => {
        const { component } = await withComponent(c, id);
        // A status an incident set while this form was open is not put back by saving a rename.
        const { status, ...rest } = fields(values, component.isGroup);
        const input = parseWith(ComponentPatch, changed(values, "status") ? { ...rest, status } : rest);
        await updateComponent(consoleWriter(c), id, toService(input));
        return list(c);
      },
    );
  });

  app.post("/components/:id/move", async (c) => {
    const held = resumedElsewhere(c, list(c));
    if (held) return held;
    const { components, component } = await withComponent(c, c.req.param("id"));
    const form = await readForm(c);
    const ids = components.filter((x) => x.groupId === component.groupId).map((x) => x.id);
    const at = ids.indexOf(component.id);
    const to = form.direction === "up" ? at - 1 : at + 1;
    if (to >= 0 && to < ids.length) {
      [ids[at], ids[to]] = [ids[to]!, ids[at]!];
      await reorderComponents(consoleWriter(c), component.groupId, ids);
    }
    return c.redirect(list(c), 303);
  });

  app.get("/components/:id/delete", async (c) => {
    const { component } = await withComponent(c, c.req.param("id"));
    return sendConsole(
      c,
      ConfirmPage({
        chrome: chromeOf(c),
        section: "Components",
        title: `Delete ${component.isGroup ? "group" : "component"}`,
        question: `Delete “${component.name}”?`,
        detail: "It leaves the public page. Past incidents keep naming it. A group must be empty first.",
        button: "Delete",
        back: consolePath(c.get("page").id, `/components/${component.id}`),
      }),
    );
  });
  app.post("/components/:id/delete", async (c) => {
    const held = resumedElsewhere(c);
    if (held) return held;
    await deleteComponent(consoleWriter(c), c.req.param("id"));
    return c.redirect(list(c), 303);
  });

  return app;
}
