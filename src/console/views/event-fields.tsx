import type { FC } from "hono/jsx";
import type { ComponentRow, PageRow, TemplateRow } from "../../db/schema";
import { COMPONENT_STATUSES } from "../../domain/statuses";
import { localDateTimeToUtc, zoneLabel } from "../../domain/time";
import { COMPONENT_LABELS, EVENT_STATUS_LABELS } from "../../present/labels";
import { displayOrder } from "../../present/statuspage";
import type { FormState } from "../form-state";
import { type Option, Select, TextInput } from "./fields";

export const componentField = (id: string) => `component.${id}`;

/** One select per component: "no change" (or "not affected") or the status to set. */
export const ComponentStatusFields: FC<{ form: FormState; components: readonly ComponentRow[]; none: string; legend?: string }> = ({
  form,
  components,
  none,
  legend,
}) => {
  const leaves = displayOrder(components).filter((c) => !c.isGroup);
  const groups = new Map(components.filter((c) => c.isGroup).map((c) => [c.id, c.name]));
  const options: Option[] = [{ value: "", label: none }, ...COMPONENT_STATUSES.map((s) => ({ value: s, label: COMPONENT_LABELS[s] }))];
  return (
    <fieldset id="f-components" class={form.errors.components ? "components-field has-error" : "components-field"}>
      <legend>{legend ?? "Components"}</legend>
      {form.errors.components ? <p class="error">{form.errors.components}</p> : null}
      {leaves.length === 0 ? <p class="hint">This page has no components yet.</p> : null}
      <div class="grid">
        {leaves.map((c) => (
          <Select
            form={form}
            name={componentField(c.id)}
            label={c.groupId && groups.has(c.groupId) ? `${c.name} (${groups.get(c.groupId)})` : c.name}
            hint={`Now: ${COMPONENT_LABELS[c.status]}`}
            options={options}
          />
        ))}
      </div>
    </fieldset>
  );
};

/** A time input in the page's zone, its label naming the zone. */
export const ZonedTime: FC<{ form: FormState; page: PageRow; now: number; name: string; label: string; hint?: string }> = ({
  form,
  page,
  now,
  name,
  label,
  hint,
}) => {
  // The offset of the time shown (a July time in Berlin is GMT+2 even when edited in December).
  const shown = localDateTimeToUtc(form.values[name] ?? "", page.timeZone) ?? now;
  return <TextInput form={form} name={name} type="datetime-local" label={`${label} (${page.timeZone}, ${zoneLabel(shown, page.timeZone)})`} hint={hint} />;
};

/** Saved texts: choosing one fills the status and message (a script does it at once; without it, "Use template"). */
export const TemplatePicker: FC<{ form: FormState; templates: readonly TemplateRow[] }> = ({ form, templates }) =>
  templates.length === 0 ? null : (
    <div class="template-picker">
      <Select
        form={form}
        name="template"
        label="Template"
        hint="Fills in the status and the message; edit them before posting."
        options={[
          { value: "", label: "None" },
          ...templates.map((t) => ({ value: t.id, label: `${t.name} (${EVENT_STATUS_LABELS[t.status as keyof typeof EVENT_STATUS_LABELS]})` })),
        ]}
      />
      <button type="submit" name="_action" value="use-template" class="secondary" formnovalidate>
        Use template
      </button>
      <script
        type="application/json"
        id="templates-data"
        dangerouslySetInnerHTML={{
          __html: JSON.stringify(Object.fromEntries(templates.map((t) => [t.id, { status: t.status, body: t.body }]))).replaceAll("<", "\\u003c"),
        }}
      />
    </div>
  );

export const statusOptions = (statuses: readonly string[]): Option[] =>
  statuses.map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s as keyof typeof EVENT_STATUS_LABELS] }));
