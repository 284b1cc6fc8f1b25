import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { pagesReads } from "../db/queries/pages";
import { endSession, sessionReads, startSession } from "../db/queries/sessions";
import { combine, run } from "../db/reads";
import type { AppEnv } from "../env";
import { adminTokens } from "../http/admin-token";
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

/** Starts a 12-hour session for `actor`, opened with `token`, and sets its cookie on the response. */
export async function signIn(c: Context<AppEnv>, actor: string, token: string): Promise<void> {
  const now = c.get("now");
  const secret = newSecret();
  const row = { id: await sha256Hex(secret), actor, tokenHash: await sha256Hex(token), createdAt: now, expiresAt: now + SESSION_MS };
  await startSession(c.get("db"), row, now);
  const { name, secure } = cookieName(c);
  setCookie(c, name, secret, { httpOnly: true, secure, sameSite: "Strict", path: "/", maxAge: SESSION_MS / 1000 });
}

/**
 * The actor of this request's session, or null when there is none, it expired, or its token was
 * rotated out. The pages (every console page needs them) are read in the same round trip.
 */
export async function sessionActor(c: Context<AppEnv>): Promise<string | null> {
  const secret = getCookie(c, cookieName(c).name);
  if (!secret) return null;
  const id = await sha256Hex(secret);
  const [session, pages] = await run(c.get("db"), combine(sessionReads(c.get("db"), id, c.get("now")), pagesReads(c.get("db"))));
  c.set("pages", pages);
  if (!session) return null;
  const live = await Promise.all(adminTokens(c.env).map((t) => sha256Hex(t.token)));
  if (live.includes(session.tokenHash)) return session.actor;
  await endSession(c.get("db"), id);
  return null;
}

/** Ends the session server-side (a copied cookie stops working too) and clears the cookie. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const { name, secure } = cookieName(c);
  const secret = getCookie(c, name);
  if (secret) await endSession(c.get("db"), await sha256Hex(secret));
  deleteCookie(c, name, { path: "/", secure, httpOnly: true, sameSite: "Strict" });
}
