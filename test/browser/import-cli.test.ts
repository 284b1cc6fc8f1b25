// `npm run import` as a person runs it: the script (Node) reads a hosted page from a local stand-in
// that serves the real GitHub capture as its public v2 JSON and a paged management API, and posts it
// to the `wrangler dev` of the browser tests.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import fixture from "../fixtures/statuspage-summary-github-2022-11-25.json";
import { adminOnHost } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");
const API_KEY = "test-management-key";
const HISTORY = 250;

/** The management API's history: HISTORY resolved incidents of one update each, newest first. */
const history = Array.from({ length: HISTORY }, (_, i) => {
  const at = new Date(Date.parse("2024-01-01T00:00:00Z") + (HISTORY - i) * 3_600_000).toISOString();
  return {
    id: `hist${String(i).padStart(8, "0")}`,
    name: `Past incident ${HISTORY - i}`,
    status: "resolved",
    impact: "minor",
    created_at: at,
    started_at: at,
    resolved_at: at,
    scheduled_for: null,
    incident_updates: [
      { id: `hupd${String(i).padStart(8, "0")}`, status: "resolved", body: "Resolved.", created_at: at, display_at: at, affected_components: null },
    ],
  };
});

let base: string;
let token: string;
let hosted: Server;
let origin: string;
const managementCalls: { page: number; at: number; auth: string | undefined }[] = [];

function json(res: import("node:http").ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  base = inject("baseUrl");
  token = inject("adminToken");
  hosted = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://hosted");
    if (url.pathname === "/api/v2/summary.json") return json(res, 200, fixture);
    if (url.pathname === "/api/v2/incidents.json") return json(res, 200, { page: fixture.page, incidents: fixture.incidents });
    if (url.pathname === "/api/v2/scheduled-maintenances.json") return json(res, 200, { page: fixture.page, scheduled_maintenances: [] });
    const management = /^\/v1\/pages\/([^/]+)\/incidents$/.exec(url.pathname);
    if (management && management[1] === fixture.page.id) {
      const page = Number(url.searchParams.get("page"));
      managementCalls.push({ page, at: Date.now(), auth: req.headers.authorization });
      if (url.searchParams.get("limit") !== "100") return json(res, 400, { error: "limit must be 100" });
      if (req.headers.authorization !== `OAuth ${API_KEY}`) return json(res, 401, { error: "not authorized" });
      return json(res, 200, history.slice((page - 1) * 100, page * 100));
    }
    json(res, 404, { error: "not found" });
  });
  await new Promise<void>((resolve) => hosted.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(hosted.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => hosted?.close(resolve));
});

const run = async (...args: string[]) => {
  const { stdout } = await promisify(execFile)("node", ["scripts/import.mjs", origin, "--to", base, "--token", token, ...args], { cwd: ROOT, timeout: 60_000 });
  return stdout;
};

describe("npm run import", () => {
  it("says what a dry run would create, then imports the public JSON, then changes nothing the second time", async () => {
    const dry = await run("--host", "cli-import.test", "--dry-run");
    expect(dry).toContain("Dry run (nothing written) for page GitHub (cli-import.test");
    expect(dry).toContain("created:   11 components, 1 incidents, 0 maintenances, 7 updates");

    const first = await run("--host", "cli-import.test");
    expect(first).toMatch(/Imported into page GitHub \(cli-import\.test, [a-z0-9]{12}, new\)/);
    expect(first).toContain("created:   11 components, 1 incidents, 0 maintenances, 7 updates");
    const page = await adminOnHost(`http://cli-import.test:${new URL(base).port}`, token, "GET", "/page");
    expect(page.page).toMatchObject({ name: "GitHub", host: "cli-import.test", time_zone: "Etc/UTC" });

    const again = await run("--host", "cli-import.test");
    expect(again).toContain("created:   0 components, 0 incidents, 0 maintenances, 0 updates");
    expect(again).toContain("unchanged: 11 components, 1 incidents, 0 maintenances, 7 updates");
  });

  it("with --api-key brings the whole history from the management API, a page a second, in parts", async () => {
    const out = await run("--host", "cli-history.test", "--api-key", API_KEY, "--api-base", `${origin}/v1`);
    // The history, and the open incident the summary carries (with its 7 updates).
    expect(out).toMatch(/Imported into page GitHub \(cli-history\.test, [a-z0-9]{12}, new\)/);
    expect(out).toContain(`created:   11 components, ${HISTORY + 1} incidents, 0 maintenances, ${HISTORY + 7} updates`);
    expect(out).toContain("unchanged: 0 components, 0 incidents, 0 maintenances, 0 updates");
    expect(managementCalls.map((c) => c.page)).toEqual([1, 2, 3]);
    expect(managementCalls.every((c) => c.auth === `OAuth ${API_KEY}`)).toBe(true);
    for (let i = 1; i < managementCalls.length; i++) expect(managementCalls[i]!.at - managementCalls[i - 1]!.at).toBeGreaterThanOrEqual(900);
  });

  it("refuses to run without a page address, and says how", async () => {
    const failed = await promisify(execFile)("node", ["scripts/import.mjs"], { cwd: ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("Usage: npm run import -- <hosted page URL>");
  });
});
