import { Hono } from "hono";
import { listPages } from "../../db/queries/pages";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/api-error";
import { accessConfig } from "../access";
import { checkSignIn, signInPage } from "../auth";
import { readForm } from "../forms";
import { consolePath } from "../paths";
import { signIn, signOut } from "../session";

/** Only a path inside the console, on this origin: a sign-in must never bounce a person to another site. */
function safeNext(next: string | undefined, origin: string): string {
  if (!next) return "/admin";
  try {
    const url = new URL(next, origin);
    return url.origin === origin && /^\/admin(\/|$)/.test(url.pathname) ? url.pathname + url.search : "/admin";
  } catch {
    return "/admin";
  }
}

export function signInRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/sign-in", (c) => {
    if (accessConfig(c.env)) return c.redirect("/admin", 303);
    return signInPage(c, { action: "/admin/sign-in", next: safeNext(c.req.query("next"), new URL(c.req.url).origin), status: 200 });
  });

  app.post("/sign-in", async (c) => {
    if (accessConfig(c.env)) throw new ApiError(404, "not_found", "This console signs in through Cloudflare Access.");
    const form = await readForm(c);
    const next = safeNext(form.next, new URL(c.req.url).origin);
    const signedIn = await checkSignIn(c, form);
    if (signedIn instanceof ApiError) return signInPage(c, { action: "/admin/sign-in", next, error: signedIn });
    await signIn(c, signedIn.actor, signedIn.token);
    return c.redirect(next, 303);
  });

  app.post("/sign-out", async (c) => {
    await signOut(c);
    return c.redirect("/admin/sign-in", 303);
  });

  return app;
}

/** /admin: the page this host serves, else the first page; none yet, a new one. */
export function entryRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const pages = c.get("pages") ?? (await listPages(c.get("db")));
    const host = new URL(c.req.url).hostname;
    const page = pages.find((p) => p.host === host) ?? pages.find((p) => p.isDefault) ?? pages[0];
    return c.redirect(page ? consolePath(page.id) : "/admin/pages/new", 303);
  });
  app.get("/switch", (c) => {
    const id = c.req.query("page") ?? "";
    return c.redirect(/^[a-z0-9]{12}$/.test(id) ? consolePath(id) : "/admin", 303);
  });
  return app;
}
