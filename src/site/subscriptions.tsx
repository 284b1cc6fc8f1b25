import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { listComponents } from "../db/queries/components";
import { findPageForHost, getPage } from "../db/queries/pages";
import type { PageRow } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { sendHtml } from "../http/html-response";
import { Refusal } from "../lib/errors";
import { displayOrder } from "../present/statuspage";
import { pageIdentity, publicPage, publicSite } from "../cache/serve";
import { SUBSCRIPTION_PATHS } from "../subscribers/links";
import { underSubscribeLimit } from "../subscribers/limit";
import { describeTarget } from "../subscribers/targets";
import { TOKEN_PATTERN } from "../subscribers/tokens";
import { chooseComponents, confirmSubscription, requestSubscription, subscriptionFor, unsubscribe } from "../subscribers/public";
import { type PageIdentity, plainHtml } from "./build";
import { serveHtml } from "./routes";
import { ConfirmPage, ManagePage, Said, SubscribePage, UnsubscribePage } from "./views/subscriptions";

// Links carry a token: no referrer may leak it, no search engine index it, no cache keep it.
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };

const Email = z.email().max(254);

type C = Context<AppEnv>;

/** A page of the token pages and the refused subscribe form: built per request, never cached. */
function page(c: C, title: string, body: Child, status: 200 | 404 | 422 | 429 = 200, identity: PageIdentity | null = c.get("page")) {
  return sendHtml(c, plainHtml(title, body, identity, c.get("now")), { status, headers: PRIVATE });
}

/** Form fields: single values as text, `components` as a list. A body that is not a form is refused with 400. */
async function formOf(c: C): Promise<{ one: (name: string) => string | undefined; components: string[] }> {
  const body = await c.req.parseBody({ all: true }).catch(() => {
    throw new Refusal("invalid", "invalid_form", "The form could not be read.", [{ field: "body", message: "Not a form." }]);
  });
  const one = (name: string) => {
    const v = body[name];
    return typeof v === "string" ? v : undefined;
  };
  const raw = body.components;
  const components = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === "string");
  return { one, components };
}

async function subscribeView(db: Db, p: PageRow, state: { email?: string; chosen?: string[]; error?: string; sent?: boolean }) {
  const components = displayOrder(await listComponents(db, p.id));
  return (
    <SubscribePage pageName={p.name} components={components} email={state.email} chosen={new Set(state.chosen ?? [])} error={state.error} sent={state.sent} />
  );
}

const invalidLink = (c: C, identity?: PageIdentity | null) =>
  page(c, "Link not valid", <Said title="This link is not valid" message="It may be old, mistyped, or the subscription already ended." />, 404, identity);

