import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createPage, dbFingerprint } from "../helpers/fixtures";
import { AUTH, call, ORIGIN } from "../helpers/http";
import { get, post, signIn, textOf } from "./helpers";

let pageId: string;
let cookie: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Acme" })).id;
  cookie = await signIn();
});

const incidentFields = { name: "Forged", status: "investigating", body: "Not ours." };

describe("cross-site requests", () => {
  it("refuses a form posted from another site with 403, writing nothing, even with a valid session", async () => {
    const before = await dbFingerprint();
    for (const headers of [{ Origin: "https://evil.example" }, { Origin: "null" }, { Origin: `${ORIGIN}.evil.example` }]) {
      const res = await post(`/admin/${pageId}/incidents/new`, incidentFields, { ...headers, Cookie: cookie });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(textOf(await res.text())).toContain("sent from another site");
    }
    expect(await dbFingerprint()).toBe(before);
  });

  it("refuses a post with neither Origin nor Sec-Fetch-Site, and accepts Sec-Fetch-Site: same-origin", async () => {
    const init = (headers: Record<string, string>) => ({
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
      body: new URLSearchParams(incidentFields),
      redirect: "manual" as const,
    });
    expect((await call(`/admin/${pageId}/incidents/new`, init({}))).status).toBe(403);
    expect((await call(`/admin/${pageId}/incidents/new`, init({ "Sec-Fetch-Site": "cross-site" }))).status).toBe(403);
    expect((await call(`/admin/${pageId}/incidents/new`, init({ "Sec-Fetch-Site": "same-origin" }))).status).toBe(303);
  });

  it("refuses a cross-site sign-in (login CSRF)", async () => {
    const res = await post("/admin/sign-in", { _sign_in_token: "test-admin-token" }, { Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("console responses", () => {
  it("carry a nonce CSP that forbids framing, no CORS, and are never cached", async () => {
    for (const path of ["/admin/sign-in", `/admin/${pageId}`, `/admin/${pageId}/incidents/new`]) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
      const html = await res.text();
      expect(html).toContain(`<script src="/console.js" defer="" nonce="${nonce}">`);
      expect(html.match(/<script(?![^>]*type="application\/json")[^>]*>/g)?.every((tag) => tag.includes(`nonce="${nonce}"`))).toBe(true);
    }
  });
});

describe("unsafe admin tokens outside local mode", () => {
  const deployed = (token: string): Env => ({ ...env, ADMIN_TOKEN: token, LOCAL_MODE: undefined });

  it.each([
    ["shorter than 32 characters", "short-but-secret-token"],
    ["the example value", "dev-admin-token-change-me"],
  ])("refuses every admin request, API and console, when the token is %s", async (_, token) => {
    const api = await call("/api/admin/pages", { headers: { Authorization: `Bearer ${token}` } }, deployed(token));
    expect(api.status).toBe(503);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("admin_token_unsafe");
    expect(body.error.message).toContain("wrangler secret put ADMIN_TOKEN");
    // Sign-in is the way in: it is refused too, and no session starts.
    const consoleSignIn = await post("/admin/sign-in", { _sign_in_token: token }, {}, deployed(token));
    expect(consoleSignIn.status).toBe(503);
    expect(consoleSignIn.headers.get("Set-Cookie")).toBeNull();
    expect(textOf(await consoleSignIn.text())).toContain("Admin routes are disabled");
    expect((await call("/admin", { redirect: "manual" }, deployed(token))).status).toBe(503);
  });

  it("accepts a long random token outside local mode, and the short one in local mode", async () => {
    const long = "0123456789abcdef0123456789abcdef01";
    expect((await call("/api/admin/pages", { headers: { Authorization: `Bearer ${long}` } }, deployed(long))).status).toBe(200);
    expect((await call("/api/admin/pages", { headers: AUTH })).status).toBe(200);
  });
});
