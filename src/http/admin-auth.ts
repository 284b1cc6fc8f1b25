import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/**
 * Constant-time token check. timingSafeEqual throws on different lengths and would leak the
 * token's length, so both sides are hashed to 32 bytes first.
 */
export async function tokenMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

const challenge = { "WWW-Authenticate": 'Bearer realm="edge-status admin"' };

/** Bearer-token auth for the admin API: nothing is read or written before it passes. */
export const adminAuth = () =>
  createMiddleware<AppEnv>(async function adminAuth(c, next) {
    const expected = c.env.ADMIN_TOKEN;
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!expected) {
      throw new ApiError(401, "unauthorized", "The admin API is disabled: no ADMIN_TOKEN secret is configured.", [], challenge);
    }
    if (!match || !(await tokenMatches(match[1]!.trim(), expected))) {
      throw new ApiError(401, "unauthorized", "A valid admin token is required: Authorization: Bearer <token>.", [
        { field: "header.authorization", message: match ? "Token not accepted." : "Missing bearer token." },
      ], challenge);
    }
    await next();
  });
