// Builds the worker exactly as `wrangler deploy` would upload it, and measures what it weighs.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./paths.mjs";

const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const QUIET_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" };

/** `wrangler deploy --dry-run --outdir <outDir>` (plus `extra` flags); resolves to wrangler's own size line. */
export function wranglerBuild(outDir, extra = []) {
  rmSync(outDir, { recursive: true, force: true });
  const child = spawn(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", outDir, ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...QUIET_ENV },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`wrangler build failed (${code}):\n${output}`));
      const upload = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(output);
      resolve({ wranglerSays: upload ? `${upload[1]} / gzip ${upload[2]}` : null });
    });
  });
}

/** Raw and gzipped bytes of every module wrangler would upload (source maps and README excluded). */
export function bundleSize(outDir) {
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(outDir)) {
    if (!/\.(m?js|wasm)$/.test(file)) continue;
    const bytes = readFileSync(path.join(outDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** The packages (or src/ folders) that put the most bytes into the bundle, from esbuild's metafile. */
export function topContributors(metafilePath, limit = 8) {
  const meta = JSON.parse(readFileSync(metafilePath, "utf8"));
  const [, output] = Object.entries(meta.outputs).find(([file]) => !file.endsWith(".map"));
  const totals = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split("/").slice(0, 2).join("/");
    totals.set(pkg, (totals.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, bytes]) => ({ name, bytes }));
}

export function fileBytes(file) {
  const bytes = readFileSync(file);
  return { raw: statSync(file).size, gzip: gzipSync(bytes, { level: 9 }).length };
}
