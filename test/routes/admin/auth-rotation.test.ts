import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { call } from "../../helpers/http";
import { expectEnvelope } from "./helpers";

const CURRENT = "current-token-0123456789";
const NEXT = "next-token-9876543210";
const REALM = 'Bearer realm="edge-status admin"';
const INVALID = `${REALM}, error="invalid_token"`;

/** The env of a deployment whose secrets are `tokens`. */
const withTokens = (tokens: { ADMIN_TOKEN?: string; ADMIN_TOKEN_NEXT?: string }): Env => ({ ...env, ADMIN_TOKEN: "", ADMIN_TOKEN_NEXT: "", ...tokens });
const ROTATING = withTokens({ ADMIN_TOKEN: CURRENT, ADMIN_TOKEN_NEXT: NEXT });

const getPages = (headers: Record<string, string>, bindings: Env) => call("/api/admin/pages", { headers }, bindings);

beforeAll(async () => {
  await createPage();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("token rotation: ADMIN_TOKEN and ADMIN_TOKEN_NEXT", () => {
  it.each([
    ["ADMIN_TOKEN", CURRENT],
    ["ADMIN_TOKEN_NEXT", NEXT],
  ])("accepts %s while both are configured", async (_name, token) => {
    const res = await getPages({ Authorization: `Bearer ${token}` }, ROTATING);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { pages: unknown[] }).pages).toHaveLength(1);
  });

  it("accepts the new token alone once the rotation is done, and refuses the old one", async () => {
    const rotated = withTokens({ ADMIN_TOKEN: NEXT });
    expect((await getPages({ Authorization: `Bearer ${NEXT}` }, rotated)).status).toBe(200);
    const res = await getPages({ Authorization: `Bearer ${CURRENT}` }, rotated);
    expect(res.headers.get("WWW-Authenticate")).toBe(INVALID);
    await expectEnvelope(res, { status: 401, code: "unauthorized", field: "header.authorization" });
  });

  it("accepts ADMIN_TOKEN_NEXT when it is the only token configured", async () => {
    expect((await getPages({ Authorization: `Bearer ${NEXT}` }, withTokens({ ADMIN_TOKEN_NEXT: NEXT }))).status).toBe(200);
  });

  it("compares the token with both secrets whichever matches, so timing does not tell which one did", async () => {
    const compare = vi.spyOn(crypto.subtle, "timingSafeEqual");
    for (const token of [CURRENT, NEXT, "wrong"]) {
      compare.mockClear();
      await getPages({ Authorization: `Bearer ${token}` }, ROTATING);
      expect(compare, token).toHaveBeenCalledTimes(2);
    }
  });
});

describe("refused credentials answer 401 with the envelope and a Bearer challenge", () => {
  it.each([
    ["no Authorization header", {}, REALM],
    ["an empty Authorization header", { Authorization: "" }, REALM],
    ["another scheme", { Authorization: `Basic ${btoa(`admin:${CURRENT}`)}` }, REALM],
    ["the scheme with no token", { Authorization: "Bearer" }, INVALID],
    ["the scheme with an empty token", { Authorization: "Bearer    " }, INVALID],
    ["garbage", { Authorization: "Bearer \"'%00;{}<>~\\" }, INVALID],
    ["a wrong token", { Authorization: "Bearer not-a-token" }, INVALID],
    ["the two tokens joined", { Authorization: `Bearer ${CURRENT}${NEXT}` }, INVALID],
  ])("%s", async (_label, headers: Record<string, string>, challenge) => {
    const res = await getPages(headers, ROTATING);
    expect(res.headers.get("WWW-Authenticate")).toBe(challenge);
    await expectEnvelope(res, { status: 401, code: "unauthorized", field: "header.authorization" });
  });
});
