// Starts the real worker for the browser tests: `wrangler dev` on a free port, with local D1/KV
// persisted to a fresh temporary folder (never the developer's .wrangler/state), migrations
// applied, a random admin token, and the Blip demo loaded. Tests read the base URL and the token
// with `inject("baseUrl")` / `inject("adminToken")`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH } from "./helpers";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const QUIET = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess | undefined): void {
  if (!child?.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM"); // the whole group: npx, wrangler and its workerd processes
  } catch {
    // already gone
  }
}

async function waitForServer(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${base}/api/openapi.json`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on ${base} within 90 s:\n${output()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}, which is missing. Install it with:\n\n` +
        `    apt-get install -y chromium\n\n(as root or with sudo; .ci/run does this in CI).`,
    );
  }

  const state = mkdtempSync(path.join(tmpdir(), "edge-status-browser-"));
  const token = randomBytes(24).toString("hex");
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const teardown = async () => {
    stop(child);
    if (child && child.exitCode === null) {
      await Promise.race([new Promise((r) => child?.once("exit", r)), new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(state, { recursive: true, force: true });
  };

  try {
    const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
      cwd: ROOT,
      env: QUIET,
      encoding: "utf8",
    });
    if (migrate.status !== 0) {
      throw new Error(`applying migrations failed (${migrate.status}):\n${migrate.stdout}\n${migrate.stderr}`);
    }

    let output = "";
    child = spawn(
      "npx",
      [
        "wrangler",
        "dev",
        "--port",
        String(port),
        "--ip",
        "127.0.0.1",
        "--inspector-port",
        String(inspectorPort),
        "--persist-to",
        state,
        "--var",
        `ADMIN_TOKEN:${token}`,
        "--var",
        "DEV_ROUTES:1", // POST /api/admin/demo below is a local-only route
        "--var",
        "LOCAL_MODE:1", // the console's session cookie over plain http://127.0.0.1
        "--show-interactive-dev-session=false",
        "--live-reload=false",
      ],
      { cwd: ROOT, env: QUIET, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);

    await waitForServer(base, child, () => output);

    const res = await fetch(`${base}/api/admin/demo`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`loading the demo failed: ${res.status} ${await res.text()}`);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide("baseUrl", base);
  project.provide("adminToken", token);
  return teardown;
}
