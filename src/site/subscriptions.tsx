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
import { pageIdentity, publicPage, publicSite, readerWords } from "../cache/serve";
import { languagesOf } from "../i18n/locales";
import { ENGLISH_VOICE, localHref, type Voice } from "../i18n/words";
import { SUBSCRIPTION_PATHS } from "../subscribers/links";
import { underSubscribeLimit } from "../subscribers/limit";
import { describeTarget } from "../subscribers/targets";
import { TOKEN_PATTERN } from "../subscribers/tokens";
import { chooseComponents, confirmSubscription, requestSubscription, subscriptionFor, unsubscribe } from "../subscribers/public";
import { type PageIdentity, plainHtml } from "./build";
import { serveHtml } from "./routes";
import { ConfirmPage, ManagePage, Said, SubscribePage, UnsubscribePage } from "./views/subscriptions";

/**
 * The language a new subscriber keeps: the one it read the form in, when the page offers several;
 * on a page of one language, none (its mails follow the page's language if it changes).
 */
const chosenLanguage = (voice: Voice) => (voice.languages.length > 1 ? voice.locale : null);

// Links carry a token: no referrer may leak it, no search engine index it, no cache keep it.
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };

const Email = z.email().max(254);

type C = Context<AppEnv>;

/**
 * The reader's language on a page read from D1: the page's languages (its own first) from its
 * settings, then what readerWords picks (`?lang=`, which the forms keep in their action, else
 * Accept-Language, else the page's own).
 */
function voiceFor(c: C, p: PageRow): Voice {
  return readerWords(c, languagesOf(p.settings));
}

interface PageOptions {
  status?: 200 | 404 | 422 | 429;
  identity?: PageIdentity | null;
  /** This page's address, for the language switch's links to it (the home page when it has none to repeat). */
  path?: string;
}

/** A page of the token pages and the refused subscribe form, in `voice`: built per request, never cached. */
function page(c: C, voice: Voice, title: string, body: Child, { status = 200, identity = c.get("page"), path = "/" }: PageOptions = {}) {
  return sendHtml(c, plainHtml(title, body, identity, c.get("now"), voice, path), { status, headers: PRIVATE });
}

/** A token page's own address, to show it again in another language. */
const tokenPath = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;

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

