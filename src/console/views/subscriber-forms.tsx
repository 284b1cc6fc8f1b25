import type { Child, FC } from "hono/jsx";
import type { ComponentRow, SubscriberRow } from "../../db/schema";
import { displayOrder } from "../../present/statuspage";
import { timeView } from "../../present/view-model";
import { Time } from "../../site/views/parts";
import type { FormState } from "../form-state";
import { consolePath, subscriberPath } from "../paths";
import { Checkbox, ErrorSummary, Select, Submission, TextInput } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";
import { FORMAT_LABELS } from "./subscriber-parts";

export const WEBHOOK_FORMATS = ["statuspage", "slack", "discord", "teams"] as const;
export const chosenField = (id: string) => `components.${id}`;

const LABELS = { url: "URL", format: "Format", email: "Email address", components: "Components" };

const ComponentChoice: FC<{ form: FormState; components: readonly ComponentRow[] }> = ({ form, components }) => (
  <fieldset id="f-components" class={form.errors.components ? "components-field has-error" : "components-field"}>
    <legend>Components</legend>
    <p class="hint">None ticked: everything on the page.</p>
    {form.errors.components ? <p class="error">{form.errors.components}</p> : null}
    <div class="grid">
      {displayOrder(components).map((c) => (
        <Checkbox form={form} name={chosenField(c.id)} label={c.isGroup ? `${c.name} (group)` : c.name} />
      ))}
    </div>
  </fieldset>
);

const FormPage: FC<{ chrome: ConsoleChrome; title: string; form: FormState; fields: string[]; children?: Child }> = ({
  chrome,
  title,
  form,
  fields,
  children,
}) => (
  <ConsoleLayout title={title} chrome={chrome} section="Subscribers">
    <p>
      <a href={consolePath(chrome.page!.id, "/subscribers")}>Back to subscribers</a>
    </p>
    <h1>{title}</h1>
    <ErrorSummary form={form} fields={fields} labels={LABELS} />
    <form method="post" class="stack">
      <Submission form={form} />
      {children}
    </form>
  </ConsoleLayout>
);

export const WebhookFormPage: FC<{ chrome: ConsoleChrome; form: FormState; components: readonly ComponentRow[] }> = ({ chrome, form, components }) => (
  <FormPage chrome={chrome} title="Add webhook" form={form} fields={["url", "format", "components"]}>
    <TextInput form={form} name="url" type="url" label="URL" hint="https only; its signing secret is shown once, on the next page." required />
    <Select form={form} name="format" label="Format" options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))} />
    <ComponentChoice form={form} components={components} />
    <button type="submit" class="primary">
      Add webhook
    </button>
  </FormPage>
);

export const EmailFormPage: FC<{ chrome: ConsoleChrome; form: FormState; components: readonly ComponentRow[] }> = ({ chrome, form, components }) => (
  <FormPage chrome={chrome} title="Add email subscriber" form={form} fields={["email", "components"]}>
    <TextInput form={form} name="email" type="email" label="Email address" autocomplete="off" required />
    <ComponentChoice form={form} components={components} />
    <Checkbox
      form={form}
      name="skip_confirmation"
      label="Skip confirmation"
      hint="You vouch for the address: it is active at once and gets no confirmation mail."
    />
    <button type="submit" class="primary">
      Add email subscriber
    </button>
  </FormPage>
);

/** A webhook's signing secret, drawn in this answer only: it is never in a URL or a page that can be loaded again. */
export const SecretPage: FC<{ chrome: ConsoleChrome; title: string; subscriber: SubscriberRow; secret: string; previousUntil?: number }> = ({
  chrome,
  title,
  subscriber,
  secret,
  previousUntil,
}) => {
  const page = chrome.page!;
  return (
    <ConsoleLayout title={title} chrome={chrome} section="Subscribers">
      <h1>{title}</h1>
      <p class="target">{subscriber.target}</p>
      <div class="field">
        <label for="secret">Signing secret</label>
        <input id="secret" type="text" readonly value={secret} aria-describedby="secret-hint" />
        <p class="console-notice" id="secret-hint" role="status">
          Store it now; it will not be shown again.
        </p>
      </div>
      {previousUntil !== undefined ? (
        <p>
          The previous secret keeps signing deliveries until <Time t={timeView(previousUntil, page.timeZone)} />: switch the receiver to the new one before
          then.
        </p>
      ) : null}
      <p class="actions">
        <a href={subscriberPath(page.id, subscriber.id)}>The subscriber</a>
        <a href={consolePath(page.id, "/subscribers")}>Back to subscribers</a>
      </p>
    </ConsoleLayout>
  );
};