/** Subscribing from the status page, and the pages a subscriber's mail links open (no sign-in: the token is the key). */
export function subscriptionsApp() {
  const app = new Hono<AppEnv>();
  // Mounted at the root beside the other pages: its middleware is scoped to its own paths.
  const paths = ["/subscribe", "/subscriptions/*", SUBSCRIPTION_PATHS.unsubscribe];
  for (const path of paths) app.use(path, bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Form too large.", 413, PRIVATE) }));

  // The form is the same for every reader: served from the cache like the other pages (no D1 when warm).
  app.get("/subscribe", (c) => {
    const sent = c.req.query("sent") === "1";
    return serveHtml(
      c,
      sent ? "subscribe:sent" : "subscribe",
      async (pageId, voice) => {
        const db = c.get("db");
        const p = await getPage(db, pageId);
        return p ? plainHtml("Subscribe", await subscribeView(db, p, { sent }), p, c.get("now"), voice, "/subscribe") : null;
      },
      (say) => say.pageGone,
    );
  });

  // A link's token has one shape: anything else is refused from what KV holds, before D1 is asked
  // whose it is (a loop of made-up links costs no D1 query).
  const tokenShaped = createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== "GET" || TOKEN_PATTERN.test(c.req.query("token") ?? "")) return next();
    const found = await publicPage(c);
    return invalidLink(c, found ? pageIdentity(await publicSite(c), found.id) : null);
  });
  for (const path of [SUBSCRIPTION_PATHS.confirm, SUBSCRIPTION_PATHS.manage, SUBSCRIPTION_PATHS.unsubscribe]) app.use(path, tokenShaped);

  // The other routes read D1 (a write, or one subscriber's token): the page comes with them.
  const withPage = createMiddleware<AppEnv>(async (c, next) => {
    const p = await findPageForHost(c.get("db"), new URL(c.req.url).hostname);
    if (!p) return c.text("No status page is configured for this address yet.", 404, PRIVATE);
    c.set("page", p);
    await next();
  });
  for (const path of paths) app.use(path, withPage);

  app.post("/subscribe", async (c) => {
    const p = c.get("page");
    const form = await formOf(c);
    const email = (form.one("email") ?? "").trim();
    const refuse = async (error: string, status: 422 | 429) =>
      page(c, "Subscribe", await subscribeView(c.get("db"), p, { email, chosen: form.components, error }), status);
    if (!Email.safeParse(email).success) return refuse("Enter an email address, like name@example.com.", 422);
    if (!(await underSubscribeLimit(c))) return refuse("Too many subscribe requests from your network; try again in a minute.", 429);
    try {
      await requestSubscription({ db: c.get("db"), page: p, now: c.get("now"), queue: c.env.DELIVERIES }, email, form.components);
    } catch (error) {
      if (error instanceof Refusal && error.kind === "invalid") return refuse("One of the chosen components no longer exists; choose again.", 422);
      throw error;
    }
    return c.redirect("/subscribe?sent=1", 303);
  });

  app.get(SUBSCRIPTION_PATHS.confirm, async (c) => {
    const p = c.get("page");
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token"));
    if (row?.type !== "email") return invalidLink(c);
    // Followed again after confirming: the subscription's own page.
    if (row.state !== "pending") return c.redirect(`${SUBSCRIPTION_PATHS.manage}?token=${encodeURIComponent(row.token)}`, 303);
    // Following the link only shows the button: mail scanners that fetch links must not confirm.
    return page(c, "Confirm", <ConfirmPage pageName={p.name} email={row.target} token={row.token} />);
  });

  app.post(SUBSCRIPTION_PATHS.confirm, async (c) => {
    const p = c.get("page");
    const row = await subscriptionFor(c.get("db"), p, (await formOf(c)).one("token"));
    if (!row) return invalidLink(c);
    await confirmSubscription(c.get("db"), row, c.get("now"));
    return c.redirect(`${SUBSCRIPTION_PATHS.manage}?token=${encodeURIComponent(row.token)}&said=confirmed`, 303);
  });

  const SAID: Record<string, string> = {
    confirmed: "Subscription confirmed: updates will come to this address.",
    saved: "Saved.",
  };

  app.get(SUBSCRIPTION_PATHS.manage, async (c) => {
    const p = c.get("page");
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token"));
    if (!row || row.state === "pending") return invalidLink(c);
    const components = displayOrder(await listComponents(c.get("db"), p.id));
    const view = (
      <ManagePage
        pageName={p.name}
        email={describeTarget(row)}
        token={row.token}
        components={components}
        chosen={new Set(row.components ?? [])}
        said={SAID[c.req.query("said") ?? ""]}
      />
    );
    return page(c, "Your subscription", view);
  });

  app.post(SUBSCRIPTION_PATHS.manage, async (c) => {
    const p = c.get("page");
    const form = await formOf(c);
    const row = await subscriptionFor(c.get("db"), p, form.one("token"));
    if (!row || row.state === "pending") return invalidLink(c);
    await chooseComponents(c.get("db"), p, row, form.components, c.get("now"));
    return c.redirect(`${SUBSCRIPTION_PATHS.manage}?token=${encodeURIComponent(row.token)}&said=saved`, 303);
  });

  app.get(SUBSCRIPTION_PATHS.unsubscribe, async (c) => {
    const p = c.get("page");
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token"));
    if (!row) return invalidLink(c);
    return page(c, "Unsubscribe", <UnsubscribePage pageName={p.name} email={describeTarget(row)} token={row.token} />);
  });

  // RFC 8058: a mailbox provider POSTs "List-Unsubscribe=One-Click" to the URL of the header (token in
  // the query); the page's own button posts the token in the form. Either ends it, with no other step.
  app.post(SUBSCRIPTION_PATHS.unsubscribe, async (c) => {
    const p = c.get("page");
    const form = await formOf(c);
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token") ?? form.one("token"));
    if (row) await unsubscribe(c.get("db"), row);
    // Answered alike when the link was already used: unsubscribing is idempotent.
    return page(c, "Unsubscribed", <Said title="You are unsubscribed" message={`No more ${p.name} status updates will be sent to this address.`} />);
  });

  return app;
}
