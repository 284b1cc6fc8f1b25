import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./api-error";
import { sha256 } from "../lib/hash";
import { bearerToken } from "./bearer";
import { failedAuth, tooManyFailures } from "./rate-limit";
import { type AdminToken, adminTokens, refuseUnsafeTokens } from "./admin-token";
import { requestClient } from "./client-address";

/**
 * Constant-time token check. timingSafeEqual throws on different lengths and would leak the
 * token's length, so both sides are hashed to 32 bytes first.
 */
export async function tokenMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * The configured token `given` is, or null. Every token is compared, always, so the time taken does
 * not tell which one matched (during a rotation both ADMIN_TOKEN and ADMIN_TOKEN_NEXT are).
 */
export async function matchingToken(given: string, tokens: readonly AdminToken[]): Promise<AdminToken | null> {
  const results = await Promise.all(tokens.map((t) => tokenMatches(given, t.token)));
  return tokens.find((_, i) => results[i]) ?? null;
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
    const ip = requestClient(c);
    const now = c.get("now");
    if (ip && failedAuth.blocked(ip, now)) throw tooManyFailures();
    const tokens = adminTokens(c.env);
    if (tokens.length === 0) {
      throw new ApiError(401, "unauthorized", "The admin API is disabled: no ADMIN_TOKEN secret is configured.", [], challenge(false));
    }
    refuseUnsafeTokens(c.env);
    const given = bearerToken(c.req.header("authorization"));
    const matched = given ? await matchingToken(given, tokens) : null;
    if (matched) {
      c.set("actor", `api (${matched.label})`);
      return next();
    }
    if (ip && !(await failedAuth.count(c.env.ADMIN_AUTH_LIMITER, ip, now))) throw tooManyFailures();
    throw unauthorized(given !== null);
  });
