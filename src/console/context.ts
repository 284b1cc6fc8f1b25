import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { listPages } from "../db/queries/pages";
import type { AppEnv } from "../env";
import { notFound } from "../lib/errors";
import type { WriteContext } from "../writes/context";
import type { ConsoleChrome } from "./views/layout";

/** The page of /admin/<page id>/…, read from D1 with the other pages for the switcher. */
export const consolePage = () =>
  createMiddleware<AppEnv>(async function consolePage(c, next) {
    const pages = await listPages(c.get("db"));
    const page = pages.find((p) => p.id === c.req.param("page"));
    if (!page) throw notFound("Page", "path.page");
    c.set("page", page);
    c.set("pages", pages);
    await next();
  });

export type ConsoleEnv = AppEnv;

export function chromeOf(c: Context<ConsoleEnv>): ConsoleChrome {
  return {
    page: c.get("page"),
    pages: c.get("pages") ?? [],
    actor: c.get("actor") ?? null,
    canSignOut: c.get("signedInWith") === "session",
    now: c.get("now"),
  };
}

/** A console write: the operator is the actor; `basedOn` is the version the form was drawn from. */
export function consoleWriter(c: Context<ConsoleEnv>, basedOn?: string): WriteContext {
  const version = basedOn !== undefined && /^\d+$/.test(basedOn) ? Number(basedOn) : undefined;
  return {
    db: c.get("db"),
    kv: c.env.CACHE,
    page: c.get("page"),
    now: c.get("now"),
    actor: c.get("actor") ?? "console",
    ...(version !== undefined ? { basedOn: version } : {}),
  };
}
