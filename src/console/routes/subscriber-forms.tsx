import { type Context, Hono } from "hono";
import { SubscriberInputSchema } from "../../admin/subscribers";
import { listComponents } from "../../db/queries/components";
import type { AppEnv } from "../../env";
import { createSubscriber, type SubscriberInput } from "../../writes/subscribers";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { checked, handleForm, parseWith } from "../forms";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { EmailFormPage, SecretPage, WebhookFormPage } from "../views/subscriber-forms";

type C = Context<AppEnv>;
type Kind = "webhook" | "email";

const chosenIds = (values: FormValues) =>
  Object.keys(values)
    .flatMap((k) => (k.startsWith("components.") && values[k] === "on" ? [k.slice("components.".length)] : []))
    .sort();

/** The form as the admin API's body, validated by the same schema. */
function inputOf(kind: Kind, values: FormValues): SubscriberInput {
  const components = chosenIds(values);
  const body = parseWith(
    SubscriberInputSchema,
    kind === "webhook"
      ? { type: "webhook", url: values.url ?? "", format: values.format, components }
      : { type: "email", email: (values.email ?? "").trim(), components, skip_confirmation: checked(values, "skip_confirmation") },
  );
  return body.type === "webhook"
    ? { type: "webhook", url: body.url, format: body.format, components: body.components }
    : { type: "email", email: body.email, components: body.components, skipConfirmation: body.skip_confirmation };
}

async function renderForm(c: C, kind: Kind, form: FormState, status = 200) {
  const components = await listComponents(c.get("db"), c.get("page").id);
  const Page = kind === "webhook" ? WebhookFormPage : EmailFormPage;
  return sendConsole(c, Page({ chrome: chromeOf(c), form, components }), status as 200);
}

export function subscriberFormRoutes() {
  const app = new Hono<AppEnv>();
  for (const kind of ["webhook", "email"] as const) {
    const path = `/subscribers/new/${kind}`;
    app.get(path, (c) => renderForm(c, kind, emptyForm(kind === "webhook" ? { format: "statuspage" } : {})));
    app.post(path, (c) =>
      handleForm(
        c,
        (form, status) => renderForm(c, kind, form, status),
        async (values) => {
          const { subscriber, secret } = await createSubscriber(consoleWriter(c, values), inputOf(kind, values), c.env.LOCAL_MODE === "1");
          if (secret === null) return consolePath(c.get("page").id, "/subscribers");
          return sendConsole(c, SecretPage({ chrome: chromeOf(c), title: "Webhook added", subscriber, secret }), 201);
        },
      ),
    );
  }
  return app;
}
