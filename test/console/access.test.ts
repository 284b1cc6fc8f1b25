import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type AccessConfig, accessConfig, teamKeys, verifyAccess } from "../../src/console/access";

// A fixed clock: tokens are dated against it, never against the real one.
const now = Date.UTC(2026, 11, 6, 12);
const nowSeconds = Math.floor(now / 1000);
const KID = "access-test-key";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";

let signingKey: CryptoKey;
let impostorKey: CryptoKey;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  signingKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: "RS256", use: "sig" }] };
  impostorKey = (await generateKeyPair("RS256", { extractable: true })).privateKey;
});

afterEach(() => {
  vi.restoreAllMocks();
});

// teamKeys memoises per team domain for the isolate's life: a fresh domain per test keeps each test's key set its own.
let teams = 0;
function freshConfig(): AccessConfig {
  teams += 1;
  return { teamDomain: `team-${teams}.cloudflareaccess.com`, audience: AUD };
}

function certsUrl(config: AccessConfig): string {
  return `https://${config.teamDomain}/cdn-cgi/access/certs`;
}

/** Answers a GET of the team's certs URL with the test key set (or with `status`), and 404 to anything else. */
function serveCerts(config: AccessConfig, status = 200) {
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url !== certsUrl(config) || (init?.method ?? "GET") !== "GET") return new Response("not found", { status: 404 });
    return status === 200 ? Response.json(jwks) : new Response("upstream error", { status });
  });
}

function base64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** An Access-shaped user token for `config`, with `overrides` applied to the claims. */
function accessToken(config: AccessConfig, overrides: JWTPayload = {}, key: CryptoKey = signingKey): Promise<string> {
  const claims: JWTPayload = {
    aud: [config.audience],
    email: "ops@example.com",
    iss: `https://${config.teamDomain}`,
    sub: "7335d417-61da-459d-899c-0a01c76a2f94",
    type: "app",
    iat: nowSeconds - 60,
    nbf: nowSeconds - 60,
    exp: nowSeconds + 24 * 3600,
    ...overrides,
  };
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: KID }).sign(key);
}

describe("verifyAccess", () => {
  it("accepts a good token, fetching the team's certs once and keeping them for the next request", async () => {
    const config = freshConfig();
    const fetchSpy = serveCerts(config);
    const token = await accessToken(config);

    expect(await verifyAccess(token, config, now)).toEqual({ ok: true, email: "ops@example.com" });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(String(url)).toBe(`https://${config.teamDomain}/cdn-cgi/access/certs`);
    expect(init?.method).toBe("GET");

    expect(teamKeys(config)).toBe(teamKeys({ ...config }));
    expect(await verifyAccess(token, config, now + 60_000)).toEqual({ ok: true, email: "ops@example.com" });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it("refuses a token for another application", async () => {
    const config = freshConfig();
    serveCerts(config);
    const token = await accessToken(config, { aud: ["another-application-aud"] });
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "wrong audience" });
  });

  it("refuses an expired token", async () => {
    const config = freshConfig();
    serveCerts(config);
    const token = await accessToken(config, { iat: nowSeconds - 3600, nbf: nowSeconds - 3600, exp: nowSeconds - 120 });
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token signed by another key under the same kid", async () => {
    const config = freshConfig();
    serveCerts(config);
    const token = await accessToken(config, {}, impostorKey);
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("refuses a token issued by another team", async () => {
    const config = freshConfig();
    serveCerts(config);
    const token = await accessToken(config, { iss: "https://someone-else.cloudflareaccess.com" });
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "wrong issuer" });
  });

  it("refuses a service token, which has no email", async () => {
    const config = freshConfig();
    serveCerts(config);
    // Access's service tokens name the client in common_name and leave sub empty; undefined drops email from the JSON.
    const token = await accessToken(config, { email: undefined, common_name: "88bf3b6d86161464f6509f7219099e57.access", sub: "" });
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "no email" });
  });

  it("refuses a missing token without fetching the certs", async () => {
    const config = freshConfig();
    const fetchSpy = serveCerts(config);
    expect(await verifyAccess(undefined, config, now)).toEqual({ ok: false, reason: "missing" });
    expect(await verifyAccess("", config, now)).toEqual({ ok: false, reason: "missing" });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses an HMAC token without fetching the certs", async () => {
    const config = freshConfig();
    const fetchSpy = serveCerts(config);
    const token = await new SignJWT({ aud: [AUD], email: "ops@example.com", iss: `https://${config.teamDomain}`, exp: nowSeconds + 3600 })
      .setProtectedHeader({ alg: "HS256", kid: KID })
      .sign(new TextEncoder().encode("a shared secret of at least thirty-two bytes"));
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "wrong algorithm" });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    ["a critical header extension", { alg: "RS256", kid: KID, crit: ["exp"], exp: 1 }, "malformed"],
    ["no algorithm", { kid: KID }, "wrong algorithm"],
    ["the none algorithm", { alg: "none", kid: KID }, "wrong algorithm"],
  ])("refuses a token with %s without fetching the certs", async (_, header, reason) => {
    const config = freshConfig();
    const fetchSpy = serveCerts(config);
    const token = `${base64url(header)}.${base64url({ aud: [AUD], email: "ops@example.com", exp: nowSeconds + 3600 })}.c2lnbmF0dXJl`;
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses what is not a JWT", async () => {
    const config = freshConfig();
    serveCerts(config);
    expect(await verifyAccess("not-a-token", config, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("says the keys are unavailable when the certs endpoint fails", async () => {
    const config = freshConfig();
    const fetchSpy = serveCerts(config, 500);
    const token = await accessToken(config);
    expect(await verifyAccess(token, config, now)).toEqual({ ok: false, reason: "keys unavailable" });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe("accessConfig", () => {
  it("normalises the team domain to a bare lower-case host", () => {
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: "https://MyTeam.cloudflareaccess.com/", ACCESS_AUD: AUD })).toEqual({
      teamDomain: "myteam.cloudflareaccess.com",
      audience: AUD,
    });
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: "myteam.cloudflareaccess.com", ACCESS_AUD: `${AUD}\n` })).toEqual({
      teamDomain: "myteam.cloudflareaccess.com",
      audience: AUD,
    });
  });

  it("is null unless both variables are set and non-empty", () => {
    expect(accessConfig({})).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: "myteam.cloudflareaccess.com" })).toBeNull();
    expect(accessConfig({ ACCESS_AUD: AUD })).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: AUD })).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: "myteam.cloudflareaccess.com", ACCESS_AUD: " " })).toBeNull();
  });
});
