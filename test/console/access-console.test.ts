import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CryptoKey } from "jose";
import { createPage } from "../helpers/fixtures";
import { call, ORIGIN } from "../helpers/http";
import { textOf } from "./helpers";

// The console behind Cloudflare Access: its JWT checked on every request against a key set served
// to the verifier, as the team's certs endpoint serves it. Dated by the real clock, as the worker is.
const TEAM = "edge-console-test.cloudflareaccess.com";
const AUD = "b7e1f0c2d3a4958677e6d5c4b3a29180f7e6d5c4b3a2918071625344352617a8";
const accessEnv: Env = { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };

let key: CryptoKey;
let jwks: { keys: JWK[] };
let pageId: string;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  key = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] };
  pageId = (await createPage({ name: "Acme" })).id;
});
afterEach(() => vi.restoreAllMocks());

function serveCerts() {
  const real = globalThis.fetch;
  return vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return url === `https://${TEAM}/cdn-cgi/access/certs` ? Promise.resolve(Response.json(jwks)) : real(input, init);
  });
}

const token = (email: string, audience = AUD) =>
  new SignJWT({ email, type: "app" })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(`https://${TEAM}`)
    .setAudience([audience])
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(key);

const as = (jwt: string | null, init: RequestInit = {}) =>
  call(
    `/admin/${pageId}${init.method === "POST" ? "/incidents/new" : ""}`,
    { ...init, headers: { ...(jwt ? { "Cf-Access-Jwt-Assertion": jwt } : {}), ...init.headers }, redirect: "manual" },
    accessEnv,
  );

describe("the console behind Cloudflare Access", () => {
  it("opens for a verified Access user and names them by email", async () => {
    serveCerts();
    const res = await as(await token("ops@example.com"));
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("Signed in as ops@example.com");
  });

  it("refuses a request without the assertion, or with one for another application, with 403", async () => {
    serveCerts();
    expect((await as(null)).status).toBe(403);
    const other = await as(await token("ops@example.com", "another-application-aud"));
    expect(other.status).toBe(403);
    expect(textOf(await other.text())).toContain("wrong audience");
  });

  it("records the Access email as the actor of a write", async () => {
    serveCerts();
    const res = await as(await token("oncall@example.com"), {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "Access write", status: "investigating", body: "Via Access." }),
    });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'incident.created' ORDER BY at DESC LIMIT 1").first<{ actor: string }>();
    expect(row?.actor).toBe("oncall@example.com");
  });

  it("offers no token sign-in when Access is set up", async () => {
    const res = await call("/admin/sign-in", { redirect: "manual" }, accessEnv);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin");
  });
});

describe("Access set up wrong, or unreachable", () => {
  it("refuses to open the console (and its token form) when only one of the two variables is set", async () => {
    for (const half of [{ ACCESS_TEAM_DOMAIN: TEAM }, { ACCESS_AUD: AUD }]) {
      const res = await call("/admin/sign-in", {}, { ...env, ...half });
      expect(res.status).toBe(503);
      expect(textOf(await res.text())).toContain("set both ACCESS_TEAM_DOMAIN and ACCESS_AUD");
    }
  });

  it("answers 503 with Retry-After, not 403, when the team's keys cannot be fetched", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(() => Promise.resolve(new Response("down", { status: 502 })));
    const outage: Env = { ...accessEnv, ACCESS_TEAM_DOMAIN: "unreachable-team.cloudflareaccess.com" };
    const jwt = await new SignJWT({ email: "ops@example.com" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer("https://unreachable-team.cloudflareaccess.com")
      .setAudience([AUD])
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);
    const res = await call(`/admin/${pageId}`, { headers: { "Cf-Access-Jwt-Assertion": jwt } }, outage);
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("10");
  });
});
