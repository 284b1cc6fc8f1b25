import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../helpers/fixtures";
import { ADMIN_TOKEN, call } from "../helpers/http";
import { sha256Hex } from "../../src/lib/hash";
import { get, post, SESSION_COOKIE, signIn, textOf } from "./helpers";

let pageId: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Acme" })).id;
});

describe("token sign-in", () => {
  it("sends a visitor without a session to sign-in, and back where they were going after it", async () => {
    const res = await call("/admin/" + pageId + "/incidents", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/sign-in?next=${encodeURIComponent(`/admin/${pageId}/incidents`)}`);
    const form = await call("/admin/sign-in");
    expect(form.status).toBe(200);
    expect(textOf(await form.text())).toContain("Admin token");
    const signedIn = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN, next: `/admin/${pageId}/incidents` });
    expect(signedIn.headers.get("Location")).toBe(`/admin/${pageId}/incidents`);
  });

  it("sets a host-only, HttpOnly, Secure, SameSite=Strict cookie that lasts 12 hours", async () => {
    const res = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN });
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/; Max-Age=43200/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain=/);
  });

  it("refuses a wrong token with the message next to the field and no cookie", async () => {
    const res = await post("/admin/sign-in", { _sign_in_token: "wrong", next: "/admin" }, { "cf-connecting-ip": "192.0.2.77" });
    expect(res.status).toBe(401);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const text = textOf(await res.text());
    expect(text).toContain("There is a problem");
    expect(text).toContain("Not the admin token of this deployment.");
  });

  it("never redirects a sign-in to another site", async () => {
    for (const next of ["https://evil.example/", "//evil.example/admin", "/admin\\@evil.example", "/elsewhere"]) {
      const res = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN, next });
      expect(res.headers.get("Location"), next).toMatch(/^\/admin(\/|$)/);
    }
  });

  it("names the operator in the header and in what they write", async () => {
    const cookie = await signIn("Marta");
    const dashboard = await get(`/admin/${pageId}`, cookie);
    expect(dashboard.status).toBe(200);
    expect(textOf(await dashboard.text())).toContain("Signed in as console: Marta (admin token)");
  });
});

describe("sessions end", () => {
  it("sign-out ends the session on the server: the same cookie no longer opens the console", async () => {
    const cookie = await signIn();
    expect((await get(`/admin/${pageId}`, cookie)).status).toBe(200);
    const out = await post("/admin/sign-out", {}, { Cookie: cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    const after = await get(`/admin/${pageId}`, cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get("Location")).toMatch(/^\/admin\/sign-in/);
  });

  it("a session past its 12 hours opens nothing", async () => {
    const secret = "expired-session-secret-0123456789abcdefghijk";
    const now = Date.now();
    await env.DB.prepare("INSERT INTO console_sessions (id, actor, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .bind(await sha256Hex(secret), "console: Old (admin token)", await sha256Hex(ADMIN_TOKEN), now - 13 * 3600_000, now - 3600_000)
      .run();
    const res = await get(`/admin/${pageId}`, `${SESSION_COOKIE}=${secret}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/^\/admin\/sign-in/);
  });

  it("stores only a hash of the cookie's secret", async () => {
    const cookie = await signIn();
    const secret = cookie.split("=")[1]!;
    const rows = await env.DB.prepare("SELECT id, expires_at - created_at AS lasts FROM console_sessions WHERE id = ?")
      .bind(await sha256Hex(secret))
      .all();
    expect(rows.results).toEqual([{ id: await sha256Hex(secret), lasts: 12 * 3600_000 }]);
    const plain = await env.DB.prepare("SELECT count(*) AS n FROM console_sessions WHERE id = ?").bind(secret).first<{ n: number }>();
    expect(plain?.n).toBe(0);
  });
});

describe("rotating the token", () => {
  it("ends the sessions opened with the old token, and keeps those opened with the new one", async () => {
    const NEXT = "next-admin-token-0123456789abcdef0123";
    const rotating: Env = { ...env, ADMIN_TOKEN_NEXT: NEXT };
    const withOld = await signIn("Old", rotating);
    const newSignIn = await post("/admin/sign-in", { _sign_in_token: NEXT, _sign_in_name: "New" }, {}, rotating);
    const withNew = (newSignIn.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    // The rotation ends: the new token is now ADMIN_TOKEN, the old one is gone.
    const rotated: Env = { ...env, ADMIN_TOKEN: NEXT, ADMIN_TOKEN_NEXT: "" };
    const old = await get(`/admin/${pageId}`, withOld, rotated);
    expect(old.status).toBe(303);
    expect(old.headers.get("Location")).toMatch(/^\/admin\/sign-in/);
    const current = await get(`/admin/${pageId}`, withNew, rotated);
    expect(current.status).toBe(200);
    expect(textOf(await current.text())).toContain("console: New (next admin token)");
  });
});

describe("bad input to sign-in", () => {
  it("answers 400, not 5xx, to a malformed form, and sends a 'next' with control characters home", async () => {
    const broken = await call("/admin/sign-in", {
      method: "POST",
      headers: { Origin: "http://status.test", "Content-Type": "multipart/form-data" },
      body: "garbage",
    });
    expect(broken.status).toBe(400);
    const res = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN, next: "/admin/\r\nSet-Cookie: x=1" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).not.toMatch(/[\r\n]/);
    expect(res.headers.get("Set-Cookie")).not.toMatch(/x=1/);
  });
});

describe("failed sign-ins are limited per client", () => {
  it("counts an IPv6 client by its /64, so rotating addresses within it does not reset the limit", async () => {
    const from = (i: number) => ({ "cf-connecting-ip": `2001:db8:77:1::${i.toString(16)}` });
    for (let i = 1; i <= 10; i++) expect((await post("/admin/sign-in", { _sign_in_token: "wrong" }, from(i))).status, `failure ${i}`).toBe(401);
    expect((await post("/admin/sign-in", { _sign_in_token: "wrong" }, from(11))).status).toBe(429);
    const sameNetwork = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN }, { "cf-connecting-ip": "2001:db8:77:1:ffff:ffff:ffff:ffff" });
    expect(sameNetwork.status).toBe(429);
    const otherNetwork = await post("/admin/sign-in", { _sign_in_token: ADMIN_TOKEN }, { "cf-connecting-ip": "2001:db8:77:2::1" });
    expect(otherNetwork.status).toBe(303);
  });
});
