import type { FC } from "hono/jsx";
import type { FormState } from "../form-state";
import { ErrorSummary, Submission, TextInput } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

const FIELDS = ["name", "url", "host", "time_zone", "auto_resolve_after_minutes"];

/** A page's settings, or a new page. */
export const PageForm: FC<{ chrome: ConsoleChrome; form: FormState; creating: boolean }> = ({ chrome, form, creating }) => (
  <ConsoleLayout title={creating ? "New page" : "Settings"} chrome={chrome} section="Settings">
    <h1>{creating ? "New status page" : "Page settings"}</h1>
    <ErrorSummary
      form={form}
      fields={FIELDS}
      labels={{ name: "Name", url: "URL", host: "Host", time_zone: "Time zone", auto_resolve_after_minutes: "Resolve after" }}
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
