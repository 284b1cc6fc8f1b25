import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPage, dbFingerprint } from "../../helpers/fixtures";
import { AUTH, call } from "../../helpers/http";
import { expectEnvelope, jsonInit, rowCount } from "./helpers";

declare global {
  namespace Cloudflare {
    interface Env {
      /** vitest.config.ts: a limiter of 3 per minute, for the tests that reach the write limit. */
      TEST_TIGHT_LIMITER: RateLimit;
    }
  }
}

// Limiter state lasts for the whole file (and run): every test uses its own addresses and tokens.
let lastIp = 0;
const newIp = () => `198.51.100.${++lastIp}`;
const from = (ip: string, headers: Record<string, string> = {}) => ({ ...headers, "cf-connecting-ip": ip });
const WRONG = { Authorization: "Bearer wrong-token" };
const FAILURES_ALLOWED = 10; // wrangler.toml: ADMIN_AUTH_LIMITER simple.limit

const getPages = (headers: Record<string, string>, bindings: Env = env) => call("/api/admin/pages", { headers }, bindings);

async function expectRateLimited(res: Response, field: string) {
  expect(res.headers.get("Retry-After")).toBe("60");
  await expectEnvelope(res, { status: 429, code: "rate_limited", field });
}

async function failTimes(ip: string, times: number) {
  for (let i = 0; i < times; i++) expect((await getPages(from(ip, WRONG))).status, `failure ${i + 1}`).toBe(401);
}

/** Fails until the address is over the limit. */
async function block(ip: string) {
  await failTimes(ip, FAILURES_ALLOWED);
  expect((await getPages(from(ip, WRONG))).status).toBe(429);
}

const brokenLimiter = { limit: () => Promise.reject(new Error("limiter unreachable")) } as RateLimit;

beforeAll(async () => {
  await createPage();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("failed authentications per client address", () => {
  it(`answers 429 with Retry-After after ${FAILURES_ALLOWED} failures, even to the right token`, async () => {
    const ip = newIp();
    await failTimes(ip, FAILURES_ALLOWED);
    await expectRateLimited(await getPages(from(ip, WRONG)), "header.cf-connecting-ip");
    await expectRateLimited(await getPages(from(ip, AUTH)), "header.cf-connecting-ip");
    await expectRateLimited(await getPages(from(ip)), "header.cf-connecting-ip");
  });

  it("leaves other addresses alone", async () => {
    await block(newIp());
    const other = newIp();
    expect((await getPages(from(other, AUTH))).status).toBe(200);
    expect((await getPages(from(other, WRONG))).status).toBe(401);
  });

  it("does not count successful requests", async () => {
    const ip = newIp();
    for (let i = 0; i < FAILURES_ALLOWED + 5; i++) expect((await getPages(from(ip, AUTH))).status).toBe(200);
    await failTimes(ip, FAILURES_ALLOWED);
  });

  it("writes nothing when it refuses", async () => {
    const ip = newIp();
    await block(ip);
    const before = await dbFingerprint();
    const res = await call("/api/admin/components", jsonInit("POST", { name: "Blocked" }, from(ip, AUTH)));
    await expectRateLimited(res, "header.cf-connecting-ip");
    expect(await dbFingerprint()).toBe(before);
  });

  it("lets requests through, logging, when the limiter cannot be reached", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const bindings = { ...env, ADMIN_AUTH_LIMITER: brokenLimiter };
    const ip = newIp();
    for (let i = 0; i < FAILURES_ALLOWED + 2; i++) expect((await getPages(from(ip, WRONG), bindings)).status).toBe(401);
    expect((await getPages(from(ip, AUTH), bindings)).status).toBe(200);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/rate limiter .* failed/), expect.any(Error));
  });
});

describe("admin writes per token", () => {
  // The tight limiter (3 writes a minute) in place of ADMIN_WRITE_LIMITER; two tokens of one deployment.
  const A = `writer-a-${crypto.randomUUID()}`;
  const B = `writer-b-${crypto.randomUUID()}`;
  const bindings = { ...env, ADMIN_TOKEN: A, ADMIN_TOKEN_NEXT: B, ADMIN_WRITE_LIMITER: env.TEST_TIGHT_LIMITER };
  const write = (token: string, name: string) => call("/api/admin/components", jsonInit("POST", { name }, { Authorization: `Bearer ${token}` }), bindings);

  it("answers 429 with Retry-After over the limit, writes nothing, and leaves reads and other tokens alone", async () => {
    for (let i = 1; i <= 3; i++) expect((await write(A, `A${i}`)).status).toBe(201);
    const before = await dbFingerprint();
    await expectRateLimited(await write(A, "A4"), "header.authorization");
    expect(await dbFingerprint()).toBe(before);
    expect(await rowCount("components", "name = ?", "A4")).toBe(0);

    expect((await getPages({ Authorization: `Bearer ${A}` }, bindings)).status).toBe(200);
    expect((await write(B, "B1")).status).toBe(201);
  });

  it("lets writes through, logging, when the limiter cannot be reached", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = { ...env, ADMIN_WRITE_LIMITER: brokenLimiter };
    for (let i = 0; i < 4; i++) expect((await call("/api/admin/components", jsonInit("POST", { name: `Open ${i}` }), broken)).status).toBe(201);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/rate limiter .* failed/), expect.any(Error));
  });
});
