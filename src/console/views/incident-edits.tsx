import type { FC } from "hono/jsx";
import type { EventRecord } from "../../db/queries/snapshot";
import { Html } from "../../site/views/parts";
import type { FormState } from "../form-state";
import { incidentPath } from "../paths";
import { ErrorSummary, Hidden, Select, TextArea, TextInput, Was } from "./fields";
import { ZonedTime } from "./event-fields";
import { Conflict } from "./event-parts";
import { IMPACT_OPTIONS, LABELS } from "./incidents";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

export const IncidentEditPage: FC<{ chrome: ConsoleChrome; form: FormState; record: EventRecord }> = ({ chrome, form, record }) => {
  const page = chrome.page!;
  return (
    <ConsoleLayout title={`Edit ${record.row.name}`} chrome={chrome} section="Incidents">
      <h1>Edit incident</h1>
      <p>
        <a href={incidentPath(page.id, record.row.id)}>Back to the incident</a>
      </p>
      <Conflict form={form} />
      <ErrorSummary form={form} fields={["name", "impact", "started_at"]} labels={LABELS} />
      <form method="post" class="stack">
        <Hidden name="version" value={form.values.version ?? record.row.version} />
        <TextInput form={form} name="name" label="Name" required />
        <Select form={form} name="impact" label="Impact" options={IMPACT_OPTIONS} />
        <ZonedTime form={form} page={page} now={chrome.now} name="started_at" label="Started at" />
        <Was form={form} name="started_at" />
        <button type="submit" class="primary">
          Save
        </button>
      </form>
    </ConsoleLayout>
  );
};

export const UpdateEditPage: FC<{ chrome: ConsoleChrome; form: FormState; record: EventRecord; updateId: string }> = ({ chrome, form, record, updateId }) => (
  <ConsoleLayout title="Edit update" chrome={chrome} section="Incidents">
    <h1>Edit the text of an update</h1>
    <p>
      Of <a href={incidentPath(chrome.page!.id, record.row.id)}>{record.row.name}</a>. Its status and time stay as posted.
    </p>
    <Conflict form={form} />
    <ErrorSummary form={form} fields={["body"]} labels={LABELS} />
    <form method="post" class="stack" action={incidentPath(chrome.page!.id, record.row.id, `/updates/${updateId}`)}>
      <Hidden name="version" value={form.values.version ?? record.row.version} />
      <TextArea form={form} name="body" label="Message" required rows={8} />
      <button type="submit" class="primary">
        Save text
      </button>
    </form>
  </ConsoleLayout>
);

export const PostmortemPage: FC<{ chrome: ConsoleChrome; form: FormState; record: EventRecord; preview: string | null }> = ({
  chrome,
  form,
  record,
  preview,
}) => {
  const page = chrome.page!;
  return (
    <ConsoleLayout title="Postmortem" chrome={chrome} section="Incidents">
      <h1>Postmortem</h1>
      <p>
        Of <a href={incidentPath(page.id, record.row.id)}>{record.row.name}</a>. Markdown, shown on the public incident page above its updates.
      </p>
      <Conflict form={form} />
      <ErrorSummary form={form} fields={["body", "published_at"]} labels={{ body: "Postmortem", published_at: "Published at" }} />
      <form method="post" class="stack">
        <Hidden name="version" value={form.values.version ?? record.row.version} />
        <TextArea form={form} name="body" label="Postmortem" required rows={14} />
        <ZonedTime form={form} page={page} now={chrome.now} name="published_at" label="Published at" hint="Empty: now." />
        <div class="buttons">
          <button type="submit" name="_action" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" class="primary">
            Publish postmortem
          </button>
        </div>
      </form>
      {preview !== null ? (
        <section class="postmortem preview" aria-labelledby="preview-h">
          <h2 id="preview-h">Preview</h2>
          <Html html={preview} />
        </section>
      ) : null}
    </ConsoleLayout>
  );
};
