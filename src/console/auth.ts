import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { matchingToken } from "../http/admin-auth";
import { adminTokens } from "../http/admin-token";
import { ApiError } from "../http/api-error";
import { isWriteMethod } from "../http/methods";
import { requestClient } from "../http/client-address";
import { failedAuth, tooManyFailures } from "../http/rate-limit";
import { accessConfig, verifyAccess } from "./access";
import { emptyForm, type FormValues } from "./form-state";
import { readForm } from "./forms";
import { sendConsole } from "./respond";
import { sessionActor, signIn } from "./session";
import { SIGN_IN_NAME, SIGN_IN_TOKEN, SignInPage } from "./views/sign-in";

const ANONYMOUS = { page: null, pages: [], actor: null, canSignOut: false };

/** The name the audit log gives a token sign-in: the operator's own words, and which token. */
export const tokenActor = (name: string, label: string) => `console: ${name.trim().slice(0, 80) || "operator"} (${label})`;

/** Checks a token sign-in, counting failures per client (IPv6 by /64); who signed in with which token, or a refusal to show. */
export async function checkSignIn(c: Context<AppEnv>, form: FormValues): Promise<{ actor: string; token: string } | ApiError> {
  const ip = requestClient(c);
  const now = c.get("now");
  if (ip && failedAuth.blocked(ip, now)) return tooManyFailures();
  const matched = await matchingToken(form[SIGN_IN_TOKEN] ?? "", adminTokens(c.env));
  if (matched) return { actor: tokenActor(form[SIGN_IN_NAME] ?? "", matched.label), token: matched.token };
  if (ip && !(await failedAuth.count(c.env.ADMIN_AUTH_LIMITER, ip, now))) return tooManyFailures();
  return new ApiError(401, "unauthorized", "That token is not accepted.", [
    { field: `body.${SIGN_IN_TOKEN}`, message: "Not the admin token of this deployment." },
  ]);
}

/** The sign-in form, in place of the page or form that needed a session. */
export function signInPage(c: Context<AppEnv>, options: { action: string; next?: string; carried?: FormValues; error?: ApiError; status?: 200 }) {
  const { error, status, ...rest } = options;
  const form = error ? { ...emptyForm(), errors: { [SIGN_IN_TOKEN]: error.details[0]?.message ?? error.message }, summary: error.message } : emptyForm();
  return sendConsole(c, SignInPage({ chrome: { ...ANONYMOUS, now: c.get("now") }, form, ...rest }), error?.status ?? status ?? 401);
}

/**
 * Who is at the console: with ACCESS_TEAM_DOMAIN and ACCESS_AUD set, the person Cloudflare Access
 * signed in (its JWT verified on every request); otherwise a token session. A form posted after
 * the session ended comes back as a sign-in that carries the form's fields, posted to the same
 * address; signing in there restores the form, unsent, so nothing typed is lost.
 */
export const consoleAuth = () =>
  createMiddleware<AppEnv>(async function consoleAuth(c, next) {
    const access = accessConfig(c.env);
    if (access) {
      const result = await verifyAccess(c.req.header("cf-access-jwt-assertion"), access, c.get("now"));
      if (!result.ok && result.reason === "keys unavailable") {
        // Our side (or Access's) is failing, not the operator: say so, and when to try again.
        throw new ApiError(503, "access_unavailable", "Cloudflare Access's signing keys could not be fetched; try again shortly.", [], { "Retry-After": "10" });
      }
      if (!result.ok) {
        throw new ApiError(403, "access_required", `Sign in through Cloudflare Access to use the console (${result.reason}).`, [
          { field: "header.cf-access-jwt-assertion", message: result.reason },
        ]);
      }
      c.set("actor", result.email);
      c.set("signedInWith", "access");
      return next();
    }
    if (adminTokens(c.env).length === 0) throw new ApiError(503, "console_disabled", "The console is disabled: no ADMIN_TOKEN secret is configured.");
    const actor = await sessionActor(c);
    if (actor) {
      c.set("actor", actor);
      c.set("signedInWith", "session");
      return next();
    }
    const url = new URL(c.req.url);
    if (!isWriteMethod(c.req.method)) return c.redirect(`/admin/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    const form = await readForm(c);
    if (form[SIGN_IN_TOKEN] === undefined) return signInPage(c, { action: url.pathname + url.search, carried: carriedFields(form) });
    const signedIn = await checkSignIn(c, form);
    if (signedIn instanceof ApiError) return signInPage(c, { action: url.pathname + url.search, carried: carriedFields(form), error: signedIn });
    await signIn(c, signedIn.actor, signedIn.token);
    c.set("actor", signedIn.actor);
    c.set("signedInWith", "session");
    c.set("resumed", true);
    return next();
  });

const carriedFields = (form: FormValues) => Object.fromEntries(Object.entries(form).filter(([name]) => !name.startsWith("_sign_in")));
