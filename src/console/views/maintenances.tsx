import type { FC } from "hono/jsx";
import type { EventRecord } from "../../db/queries/snapshot";
import type { ComponentRow, TemplateRow } from "../../db/schema";
import { MAINTENANCE_STATUSES } from "../../domain/statuses";
import { eventPath } from "../../present/links";
import { displayOrder } from "../../present/statuspage";
import { timeView } from "../../present/view-model";
import { Time } from "../../site/views/parts";
import type { FormState } from "../form-state";
import { maintenancePath } from "../paths";
import { Checkbox, ErrorSummary, Hidden, Notice, Select, Submission, TextArea, TextInput, Was } from "./fields";
import { statusOptions, TemplatePicker, ZonedTime } from "./event-fields";
import { Conflict, EventHeading, UpdateTimeline } from "./event-parts";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

export const affectsField = (id: string) => `affects.${id}`;

const AffectedFields: FC<{ form: FormState; components: readonly ComponentRow[] }> = ({ form, components }) => (
  <fieldset id="f-component_ids" class={form.errors.component_ids ? "components-field has-error" : "components-field"}>
    <legend>Components under maintenance</legend>
    {form.errors.component_ids ? <p class="error">{form.errors.component_ids}</p> : null}
    <div class="grid">
      {displayOrder(components)
        .filter((c) => !c.isGroup)
        .map((c) => (
          <Checkbox form={form} name={affectsField(c.id)} label={c.name} />
        ))}
    </div>
  </fieldset>
);

const WINDOW_FIELDS = ["name", "body", "scheduled_for", "scheduled_until", "component_ids"];
const LABELS = {
  name: "Name",
  body: "Message",
  scheduled_for: "Starts",
  scheduled_until: "Ends",
  component_ids: "Components under maintenance",
  status: "Status",
  display_at: "Posted at",
};

export const MaintenanceFormPage: FC<{ chrome: ConsoleChrome; form: FormState; components: ComponentRow[]; record?: EventRecord }> = ({
  chrome,
  form,
  components,
  record,
}) => {
  const page = chrome.page!;
  const title = record ? "Edit maintenance" : "Schedule maintenance";
  return (
    <ConsoleLayout title={title} chrome={chrome} section="Maintenances">
      <h1>{title}</h1>
      {record ? (
        <p>
          <a href={maintenancePath(page.id, record.row.id)}>Back to the maintenance</a>
        </p>
      ) : null}
      <Conflict form={form} />
      <ErrorSummary form={form} fields={WINDOW_FIELDS} labels={LABELS} />
      <form method="post" class="stack">
        {record ? <Hidden name="version" value={form.values.version ?? record.row.version} /> : <Submission form={form} />}
        <TextInput form={form} name="name" label="Name" required />
        {record ? null : <TextArea form={form} name="body" label="Message" required hint="Markdown: what will happen and what readers will notice." />}
        <ZonedTime form={form} page={page} now={chrome.now} name="scheduled_for" label="Starts" />
        <ZonedTime form={form} page={page} now={chrome.now} name="scheduled_until" label="Ends" />
        <AffectedFields form={form} components={components} />
        {record ? ["scheduled_for", "scheduled_until", "component_ids", "auto_start", "auto_complete"].map((name) => <Was form={form} name={name} />) : null}
        <Checkbox
          form={form}
          name="auto_start"
          label="Start automatically at the window's start"
          hint="Sets the components under maintenance and posts “in progress”."
        />
        <Checkbox form={form} name="auto_complete" label="Complete automatically at the window's end" />
        {record ? null : <Checkbox form={form} name="notify" label="Notify subscribers" />}
        <button type="submit" class="primary">
          {record ? "Save" : "Schedule maintenance"}
        </button>
      </form>
    </ConsoleLayout>
  );
};

export const MaintenancePage: FC<{ chrome: ConsoleChrome; form: FormState; record: EventRecord; templates: TemplateRow[] }> = ({
  chrome,
  form,
  record,
  templates,
}) => {
  const page = chrome.page!;
  const { row } = record;
  const path = (suffix = "") => maintenancePath(page.id, row.id, suffix);
  const cancellable = row.status === "scheduled" && row.cancelledAt === null;
  return (
    <ConsoleLayout title={row.name} chrome={chrome} section="Maintenances">
      <EventHeading record={record} page={page} now={chrome.now} />
      {row.scheduledFor !== null && row.scheduledUntil !== null ? (
        <p>
          Window: <Time t={timeView(row.scheduledFor, page.timeZone)} /> until <Time t={timeView(row.scheduledUntil, page.timeZone)} />.{" "}
          {row.autoStart ? "Starts automatically. " : "Start it by posting “In progress”. "}
          {row.autoComplete ? "Completes automatically." : "Complete it by posting “Completed”."}
        </p>
      ) : null}
      <p class="actions">
        <a href={eventPath("maintenance", row.id)}>Public page</a>
        {row.cancelledAt === null && row.status !== "completed" ? <a href={path("/edit")}>Edit</a> : null}
        {cancellable ? <a href={path("/cancel")}>Cancel maintenance</a> : null}
      </p>
      {row.cancelledAt === null && row.status !== "completed" ? (
        <section aria-labelledby="post-h">
          <h2 id="post-h">Post an update</h2>
          <Notice form={form} />
          <Conflict form={form} />
          <ErrorSummary form={form} fields={["status", "body", "display_at"]} labels={LABELS} />
          <form method="post" action={path()} class="stack">
            <Submission form={form} />
            <Hidden name="version" value={form.values.version ?? row.version} />
            <Select form={form} name="status" label="Status" options={statusOptions(MAINTENANCE_STATUSES)} />
            <TemplatePicker form={form} templates={templates} />
            <TextArea form={form} name="body" label="Message" required />
            <ZonedTime form={form} page={page} now={chrome.now} name="display_at" label="Posted at" hint="Empty: now." />
            <Checkbox form={form} name="notify" label="Notify subscribers" />
            <button type="submit" class="primary">
              Post update
            </button>
          </form>
        </section>
      ) : null}
      <UpdateTimeline record={record} page={page} />
    </ConsoleLayout>
  );
};
