import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { endSession, findSession, startSession } from "../db/queries/sessions";
import type { AppEnv } from "../env";
import { sha256Hex } from "../lib/hash";

export const SESSION_MS = 12 * 60 * 60 * 1000;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

// Secure everywhere but plain-http loopback, where a browser would drop a Secure cookie; the
// __Host- prefix then also pins it to this host and path "/".
function cookieName(c: Context<AppEnv>): { name: string; secure: boolean } {
  const secure = !LOOPBACK.has(new URL(c.req.url).hostname);
  return { name: secure ? "__Host-edge_status_session" : "edge_status_session", secure };
}

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Starts a 12-hour session for `actor` and sets its cookie on the response. */
export async function signIn(c: Context<AppEnv>, actor: string): Promise<void> {
  const now = c.get("now");
  const secret = newSecret();
  await startSession(c.get("db"), { id: await sha256Hex(secret), actor, createdAt: now, expiresAt: now + SESSION_MS }, now);
  const { name, secure } = cookieName(c);
  setCookie(c, name, secret, { httpOnly: true, secure, sameSite: "Strict", path: "/", maxAge: SESSION_MS / 1000 });
}

/** The actor of this request's session, or null when there is none or it expired. */
export async function sessionActor(c: Context<AppEnv>): Promise<string | null> {
  const secret = getCookie(c, cookieName(c).name);
  if (!secret) return null;
  const session = await findSession(c.get("db"), await sha256Hex(secret), c.get("now"));
  return session?.actor ?? null;
}

/** Ends the session server-side (a copied cookie stops working too) and clears the cookie. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const { name, secure } = cookieName(c);
  const secret = getCookie(c, name);
  if (secret) await endSession(c.get("db"), await sha256Hex(secret));
  deleteCookie(c, name, { path: "/", secure, httpOnly: true, sameSite: "Strict" });
}
