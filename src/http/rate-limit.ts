import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./api-error";
import { sha256Hex } from "../lib/hash";
import { bearerToken } from "./bearer";
import { isWriteMethod } from "./methods";

/** The `period` of both [[ratelimits]] in wrangler.toml, in seconds; the binding does not report it. */
export const LIMIT_PERIOD_SECONDS = 60;

export const rateLimited = (message: string, field: string) =>
  new ApiError(429, "rate_limited", message, [{ field, message: "Over the limit; see Retry-After." }], {
    "Retry-After": String(LIMIT_PERIOD_SECONDS),
  });

/**
 * True while `key` is under the limiter's limit (and counts this call). A limiter that is not bound
 * or does not answer lets the request through: it must never lock the operators out mid-incident.
 */
export async function underLimit(limiter: RateLimit | undefined, key: string, what: string): Promise<boolean> {
  if (!limiter) {
    console.warn(`rate limiter for ${what} is not bound; not limiting`);
    return true;
  }
  try {
    return (await limiter.limit({ key })).success;
  } catch (error) {
    console.error(`rate limiter for ${what} failed; not limiting`, error);
    return true;
  }
}

// The binding can only count, not peek. A client that went over the failure limit is remembered
// here, so that until the window ends even the right token gets 429: the answer must not depend on
// the token, or the limit would still tell a guesser when they are right. Per isolate, bounded.
const blockedUntil = new Map<string, number>();
const MAX_BLOCKED = 10_000;

export const failedAuth = {
  blocked(ip: string, now: number): boolean {
    const until = blockedUntil.get(ip);
    if (until === undefined) return false;
    if (until > now) return true;
    blockedUntil.delete(ip);
    return false;
  },

  /** Counts one failed authentication; false (and the client blocked for the period) once over the limit. */
  async count(limiter: RateLimit | undefined, ip: string, now: number): Promise<boolean> {
    if (await underLimit(limiter, ip, "failed admin authentications")) return true;
    if (blockedUntil.size >= MAX_BLOCKED) blockedUntil.delete(blockedUntil.keys().next().value!);
    blockedUntil.set(ip, now + LIMIT_PERIOD_SECONDS * 1000);
    return false;
  },
};

export const tooManyFailures = () => rateLimited("Too many failed authentications from this address; try again later.", "header.cf-connecting-ip");

/** At most ADMIN_WRITE_LIMITER's limit of writes per period for each token (after adminAuth); reads are free. */
export const adminWriteLimit = () =>
  createMiddleware<AppEnv>(async function adminWriteLimit(c, next) {
    if (isWriteMethod(c.req.method)) {
      const key = await sha256Hex(bearerToken(c.req.header("authorization")) ?? "");
      if (!(await underLimit(c.env.ADMIN_WRITE_LIMITER, key, "admin writes"))) {
        throw rateLimited("Too many admin writes with this token; try again later.", "header.authorization");
      }
    }
    await next();
  });
