import type { FC } from "hono/jsx";
import type { EventRecord } from "../../db/queries/snapshot";
import type { ComponentRow, TemplateRow } from "../../db/schema";
import { IMPACTS, INCIDENT_STATUSES } from "../../domain/statuses";
import { IMPACT_LABELS } from "../../present/labels";
import { eventPath } from "../../present/links";
import { renderMarkdown } from "../../present/markdown";
import { Html } from "../../site/views/parts";
import type { FormState } from "../form-state";
import { incidentPath } from "../paths";
import { Checkbox, ErrorSummary, Hidden, Notice, Select, Submission, TextArea, TextInput } from "./fields";
import { ComponentStatusFields, statusOptions, TemplatePicker, ZonedTime } from "./event-fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";
import { Conflict, EventHeading, UpdateTimeline } from "./event-parts";

const OPEN_STATUSES = INCIDENT_STATUSES.filter((s) => s !== "postmortem");
export const IMPACT_OPTIONS = [{ value: "", label: "From the component statuses" }, ...IMPACTS.map((i) => ({ value: i, label: IMPACT_LABELS[i] }))];
const NEW_FIELDS = ["name", "status", "impact", "body", "started_at", "display_at", "components"];
export const LABELS = {
  name: "Name",
  status: "Status",
  impact: "Impact",
  body: "Message",
  started_at: "Started at",
  display_at: "Posted at",
  components: "Components",
};

export interface NewIncidentModel {
  chrome: ConsoleChrome;
  form: FormState;
  components: ComponentRow[];
  templates: TemplateRow[];
}

export const NewIncidentPage: FC<NewIncidentModel> = ({ chrome, form, components, templates }) => {
  const page = chrome.page!;
  return (
    <ConsoleLayout title="New incident" chrome={chrome} section="Incidents">
      <h1>New incident</h1>
      <Notice form={form} />
      <ErrorSummary form={form} fields={NEW_FIELDS} labels={{ ...LABELS, display_at: "First update posted at" }} />
      <form method="post" class="stack">
        <Submission form={form} />
        <TextInput form={form} name="name" label="Name" required hint="What readers see first, e.g. “Desk and Portal inaccessible”." />
        <Select form={form} name="status" label="Status" options={statusOptions(OPEN_STATUSES)} />
        <TemplatePicker form={form} templates={templates} />
        <TextArea form={form} name="body" label="Message" required hint="Markdown. The first update readers see." />
        <ComponentStatusFields form={form} components={components} none="Not affected" />
        <Select form={form} name="impact" label="Impact" options={IMPACT_OPTIONS} />
        <ZonedTime
          form={form}
          page={page}
          now={chrome.now}
          name="started_at"
          label="Started at"
          hint="When impact began; may be earlier than the first update. Empty: when the first update is posted."
        />
        <ZonedTime
          form={form}
          page={page}
          now={chrome.now}
          name="display_at"
          label="First update posted at"
          hint="Empty: now. Back-date it to record an incident after the fact."
        />
        <Checkbox form={form} name="notify" label="Notify subscribers" />
        <button type="submit" class="primary">
          Open incident
        </button>
      </form>
    </ConsoleLayout>
  );
};

export interface IncidentModel {
  chrome: ConsoleChrome;
  form: FormState;
  record: EventRecord;
  components: ComponentRow[];
  templates: TemplateRow[];
}

const UPDATE_FIELDS = ["status", "body", "display_at", "components"];

export const IncidentPage: FC<IncidentModel> = ({ chrome, form, record, components, templates }) => {
  const page = chrome.page!;
  const { row } = record;
  const path = (suffix = "") => incidentPath(page.id, row.id, suffix);
  const finished = row.status === "resolved" || row.status === "postmortem";
  return (
    <ConsoleLayout title={row.name} chrome={chrome} section="Incidents">
      <EventHeading record={record} page={page} now={chrome.now} />
      <p class="actions">
        <a href={eventPath("incident", row.id)}>Public page</a>
        <a href={path("/edit")}>Edit name, impact or start</a>
        {finished ? <a href={path("/postmortem")}>{row.postmortemBody ? "Edit the postmortem" : "Write the postmortem"}</a> : null}
        <a href={path("/delete")}>Delete incident</a>
      </p>
      <section aria-labelledby="post-h">
        <h2 id="post-h">Post an update</h2>
        <Notice form={form} />
        <Conflict form={form} />
        <ErrorSummary form={form} fields={UPDATE_FIELDS} labels={LABELS} />
        <form method="post" action={path()} class="stack">
          <Submission form={form} />
          <Hidden name="version" value={form.values.version ?? row.version} />
          <Select form={form} name="status" label="Status" options={statusOptions(INCIDENT_STATUSES)} />
          <TemplatePicker form={form} templates={templates} />
          <TextArea form={form} name="body" label="Message" required hint="Markdown." />
          <ComponentStatusFields form={form} components={components} none="No change" legend="Components (set a status to change it)" />
          <ZonedTime form={form} page={page} now={chrome.now} name="display_at" label="Posted at" hint="Empty: now." />
          <Checkbox form={form} name="notify" label="Notify subscribers" />
          <button type="submit" class="primary">
            Post update
          </button>
        </form>
      </section>
      <UpdateTimeline record={record} page={page} editHref={(updateId) => path(`/updates/${updateId}`)} />
      {row.postmortemBody ? (
        <section class="postmortem" aria-labelledby="pm-h">
          <h2 id="pm-h">Postmortem</h2>
          <Html html={renderMarkdown(row.postmortemBody, 3)} />
        </section>
      ) : null}
    </ConsoleLayout>
  );
};
