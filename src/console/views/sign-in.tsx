import type { FC } from "hono/jsx";
import type { FormState, FormValues } from "../form-state";
import { ErrorSummary, Hidden, TextInput } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

export const SIGN_IN_TOKEN = "_sign_in_token";
export const SIGN_IN_NAME = "_sign_in_name";

export interface SignInModel {
  chrome: ConsoleChrome;
  form: FormState;
  /** Where the form goes: /admin/sign-in, or the page whose form the expired session interrupted. */
  action: string;
  next?: string;
  /** The interrupted form's fields, sent on with the sign-in so nothing typed is lost. */
  carried?: FormValues;
}

export const SignInPage: FC<SignInModel> = ({ chrome, form, action, next, carried }) => (
  <ConsoleLayout title="Sign in" chrome={chrome}>
    <h1>Sign in</h1>
    {carried ? (
      <p class="console-notice" role="status">
        Your session has ended. Sign in again to continue: what you typed is kept, and nothing has been sent yet.
      </p>
    ) : null}
    <ErrorSummary form={form} fields={[SIGN_IN_TOKEN]} labels={{ [SIGN_IN_TOKEN]: "Admin token" }} />
    <form method="post" action={action} class="stack narrow">
      <TextInput
        form={form}
        name={SIGN_IN_TOKEN}
        label="Admin token"
        type="password"
        autocomplete="current-password"
        required
        hint="The ADMIN_TOKEN secret of this deployment (locally: in .dev.vars)."
      />
      <TextInput form={form} name={SIGN_IN_NAME} label="Your name" autocomplete="name" hint="Optional: how the audit log names you." />
      {next ? <Hidden name="next" value={next} /> : null}
      {Object.entries(carried ?? {}).map(([name, value]) => (
        <Hidden name={name} value={value} />
      ))}
      <button type="submit" class="primary">
        Sign in
      </button>
    </form>
    <p class="meta">You stay signed in for 12 hours on this browser, or until you sign out.</p>
  </ConsoleLayout>
);
