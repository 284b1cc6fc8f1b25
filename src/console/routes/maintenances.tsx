import { type Context, Hono } from "hono";
import { maintenancePatchOf, maintenanceUpdateOf, newMaintenanceOf } from "../../admin/inputs";
import { MaintenanceInput, MaintenancePatch, MaintenanceUpdateInput } from "../../admin/schemas";
import { listComponents } from "../../db/queries/components";
import { loadSnapshot } from "../../db/queries/snapshot";
import { utcToLocalDateTime } from "../../domain/time";
import type { AppEnv } from "../../env";
import { cancelMaintenance, createMaintenance, patchMaintenance, postMaintenanceUpdate } from "../../writes/maintenances";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { changed, checked, handleForm, parseWith, resumedElsewhere, zonedTime } from "../forms";
import { consolePath, maintenancePath } from "../paths";
import { sendConsole } from "../respond";
import { ConfirmPage, EventListPage } from "../views/event-parts";
import { affectsField, MaintenanceFormPage, MaintenancePage } from "../views/maintenances";
import { loadEvent, withTemplate } from "./event-helpers";

type C = Context<AppEnv>;

const affectedIds = (values: FormValues) =>
  Object.keys(values)
    .flatMap((k) => (k.startsWith("affects.") && values[k] === "on" ? [k.slice(8)] : []))
    .sort();

function windowInput(c: C, values: FormValues) {
  const tz = c.get("page").timeZone;
  return {
    name: values.name ?? "",
    scheduled_for: zonedTime(values, "scheduled_for", tz) ?? "",
    scheduled_until: zonedTime(values, "scheduled_until", tz) ?? "",
    component_ids: affectedIds(values),
    auto_start: checked(values, "auto_start"),
    auto_complete: checked(values, "auto_complete"),
  };
}

/** An edit: the name, and only the fields the operator changed (a started window refuses a new start or new components). */
function windowPatch(c: C, values: FormValues) {
  const sent = { ...values, component_ids: affectedIds(values).join(",") };
  const all = windowInput(c, values);
  const edited = (["scheduled_for", "scheduled_until", "component_ids", "auto_start", "auto_complete"] as const).filter((k) => changed(sent, k));
  return { name: all.name, ...Object.fromEntries(edited.map((k) => [k, all[k]])) };
}

async function renderForm(c: C, form: FormState, status: number, id?: string) {
  const components = await listComponents(c.get("db"), c.get("page").id);
  const record = id ? (await loadEvent(c, "maintenance", id)).event : undefined;
  return sendConsole(c, MaintenanceFormPage({ chrome: chromeOf(c), form, components, record }), status as 200);
}

async function renderMaintenance(c: C, id: string, typed?: FormState, status = 200) {
  const { event, templates } = await loadEvent(c, "maintenance", id);
  const next = event.row.status === "scheduled" ? "in_progress" : event.row.status === "in_progress" ? "verifying" : "completed";
  const form = typed ?? emptyForm({ status: next, notify: "on" });
  return sendConsole(c, MaintenancePage({ chrome: chromeOf(c), form, record: event, templates }), status as 200);
}

export function maintenanceRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/maintenances", async (c) => {
    const events = ((await loadSnapshot(c.get("db"), c.get("page").id))?.events ?? []).filter((e) => e.row.kind === "maintenance");
    const current = events.filter((e) => e.row.cancelledAt === null && e.row.status !== "completed");
    const past = events.filter((e) => !current.includes(e));
    return sendConsole(
      c,
      EventListPage({
        chrome: chromeOf(c),
        title: "Maintenances",
        action: { href: consolePath(c.get("page").id, "/maintenances/new"), label: "Schedule maintenance" },
        groups: [
          { heading: "In progress and upcoming", records: current, empty: "Nothing scheduled." },
          { heading: "Past and cancelled", records: past, empty: "None yet." },
        ],
      }),
    );
  });

  app.get("/maintenances/new", (c) => renderForm(c, emptyForm({ auto_start: "on", auto_complete: "on", notify: "on" }), 200));
  app.post("/maintenances/new", (c) =>
    handleForm(
      c,
      (form, status) => renderForm(c, form, status),
      async (values) => {
        const input = parseWith(MaintenanceInput, { ...windowInput(c, values), body: values.body ?? "", deliver_notifications: checked(values, "notify") });
        const committed = await createMaintenance(consoleWriter(c, values), newMaintenanceOf(input));
        return maintenancePath(c.get("page").id, committed.eventId);
      },
    ),
  );

  app.get("/maintenances/:id", (c) => renderMaintenance(c, c.req.param("id")));
  app.post("/maintenances/:id", (c) => {
    const id = c.req.param("id");
    return handleForm(
      c,
      (form, status) => renderMaintenance(c, id, form, status),
      async (values) => {
        if (values._action === "use-template") return withTemplate(c, values, "maintenance");
        const input = parseWith(MaintenanceUpdateInput, {
          status: values.status,
          body: values.body ?? "",
          display_at: zonedTime(values, "display_at", c.get("page").timeZone),
          deliver_notifications: checked(values, "notify"),
        });
        await postMaintenanceUpdate(consoleWriter(c, values), id, maintenanceUpdateOf(input));
        return maintenancePath(c.get("page").id, id);
      },
    );
  });

  app.get("/maintenances/:id/edit", async (c) => {
    const id = c.req.param("id");
    const { event } = await loadEvent(c, "maintenance", id);
    const tz = c.get("page").timeZone;
    const { row } = event;
    const values: FormValues = {
      name: row.name,
      scheduled_for: row.scheduledFor !== null ? utcToLocalDateTime(row.scheduledFor, tz) : "",
      scheduled_until: row.scheduledUntil !== null ? utcToLocalDateTime(row.scheduledUntil, tz) : "",
      ...(row.autoStart ? { auto_start: "on" } : {}),
      ...(row.autoComplete ? { auto_complete: "on" } : {}),
      ...Object.fromEntries(event.componentIds.map((cid) => [affectsField(cid), "on"])),
      component_ids: affectedIds(Object.fromEntries(event.componentIds.map((cid) => [affectsField(cid), "on"]))).join(","),
    };
    return renderForm(c, emptyForm(values), 200, id);
  });
  app.post("/maintenances/:id/edit", (c) => {
    const id = c.req.param("id");
    return handleForm(
      c,
      (form, status) => renderForm(c, form, status, id),
      async (values) => {
        const input = parseWith(MaintenancePatch, windowPatch(c, values));
        await patchMaintenance(consoleWriter(c, values), id, maintenancePatchOf(input));
        return maintenancePath(c.get("page").id, id);
      },
    );
  });

  app.get("/maintenances/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const { event } = await loadEvent(c, "maintenance", id);
    return sendConsole(
      c,
      ConfirmPage({
        chrome: chromeOf(c),
        section: "Maintenances",
        title: "Cancel maintenance",
        question: `Cancel “${event.row.name}”?`,
        detail: "Readers see it as cancelled; it will not start.",
        button: "Cancel maintenance",
        back: maintenancePath(c.get("page").id, id),
      }),
    );
  });
  app.post("/maintenances/:id/cancel", async (c) => {
    const held = resumedElsewhere(c);
    if (held) return held;
    const id = c.req.param("id");
    await cancelMaintenance(consoleWriter(c), id);
    return c.redirect(maintenancePath(c.get("page").id, id), 303);
  });

  return app;
}
