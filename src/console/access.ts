import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTVerifyGetKey, jwtVerify } from "jose";

/** Cloudflare Access settings for the console; `teamDomain` is a bare host such as "myteam.cloudflareaccess.com". */
export interface AccessConfig {
  teamDomain: string;
  audience: string;
}

export type AccessKeys = JWTVerifyGetKey;

export type AccessResult = { ok: true; email: string } | { ok: false; reason: string };

/** The Access settings, or null unless both variables are set: without them the console is not behind Access. */
export function accessConfig(env: { ACCESS_TEAM_DOMAIN?: string; ACCESS_AUD?: string }): AccessConfig | null {
  // Operators paste the team domain in many shapes ("https://MyTeam.cloudflareaccess.com/"); all name one host.
  const teamDomain = (env.ACCESS_TEAM_DOMAIN ?? "")
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  // A secret piped into `wrangler secret put` can carry a trailing newline.
  const audience = (env.ACCESS_AUD ?? "").trim();
  return teamDomain && audience ? { teamDomain, audience } : null;
}

/** True when only one of the two Access variables is set: a typo that must not quietly open the token form. */
export function accessHalfConfigured(env: { ACCESS_TEAM_DOMAIN?: string; ACCESS_AUD?: string }): boolean {
  return Boolean(env.ACCESS_TEAM_DOMAIN?.trim()) !== Boolean(env.ACCESS_AUD?.trim());
}

const keysByTeam = new Map<string, AccessKeys>();

/** The team's signing keys, one loader per team per isolate so that jose's cached key set outlives a request. */
export function teamKeys(config: AccessConfig): AccessKeys {
  let keys = keysByTeam.get(config.teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`https://${config.teamDomain}/cdn-cgi/access/certs`));
    keysByTeam.set(config.teamDomain, keys);
  }
  return keys;
}

class KeysUnavailable extends Error {}

/** Verifies a `Cf-Access-Jwt-Assertion` token; never throws, so a caller only has to read `ok`. */
export async function verifyAccess(token: string | undefined, config: AccessConfig, now: number, keys: AccessKeys = teamKeys(config)): Promise<AccessResult> {
  if (!token) return { ok: false, reason: "missing" };
  const refused = refuseHeader(token);
  if (refused) return { ok: false, reason: refused };
  // Any failure of the key loader other than "no such key" means the certs could not be had: that is our outage, not a bad token.
  const getKey: AccessKeys = async (header, jws) => {
    try {
      return await keys(header, jws);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
      throw new KeysUnavailable("keys unavailable", { cause: err });
    }
  };
  try {
    const { payload } = await jwtVerify(token, getKey, {
      // Access signs with RS256 only: pinned here as well as in refuseHeader, so that jose enforces it too.
      algorithms: ["RS256"],
      audience: config.audience,
      issuer: `https://${config.teamDomain}`,
      requiredClaims: ["exp"],
      currentDate: new Date(now),
      // Access's clock and this isolate's may drift apart by a few seconds; a minute absorbs that without reviving old tokens.
      clockTolerance: 60,
    });
    // Service tokens carry no email: the console acts for a person, and names them in its records.
    const email = payload.email;
    if (typeof email !== "string" || !email.trim()) return { ok: false, reason: "no email" };
    return { ok: true, email };
  } catch (err) {
    return { ok: false, reason: reasonFor(err) };
  }
}

/**
 * Refuses, before jose sees it, a header that jose would reject before its first `await`: such a rejection is
 * caught here all the same, but workerd reports it as unhandled (and vitest fails the run on it).
 * Checking the algorithm first also refuses "none" and HMAC tokens without fetching any key.
 */
function refuseHeader(token: string): string | null {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return "malformed";
  }
  if (header.alg !== "RS256") return "wrong algorithm";
  // Access sends neither; jose refuses unknown critical extensions and unencoded payloads anyway.
  if ("crit" in header || "b64" in header) return "malformed";
  return null;
}

function reasonFor(err: unknown): string {
  if (err instanceof KeysUnavailable) return "keys unavailable";
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "wrong audience";
    if (err.claim === "iss") return "wrong issuer";
    if (err.claim === "nbf") return "not yet valid";
    return `bad ${err.claim} claim`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return "bad signature";
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return "unknown key";
  if (err instanceof errors.JOSEAlgNotAllowed) return "wrong algorithm";
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return "malformed";
  return "invalid";
}
