import type { FC } from "hono/jsx";
import { type Locale, LOCALES } from "../../i18n/locales";
import type { FormState } from "../form-state";
import { Checkbox, ErrorSummary, Select, Submission, TextInput } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

const FIELDS = ["name", "url", "host", "time_zone", "locale", "locales", "auto_resolve_after_minutes"];

/** Each language by its own name: an operator looks for the one readers will read. */
const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "pt-BR": "Português (Brasil)", es: "Español" };

/** The checkbox that offers readers `locale`. */
export const offerField = (locale: Locale) => `offer.${locale}`;

const Languages: FC<{ form: FormState }> = ({ form }) => (
  <>
    <Select
      form={form}
      name="locale"
      label="Page language"
      hint="What the page, its emails, feeds, badges and widget say. The console stays in English."
      options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
    />
    <fieldset id="f-locales" class={form.errors.locales ? "has-error" : undefined}>
      <legend>Also offer readers</legend>
      <p class="hint">A reader whose browser asks for one of these gets it. The page's own language is always offered.</p>
      {form.errors.locales ? <p class="error">{form.errors.locales}</p> : null}
      <div class="grid">
        {LOCALES.map((l) => (
          <Checkbox form={form} name={offerField(l)} label={LANGUAGE_NAMES[l]} />
        ))}
      </div>
    </fieldset>
  </>
);

/** A page's settings, or a new page. */
export const PageForm: FC<{ chrome: ConsoleChrome; form: FormState; creating: boolean }> = ({ chrome, form, creating }) => (
  <ConsoleLayout title={creating ? "New page" : "Settings"} chrome={chrome} section="Settings">
    <h1>{creating ? "New status page" : "Page settings"}</h1>
    <ErrorSummary
      form={form}
      fields={FIELDS}
      labels={{
        name: "Name",
        url: "URL",
        host: "Host",
        time_zone: "Time zone",
        locale: "Page language",
        locales: "Also offer readers",
        auto_resolve_after_minutes: "Resolve after",
      }}
    />
    <form method="post" class="stack">
      {creating ? <Submission form={form} /> : null}
      <TextInput form={form} name="name" label="Name" required hint="Your company or product, as readers know it." />
      <TextInput form={form} name="url" label="URL" type="url" required hint="Where readers open the page, e.g. https://status.example.com." />
      <TextInput form={form} name="host" label="Host" hint="The host name this page answers on; empty for the default page." />
      <TextInput
        form={form}
        name="time_zone"
        label="Time zone"
        required
        hint="An IANA name such as America/Sao_Paulo or Etc/UTC: every time on the page is shown in it."
      />
      <Languages form={form} />
      {creating ? null : (
        <TextInput
          form={form}
          name="auto_resolve_after_minutes"
          label="Resolve incidents left in monitoring after (minutes)"
          type="number"
          hint="0 turns it off."
        />
      )}
      <button type="submit" class="primary">
        {creating ? "Create page" : "Save settings"}
      </button>
    </form>
  </ConsoleLayout>
);
