import type { FC } from "hono/jsx";
import type { TemplateRow } from "../../db/schema";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../../domain/statuses";
import { EVENT_STATUS_LABELS } from "../../present/labels";
import type { FormState } from "../form-state";
import { consolePath } from "../paths";
import { statusOptions } from "./event-fields";
import { ErrorSummary, Select, Submission, TextArea, TextInput } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

const KIND_OPTIONS = [
  { value: "incident", label: "Incident update" },
  { value: "maintenance", label: "Maintenance update" },
];

export const TemplatesPage: FC<{ chrome: ConsoleChrome; form: FormState; templates: TemplateRow[]; editing?: TemplateRow }> = ({
  chrome,
  form,
  templates,
  editing,
}) => {
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
