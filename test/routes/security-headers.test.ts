import { beforeAll, describe, expect, it } from "vitest";
import { NONCE_PLACEHOLDER } from "../../src/http/html-response";
import { createIncident, seedDemo } from "../helpers/fixtures";
import { AUTH, call } from "../helpers/http";

const directives = (res: Response) => (res.headers.get("Content-Security-Policy") ?? "").split(";").map((d) => d.trim());

beforeAll(async () => {
  await seedDemo();
});

describe("every response", () => {
  it("carries HSTS, nosniff and a referrer policy, pages, JSON, badges, admin and errors alike", async () => {
    for (const [path, init] of [
      ["/", {}],
      ["/api/v2/summary.json", {}],
      ["/badge.svg", {}],
      ["/nope", {}],
      ["/api/admin/components", { headers: AUTH }],
      ["/api/admin/components", {}],
    ] as const) {
      const res = await call(path, init);
      expect(res.headers.get("Strict-Transport-Security"), path).toBe("max-age=31536000");
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy"), path).toBe("strict-origin-when-cross-origin");
    }
  });
});

describe("the status pages", () => {
  it("allow only the script carrying this response's nonce, a new nonce every time", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await call("/");
      const html = await res.text();
      const policy = directives(res);
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{24})'/.exec(policy.join(";"))?.[1];
      expect(nonce).toBeDefined();
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(
        ["/local-time.js", "/uptime-bars.js"].map((src) => `<script src="${src}" defer="" nonce="${nonce}">`),
      );
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(3);
  });

  it("load styles only from the stylesheet, no plugins, no base or form tricks, framed only by themselves", async () => {
    const policy = directives(await call("/history"));
    expect(policy).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
      ]),
    );
    expect(policy.join(";")).not.toContain("unsafe-inline");
  });

  it("answer a revalidation with 304 and no policy, so the browser keeps the one matching its copy's nonce", async () => {
    const first = await call("/");
    const again = await call("/", { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
    expect(again.headers.has("Content-Security-Policy")).toBe(false);
  });

  it("put the nonce only in the head, never into content that happens to contain the placeholder", async () => {
    await createIncident({ name: `Literal ${NONCE_PLACEHOLDER} in a name`, body: `Code: \`${NONCE_PLACEHOLDER}\`` });
    const res = await call("/");
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy")!)![1]!;
    const body = html.slice(html.indexOf("</head>"));
    expect(body).toContain(`Literal ${NONCE_PLACEHOLDER} in a name`);
    expect(body).not.toContain(nonce);
  });
});

describe("public reads", () => {
  it("allow any origin without credentials, and cannot be framed", async () => {
    for (const path of ["/api/v2/summary.json", "/history.atom", "/badge.json", "/"]) {
      const res = await call(path, { headers: { Origin: "https://customer.example" } });
      expect(res.headers.get("Access-Control-Allow-Origin"), path).toBe("*");
      expect(res.headers.has("Access-Control-Allow-Credentials"), path).toBe(false);
    }
    const json = await call("/api/v2/summary.json");
    expect(json.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(json.headers.get("X-Frame-Options")).toBe("DENY");
  });

  it("are embeddable cross-origin only where embedding needs it: badges and the embed line", async () => {
    for (const path of ["/badge.svg", "/badge.json"]) expect((await call(path)).headers.get("Cross-Origin-Resource-Policy"), path).toBe("cross-origin");
    for (const path of ["/", "/api/v2/summary.json", "/history.rss"])
      expect((await call(path)).headers.get("Cross-Origin-Resource-Policy"), path).toBe("same-origin");
    const embed = await call("/embed/status");
    expect(directives(embed)).toContain("frame-ancestors *");
    expect(embed.headers.has("X-Frame-Options")).toBe(false);
  });
});

describe("the admin API", () => {
  it("sends no CORS headers, to a preflight or to a request with an Origin, and may never be framed", async () => {
    const preflight = await call("/api/admin/incidents", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" },
    });
    const read = await call("/api/admin/components", { headers: { ...AUTH, Origin: "https://evil.example" } });
    for (const res of [preflight, read]) {
      expect([...res.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
      expect(directives(res)).toContain("frame-ancestors 'none'");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    }
    expect(read.status).toBe(200);
  });
});