function invalidLink(c: C, voice: Voice, identity?: PageIdentity | null) {
  const say = voice.t.subscribe;
  const body = <Said title={say.invalidLink.heading} message={say.invalidLink.message} />;
  return page(c, voice, say.titles.invalidLink, body, { status: 404, ...(identity === undefined ? {} : { identity }) });
}

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
        if (!p) return null;
        const view = await subscribeView(db, p, { sent });
        return plainHtml(voice.t.subscribe.titles.subscribe, view, p, c.get("now"), voice, sent ? "/subscribe?sent=1" : "/subscribe");
      },
      (say) => say.pageGone,
    );
  });

  // A link's token has one shape: anything else is refused from what KV holds, before D1 is asked
  // whose it is (a loop of made-up links costs no D1 query).
  const tokenShaped = createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== "GET" || TOKEN_PATTERN.test(c.req.query("token") ?? "")) return next();
    const found = await publicPage(c);
    if (!found) return invalidLink(c, ENGLISH_VOICE, null);
    return invalidLink(c, readerWords(c, found.languages), pageIdentity(await publicSite(c), found.id));
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
    const voice = voiceFor(c, p);
    const say = voice.t.subscribe;
    const form = await formOf(c);
    const email = (form.one("email") ?? "").trim();
    const refuse = async (error: string, status: 422 | 429) =>
      page(c, voice, say.titles.subscribe, await subscribeView(c.get("db"), p, { email, chosen: form.components, error }), { status, path: "/subscribe" });
    if (!Email.safeParse(email).success) return refuse(say.refused.badEmail, 422);
    if (!(await underSubscribeLimit(c))) return refuse(say.refused.tooMany, 429);
    try {
      await requestSubscription({ db: c.get("db"), page: p, now: c.get("now"), queue: c.env.DELIVERIES }, email, form.components, chosenLanguage(voice));
    } catch (error) {
      if (error instanceof Refusal && error.kind === "invalid") return refuse(say.refused.componentGone, 422);
      throw error;
    }
    return c.redirect(localHref("/subscribe?sent=1", voice), 303);
  });

  app.get(SUBSCRIPTION_PATHS.confirm, async (c) => {
    const p = c.get("page");
    const voice = voiceFor(c, p);
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token"));
    if (row?.type !== "email") return invalidLink(c, voice);
    // Followed again after confirming: the subscription's own page.
    if (row.state !== "pending") return c.redirect(localHref(tokenPath(SUBSCRIPTION_PATHS.manage, row.token), voice), 303);
    // Following the link only shows the button: mail scanners that fetch links must not confirm.
    const view = <ConfirmPage pageName={p.name} email={row.target} token={row.token} />;
    return page(c, voice, voice.t.subscribe.titles.confirm, view, { path: tokenPath(SUBSCRIPTION_PATHS.confirm, row.token) });
  });

  app.post(SUBSCRIPTION_PATHS.confirm, async (c) => {
    const p = c.get("page");
    const voice = voiceFor(c, p);
    const row = await subscriptionFor(c.get("db"), p, (await formOf(c)).one("token"));
    if (!row) return invalidLink(c, voice);
    await confirmSubscription(c.get("db"), row, c.get("now"));
    return c.redirect(localHref(`${tokenPath(SUBSCRIPTION_PATHS.manage, row.token)}&said=confirmed`, voice), 303);
  });

  const said = (voice: Voice, key: string | undefined): string | undefined =>
    key === "confirmed" ? voice.t.subscribe.manage.confirmed : key === "saved" ? voice.t.subscribe.manage.saved : undefined;

  app.get(SUBSCRIPTION_PATHS.manage, async (c) => {
    const p = c.get("page");
    const voice = voiceFor(c, p);
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token"));
    if (!row || row.state === "pending") return invalidLink(c, voice);
    const components = displayOrder(await listComponents(c.get("db"), p.id));
    const view = (
      <ManagePage
        pageName={p.name}
        email={describeTarget(row)}
        token={row.token}
        components={components}
        chosen={new Set(row.components ?? [])}
        said={said(voice, c.req.query("said"))}
      />
    );
    return page(c, voice, voice.t.subscribe.titles.manage, view, { path: tokenPath(SUBSCRIPTION_PATHS.manage, row.token) });
  });

  app.post(SUBSCRIPTION_PATHS.manage, async (c) => {
    const p = c.get("page");
    const voice = voiceFor(c, p);
    const form = await formOf(c);
    const row = await subscriptionFor(c.get("db"), p, form.one("token"));
    if (!row || row.state === "pending") return invalidLink(c, voice);
    await chooseComponents(c.get("db"), p, row, form.components, c.get("now"));
    return c.redirect(localHref(`${tokenPath(SUBSCRIPTION_PATHS.manage, row.token)}&said=saved`, voice), 303);
  });

  app.get(SUBSCRIPTION_PATHS.unsubscribe, async (c) => {
    const p = c.get("page");
    const voice = voiceFor(c, p);
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token"));
    if (!row) return invalidLink(c, voice);
    const view = <UnsubscribePage pageName={p.name} email={describeTarget(row)} token={row.token} />;
    return page(c, voice, voice.t.subscribe.titles.unsubscribe, view, { path: tokenPath(SUBSCRIPTION_PATHS.unsubscribe, row.token) });
  });

  // RFC 8058: a mailbox provider POSTs "List-Unsubscribe=One-Click" to the URL of the header (token in
  // the query); the page's own button posts the token in the form. Either ends it, with no other step.
  app.post(SUBSCRIPTION_PATHS.unsubscribe, async (c) => {
    const p = c.get("page");
    const voice = voiceFor(c, p);
    const say = voice.t.subscribe.unsubscribe;
    const form = await formOf(c);
    const row = await subscriptionFor(c.get("db"), p, c.req.query("token") ?? form.one("token"));
    if (row) await unsubscribe(c.get("db"), row);
    // Answered alike when the link was already used: unsubscribing is idempotent.
    return page(c, voice, voice.t.subscribe.titles.unsubscribed, <Said title={say.doneHeading} message={say.done(p.name)} />);
  });

  return app;
}
