import type { Context } from "hono";
import { type EventRecord, loadSnapshotReads } from "../../db/queries/snapshot";
import { getTemplate, templatesReads } from "../../db/queries/templates";
import { combine, run } from "../../db/reads";
import type { ComponentRow, TemplateRow } from "../../db/schema";
import type { EventKind } from "../../domain/event-plan";
import { notFound } from "../../lib/errors";
import type { AppEnv } from "../../env";
import { emptyForm, type FormState, type FormValues } from "../form-state";

/** One incident or maintenance with the page's components and its kind's templates, read from D1 in one batch. */
export async function loadEvent(
  c: Context<AppEnv>,
  kind: EventKind,
  id: string,
): Promise<{ event: EventRecord; components: ComponentRow[]; templates: TemplateRow[] }> {
  const db = c.get("db");
  const pageId = c.get("page").id;
  const [snapshot, templates] = await run(db, combine(loadSnapshotReads(db, pageId, id), templatesReads(db, pageId, kind)));
  const event = snapshot?.events[0];
  if (!snapshot || event?.row.kind !== kind) throw notFound(kind === "incident" ? "Incident" : "Scheduled maintenance");
  return { event, components: snapshot.components, templates };
}

const COMPONENT_FIELD = /^component\.(.+)$/;

/** The component selects that were set: [{ id, status }] as the API takes them (validated there). */
export function componentStatuses(values: FormValues): { id: string; status: string }[] {
  return Object.entries(values).flatMap(([name, status]) => {
    const id = COMPONENT_FIELD.exec(name)?.[1];
    return id && status ? [{ id, status }] : [];
  });
}

/** The form as typed, with the chosen template's status and message in place. */
export async function withTemplate(c: Context<AppEnv>, values: FormValues, kind: "incident" | "maintenance"): Promise<FormState> {
  const template = values.template ? await getTemplate(c.get("db"), c.get("page").id, values.template) : undefined;
  if (!template || template.kind !== kind) return { ...emptyForm(values), errors: { template: "Choose a template from the list." } };
  return emptyForm({ ...values, status: template.status, body: template.body });
}
