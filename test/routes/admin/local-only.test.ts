/// <reference types="vite/client" />
import { env } from "cloudflare:workers";
import wranglerToml from "../../../wrangler.toml?raw";
import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { AUTH, call } from "../../helpers/http";
import { expectEnvelope, expectRefused, rowCount } from "./helpers";

/** The env of a deployed worker: DEV_ROUTES comes only from .dev.vars, so it is not there. */
function deployed(bindings: Env = env): Env {
  const { DEV_ROUTES: _, ...rest } = bindings;
  return rest as Env;
}

beforeAll(async () => {
  await createPage();
});

describe("POST /api/admin/demo is a local-only route", () => {
  it("answers 404 with the envelope, writing nothing, where DEV_ROUTES is not set", async () => {
    const error = await expectRefused((b) => call("/api/admin/demo", { method: "POST", headers: AUTH }, deployed(b)), {
      status: 404,
      code: "not_found",
      field: "path",
    });
    expect(error.message).toBe("No route for POST /api/admin/demo.");
  });

  it("answers 404 for any value other than 1", async () => {
    for (const value of ["0", "", "true"]) {
      const res = await call("/api/admin/demo", { method: "POST", headers: AUTH }, { ...env, DEV_ROUTES: value });
      await expectEnvelope(res, { status: 404, code: "not_found" });
    }
  });

  it("still wants the token first, like every unknown admin path", async () => {
    await expectEnvelope(await call("/api/admin/demo", { method: "POST" }, deployed()), { status: 401, code: "unauthorized" });
  });

  it("loads the demo where DEV_ROUTES is 1 (tests, .dev.vars)", async () => {
    expect(env.DEV_ROUTES).toBe("1");
    const res = await call("/api/admin/demo", { method: "POST", headers: AUTH });
    expect(res.status).toBe(200);
  }, 30_000);

  it("is never switched on by wrangler.toml", () => {
    expect(wranglerToml).not.toMatch(/DEV_ROUTES/);
  });
});

describe("the local scheduled trigger is not part of the worker", () => {
  it.each(["/__scheduled?cron=*+*+*+*+*", "/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=1700000000000"])("%s answers 404 and runs nothing", async (path) => {
    for (const method of ["GET", "POST"]) {
      const res = await call(path, { method }, deployed());
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await rowCount("job_runs")).toBe(0);
  });
});

describe("no CORS on the admin API", () => {
  const ORIGIN_HEADERS = { Origin: "https://evil.example" };
  const corsHeaders = (res: Response) => [...res.headers.keys()].filter((name) => name.startsWith("access-control-"));

  it("answers a preflight without any Access-Control-Allow-* header, with or without the token", async () => {
    for (const auth of [{}, AUTH]) {
      const res = await call("/api/admin/incidents", {
        method: "OPTIONS",
        headers: { ...ORIGIN_HEADERS, ...auth, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
      });
      expect(res.status).not.toBe(204);
      expect(corsHeaders(res)).toEqual([]);
    }
  });

  it("answers a cross-origin GET without Access-Control-Allow-Origin", async () => {
    const res = await call("/api/admin/pages", { headers: { ...ORIGIN_HEADERS, ...AUTH } });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual([]);
  });

  it("while the public API does answer CORS (so the checks above can fail)", async () => {
    const res = await call("/api/v2/status.json", { method: "OPTIONS", headers: { ...ORIGIN_HEADERS, "Access-Control-Request-Method": "GET" } });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
