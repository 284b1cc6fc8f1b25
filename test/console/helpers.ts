import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { ADMIN_TOKEN, call, ORIGIN } from "../helpers/http";

export const SESSION_COOKIE = "__Host-edge_status_session";

/** A same-origin form post, as the console's own pages send it. */
export function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}, bindings: Env = env) {
  return call(
    path,
    {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields),
      redirect: "manual",
    },
    bindings,
  );
}

export const get = (path: string, cookie: string, bindings: Env = env) => call(path, { headers: { Cookie: cookie }, redirect: "manual" }, bindings);

/** Signs in with the admin token; the Cookie header to send afterwards. */
export async function signIn(name = "Ana", bindings: Env = env): Promise<string> {
  const res = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN, _sign_in_name: name, next: "/admin" }, {}, bindings);
  expect(res.status).toBe(303);
  const set = res.headers.get("Set-Cookie") ?? "";
  const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set)?.[1];
  expect(value, set).toBeTruthy();
  return `${SESSION_COOKIE}=${value}`;
}

/** A console write by a signed-in operator. */
export const postAs = (cookie: string, path: string, fields: Record<string, string>) => post(path, fields, { Cookie: cookie });

/** The text content of an HTML answer, tags dropped and spaces folded. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
