import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./api-error";
import { sha256 } from "../lib/hash";
import { bearerToken } from "./bearer";
import { failedAuth, tooManyFailures } from "./rate-limit";

/**
 * Constant-time token check. timingSafeEqual throws on different lengths and would leak the
 * token's length, so both sides are hashed to 32 bytes first.
 */
export async function tokenMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * Whether `given` is one of the configured tokens. Every token is compared, always, so the time
 * taken does not tell which one matched (during a rotation both ADMIN_TOKEN and ADMIN_TOKEN_NEXT are).
 */
export async function tokenMatchesAny(given: string, tokens: readonly string[]): Promise<boolean> {
  const results = await Promise.all(tokens.map((token) => tokenMatches(given, token)));
  return results.reduce((any, matched) => any || matched, false);
}

const REALM = 'Bearer realm="edge-status admin"';
// RFC 6750 §3: no error code when no credentials came, error="invalid_token" when a wrong one did.
const challenge = (tokenSent: boolean) => ({ "WWW-Authenticate": tokenSent ? `${REALM}, error="invalid_token"` : REALM });

function unauthorized(tokenSent: boolean): ApiError {
  return new ApiError(
    401,
    "unauthorized",
    "A valid admin token is required: Authorization: Bearer <token>.",
    [{ field: "header.authorization", message: tokenSent ? "Token not accepted." : "Missing bearer token." }],
    challenge(tokenSent),
  );
}

/**
 * Bearer-token auth for the admin API: nothing is read or written before it passes. Failed attempts
 * are counted per client address (cf-connecting-ip, which Cloudflare always sets); over the limit,
 * every request from that address gets 429 for the rest of the period, whatever token it carries.
 */
export const adminAuth = () =>
  createMiddleware<AppEnv>(async function adminAuth(c, next) {
    const ip = c.req.header("cf-connecting-ip");
    const now = c.get("now");
    if (ip && failedAuth.blocked(ip, now)) throw tooManyFailures();
    const tokens = [c.env.ADMIN_TOKEN, c.env.ADMIN_TOKEN_NEXT].filter((t): t is string => typeof t === "string" && t !== "");
    if (tokens.length === 0) {
      throw new ApiError(401, "unauthorized", "The admin API is disabled: no ADMIN_TOKEN secret is configured.", [], challenge(false));
    }
    const given = bearerToken(c.req.header("authorization"));
    if (given !== null && given !== "" && (await tokenMatchesAny(given, tokens))) return next();
    if (ip && !(await failedAuth.count(c.env.ADMIN_AUTH_LIMITER, ip, now))) throw tooManyFailures();
    throw unauthorized(given !== null);
  });
