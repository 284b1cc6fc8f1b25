import { type Context, Hono } from "hono";
import { listComponents } from "../../db/queries/components";
import { deliveryCounts, recentDeliveries } from "../../db/queries/deliveries";
import { listSubscribers } from "../../db/queries/subscribers";
import type { AppEnv } from "../../env";
import { deleteSubscriber, requireSubscriber, resumeSubscriber, rotateSecret } from "../../writes/subscribers";
import { chromeOf, consoleWriter } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { handleForm, resumedElsewhere } from "../forms";
import { consolePath, subscriberPath } from "../paths";
import { sendConsole } from "../respond";
import { ConfirmPage } from "../views/event-parts";
import { SubscriberPage } from "../views/subscriber";
import { SecretPage } from "../views/subscriber-forms";
import { SubscribersPage } from "../views/subscribers";

type C = Context<AppEnv>;

const listPath = (c: C) => consolePath(c.get("page").id, "/subscribers");
const findSubscriber = (c: C) => requireSubscriber({ db: c.get("db"), page: c.get("page") }, c.req.param("id")!);

async function renderList(c: C, form: FormState = emptyForm(), status = 200) {
  const db = c.get("db");
  const pageId = c.get("page").id;
  const [subscribers, counts, components] = await Promise.all([listSubscribers(db, pageId), deliveryCounts(db, pageId), listComponents(db, pageId)]);
  return sendConsole(c, SubscribersPage({ chrome: chromeOf(c), form, subscribers, counts, components }), status as 200);
}

/** A one-click write from a row: not carried out across a sign-in; refused, the list says why. */
function rowAction(c: C, act: (values: FormValues) => Promise<string | Response>) {
  return resumedElsewhere(c, listPath(c)) ?? handleForm(c, (form, status) => renderList(c, form, status), act);
}

export function subscriberRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/subscribers", (c) => renderList(c));

  app.get("/subscribers/:id", async (c) => {
    const subscriber = await findSubscriber(c);
    const db = c.get("db");
    const [deliveries, counts, components] = await Promise.all([
      recentDeliveries(db, subscriber.id),
      deliveryCounts(db, subscriber.pageId, subscriber.id),
      listComponents(db, subscriber.pageId),
    ]);
    const mine = counts.get(subscriber.id) ?? { sent: 0, pending: 0, dead: 0 };
    return sendConsole(c, SubscriberPage({ chrome: chromeOf(c), subscriber, counts: mine, deliveries, components }));
  });

  app.post("/subscribers/:id/resume", (c) =>
    rowAction(c, async (values) => {
      await resumeSubscriber(consoleWriter(c, values), c.req.param("id"));
      return listPath(c);
    }),
  );
  app.post("/subscribers/:id/rotate-secret", (c) =>
    rowAction(c, async (values) => {
      const { subscriber, secret } = await rotateSecret(consoleWriter(c, values), c.req.param("id"));
      const previousUntil = subscriber.previousSecretUntil ?? undefined;
      return sendConsole(c, SecretPage({ chrome: chromeOf(c), title: "Secret rotated", subscriber, secret: secret!, previousUntil }));
    }),
  );

  app.get("/subscribers/:id/delete", async (c) => {
    const s = await findSubscriber(c);
    return sendConsole(
      c,
      ConfirmPage({
        chrome: chromeOf(c),
        section: "Subscribers",
        title: "Delete subscriber",
        question: `Delete the ${s.type === "email" ? "email subscriber" : "webhook"} “${s.target}”?`,
        detail: "Nothing more is sent to it; deliveries still pending are dropped.",
        button: "Delete subscriber",
        back: subscriberPath(c.get("page").id, s.id),
      }),
    );
  });
  app.post("/subscribers/:id/delete", async (c) => {
    const held = resumedElsewhere(c);
    if (held) return held;
    await deleteSubscriber(consoleWriter(c), c.req.param("id"));
    return c.redirect(listPath(c), 303);
  });
  return app;
}
