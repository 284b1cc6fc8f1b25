import { ApiError } from "./api-error";

/** The value .dev.vars.example ships with: known to everyone, so never accepted outside local mode. */
export const EXAMPLE_ADMIN_TOKEN = "dev-admin-token-change-me";
export const MIN_ADMIN_TOKEN_LENGTH = 32;

type TokenEnv = Pick<Env, "ADMIN_TOKEN" | "ADMIN_TOKEN_NEXT" | "LOCAL_MODE">;

/** `npm start` and the tests: loopback cookies without Secure, and the short example token allowed. */
export const isLocalMode = (env: Pick<Env, "LOCAL_MODE">) => env.LOCAL_MODE === "1";

export interface AdminToken {
  /** How the audit log names whoever used it. */
  label: string;
  token: string;
}

/** The configured tokens (during a rotation, both). */
export function adminTokens(env: TokenEnv): AdminToken[] {
  const all = [
    { label: "admin token", token: env.ADMIN_TOKEN },
    { label: "next admin token", token: env.ADMIN_TOKEN_NEXT },
  ];
  return all.filter((t): t is AdminToken => typeof t.token === "string" && t.token !== "");
}

/** Why the configured tokens must not open the admin routes, or null when they may. */
export function unsafeTokenReason(env: TokenEnv): string | null {
  if (isLocalMode(env)) return null;
  for (const { label, token } of adminTokens(env)) {
    if (token === EXAMPLE_ADMIN_TOKEN) return `The ${label} is the example value from .dev.vars.example.`;
    if (token.length < MIN_ADMIN_TOKEN_LENGTH) return `The ${label} is shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters.`;
  }
  return null;
}

/** Refuses every admin request while a configured token is unsafe, and says so in the log each time. */
export function refuseUnsafeTokens(env: TokenEnv): void {
  const reason = unsafeTokenReason(env);
  if (!reason) return;
  const message = `Admin routes are disabled: ${reason} Set a random token of at least ${MIN_ADMIN_TOKEN_LENGTH} characters: wrangler secret put ADMIN_TOKEN (e.g. from openssl rand -hex 32).`;
  console.error(message);
  throw new ApiError(503, "admin_token_unsafe", message, [{ field: "env.ADMIN_TOKEN", message: reason }]);
}
