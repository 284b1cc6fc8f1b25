import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { listPages } from "../db/queries/pages";
import type { PageRow } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../lib/errors";
import type { IdempotencyClaim } from "../db/queries/idempotency";
import { ID_PATTERN } from "../lib/ids";
import { requestNotifier } from "../subscribers/request-notifier";
import type { WriteContext } from "../writes/context";
import type { FormValues } from "./form-state";
import type { ConsoleChrome } from "./views/layout";

/** The page of /admin/<page id>/…, read from D1 with the other pages for the switcher. */
export const consolePage = () =>
  createMiddleware<AppEnv>(async function consolePage(c, next) {
    // Read with the session already, unless the operator came through Access.
    const pages = c.get("pages") ?? (await listPages(c.get("db")));
    const page = pages.find((p) => p.id === c.req.param("page"));
    if (!page) throw notFound("Page", "path.page");
    c.set("page", page);
    c.set("pages", pages);
    await next();
  });

export function chromeOf(c: Context<AppEnv>): ConsoleChrome {
  return {
    // Unset before a page is chosen (sign-in, a new page, an error before the page was read).
    page: (c.get("page") as PageRow | undefined) ?? null,
    pages: c.get("pages") ?? [],
    actor: c.get("actor") ?? null,
    canSignOut: c.get("signedInWith") === "session",
    now: c.get("now"),
  };
}

/** The Idempotency-Key of a form's submission (see the Submission view). */
export const CONSOLE_KEY_PREFIX = "console:";
export function submissionClaim(values: FormValues | undefined): { idempotency: IdempotencyClaim } | Record<string, never> {
  const id = values?._submission;
  return id && ID_PATTERN.test(id) ? { idempotency: { key: `${CONSOLE_KEY_PREFIX}${id}`, fingerprint: "console" } } : {};
}

/** A console write: the operator is the actor; the version the form was drawn from, and its submission id, when it has them. */
export function consoleWriter(c: Context<AppEnv>, values?: FormValues): WriteContext {
  const basedOn = values?.version;
  const version = basedOn !== undefined && /^\d+$/.test(basedOn) ? Number(basedOn) : undefined;
  return {
    db: c.get("db"),
    kv: c.env.CACHE,
    page: c.get("page"),
    now: c.get("now"),
    actor: c.get("actor") ?? "console",
    notifier: requestNotifier(c),
    ...(version !== undefined ? { basedOn: version } : {}),
    ...submissionClaim(values),
  };
}
