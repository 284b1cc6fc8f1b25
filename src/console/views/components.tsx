import type { FC } from "hono/jsx";
import type { ComponentRow } from "../../db/schema";
import { COMPONENT_STATUSES } from "../../domain/statuses";
import { COMPONENT_LABELS } from "../../present/labels";
import { displayOrder } from "../../present/statuspage";
import { groupStatus } from "../../present/view-model";
import { StatusLabel } from "../../site/views/parts";
import type { FormState } from "../form-state";
import { consolePath } from "../paths";
import { Checkbox, ErrorSummary, Select, Submission, TextArea, TextInput, Was } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

const FIELDS = ["name", "description", "group_id", "status", "start_date", "only_show_if_degraded", "showcase"];
const LABELS = {
  name: "Name",
  description: "Description",
  group_id: "Group",
  status: "Status",
  start_date: "Uptime counts from",
  only_show_if_degraded: "Show only when degraded",
  showcase: "Show its uptime bars",
};

/** Up and down within its parent: a small form per button, so ordering needs no script. */
const MoveButtons: FC<{ pageId: string; component: ComponentRow; first: boolean; last: boolean }> = ({ pageId, component, first, last }) => (
  <span class="move">
    {(["up", "down"] as const).map((direction) => (
      <form method="post" action={consolePath(pageId, `/components/${component.id}/move`)}>
        <input type="hidden" name="direction" value={direction} />
        <button type="submit" class="small" disabled={direction === "up" ? first : last} aria-label={`Move ${component.name} ${direction}`}>
          {direction === "up" ? "↑" : "↓"}
        </button>
      </form>
    ))}
  </span>
);

export const ComponentsPage: FC<{ chrome: ConsoleChrome; components: ComponentRow[] }> = ({ chrome, components }) => {
  const page = chrome.page!;
  const siblings = (c: ComponentRow) => components.filter((o) => o.groupId === c.groupId);
  return (
    <ConsoleLayout title="Components" chrome={chrome} section="Components">
      <h1>Components</h1>
      <p class="actions">
        <a class="button primary" href={consolePath(page.id, "/components/new")}>
          New component
        </a>
        <a class="button" href={consolePath(page.id, "/components/new?group=1")}>
          New group
        </a>
      </p>
      <ul class="components">
        {displayOrder(components).map((c) => {
          const row = siblings(c);
          return (
            <li class={`comp${c.groupId ? " child" : ""}`}>
              <div class="row">
                <span>
                  <a class="name" href={consolePath(page.id, `/components/${c.id}`)}>
                    {c.name}
                  </a>
                  {c.isGroup ? <span class="meta"> (group)</span> : null}
                  {c.onlyShowIfDegraded ? <span class="meta"> · shown only when degraded</span> : null}
                </span>
                <span class="row">
                  <StatusLabel status={c.isGroup ? groupStatus(c, components) : c.status} />
                  <MoveButtons pageId={page.id} component={c} first={row[0]?.id === c.id} last={row[row.length - 1]?.id === c.id} />
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </ConsoleLayout>
  );
};

export const ComponentFormPage: FC<{ chrome: ConsoleChrome; form: FormState; components: ComponentRow[]; component?: ComponentRow; group: boolean }> = ({
  chrome,
  form,
  components,
  component,
  group,
}) => {
  const page = chrome.page!;
  const noun = group ? "group" : "component";
  const title = component ? `Edit ${component.name}` : `New ${noun}`;
  const groups = components.filter((c) => c.isGroup && c.id !== component?.id);
  return (
    <ConsoleLayout title={title} chrome={chrome} section="Components">
      <h1>{title}</h1>
      <ErrorSummary form={form} fields={FIELDS} labels={LABELS} />
      <form method="post" class="stack">
        {group && !component ? <input type="hidden" name="group" value="on" /> : null}
        {component ? null : <Submission form={form} />}
        <TextInput form={form} name="name" label="Name" required />
        <TextArea form={form} name="description" label="Description" rows={2} hint="Optional: shown to readers under the name." />
        {group ? null : (
          <>
            <Select
              form={form}
              name="group_id"
              label="Group"
              options={[{ value: "", label: "No group (top level)" }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
            />
            <Select form={form} name="status" label="Status" options={COMPONENT_STATUSES.map((s) => ({ value: s, label: COMPONENT_LABELS[s] }))} />
            {component ? <Was form={form} name="status" /> : null}
            <TextInput form={form} name="start_date" type="date" label="Uptime counts from" hint="Optional: the day it went live, in the page's time zone." />
            <Checkbox form={form} name="showcase" label="Show its uptime bars" />
          </>
        )}
        <Checkbox form={form} name="only_show_if_degraded" label="Show only when degraded" hint="Hidden from the public page while operational." />
        <button type="submit" class="primary">
          {component ? "Save" : `Create ${noun}`}
        </button>
      </form>
      {component ? (
        <p>
          <a href={consolePath(page.id, `/components/${component.id}/delete`)}>Delete {noun}</a>
        </p>
      ) : null}
    </ConsoleLayout>
  );
};
