// One Miniflare instance (one workerd process) serving the built bundle with the bindings of
// wrangler.toml, read at run time, plus bench-only workers that never reach the production build
// (bench/workers/): two baselines routed on /__bench/..., and a probe reached only from Node.
import { createWriteStream, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Log, LogLevel, Miniflare } from "miniflare";
import { ROOT } from "./paths.mjs";

export const ADMIN_TOKEN = "bench-admin-token";
export const CONSTANT_PATH = "/__bench/constant";
export const KV_FLOOR_PATH = "/__bench/kv-floor";
// Admin loading makes ~100 writes in seconds: rate limits stay configured, just far out of reach.
const UNREACHABLE_LIMIT = 1_000_000_000;

const source = (file) => readFileSync(path.join(import.meta.dirname, "workers", file), "utf8");

function withHighLimits(options) {
  const ratelimits = Object.fromEntries(
    Object.entries(options.ratelimits ?? {}).map(([name, r]) => [name, { simple: { ...r.simple, limit: UNREACHABLE_LIMIT } }]),
  );
  const unsafeBindings = (options.unsafeBindings ?? []).map((b) =>
    b.type === "ratelimit" && b.simple ? { ...b, simple: { ...b.simple, limit: UNREACHABLE_LIMIT } } : b,
  );
  return { ratelimits, unsafeBindings, limited: Object.keys(ratelimits).concat(unsafeBindings.filter((b) => b.type === "ratelimit").map((b) => b.name)) };
}

/**
 * Reads wrangler.toml (bindings, flags, assets, migrations) the way `wrangler dev` does. Wrangler
 * takes seconds to import: callers start this while the build runs.
 */
export async function readWranglerConfig() {
  const { unstable_getMiniflareWorkerOptions, unstable_readConfig, unstable_splitSqlQuery } = await import("wrangler");
  const configPath = path.join(ROOT, "wrangler.toml");
  const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
  const config = unstable_readConfig({ config: configPath });
  const d1 = config.d1_databases.find((d) => d.binding === "DB") ?? config.d1_databases[0];
  return {
    workerOptions,
    migrationsDir: path.resolve(ROOT, d1?.migrations_dir ?? "migrations"),
    crons: config.triggers?.crons ?? [],
    splitSql: unstable_splitSqlQuery,
  };
}

/** Worker output (console.log, the cron results; console.error on stderr) goes to one file. */
function captureStdio(file) {
  const out = createWriteStream(file);
  const stats = { file, lines: 0, errors: 0 };
  const lines = (chunk) => chunk.toString().split("\n").filter(Boolean).length;
  const handle = (stdout, stderr) => {
    stdout.on("data", (chunk) => (stats.lines += lines(chunk)));
    stderr.on("data", (chunk) => {
      stats.lines += lines(chunk);
      stats.errors += lines(chunk);
    });
    stdout.pipe(out, { end: false });
    stderr.pipe(out, { end: false });
  };
  return { handle, stats };
}

/** A free local TCP port (for the inspector, which Miniflare does not pick itself). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

export async function startServer(bundleDir, workerOptions, { logFile, inspectorPort }) {
  const bundle = readFileSync(path.join(bundleDir, "index.js"), "utf8");
  const limits = withHighLimits(workerOptions);
  const { compatibilityDate, compatibilityFlags, d1Databases, kvNamespaces } = workerOptions;
  const data = {
    d1Databases,
    kvNamespaces,
    ratelimits: limits.ratelimits,
    unsafeBindings: limits.unsafeBindings,
    bindings: { ...workerOptions.bindings, ADMIN_TOKEN, LOCAL_MODE: "1" },
  };
  const stdio = captureStdio(logFile);
  const mf = new Miniflare({
    handleRuntimeStdio: stdio.handle,
    // Only with --profile: an attached inspector is not free, so measured runs go without.
    ...(inspectorPort ? { inspectorPort } : {}),
    host: "127.0.0.1",
    port: 0,
    cf: false,
    log: new Log(LogLevel.WARN),
    workers: [
      // The first worker answers every request no route claims: the status page as deployed.
      { ...workerOptions, ...data, name: "edge-status", modules: [{ type: "ESModule", path: path.join(bundleDir, "index.js"), contents: bundle }] },
      { name: "bench-constant", compatibilityDate, modules: true, script: source("constant.mjs"), routes: [`*${CONSTANT_PATH}*`] },
      { name: "bench-kv-floor", compatibilityDate, modules: true, script: source("kv-floor.mjs"), kvNamespaces, routes: [`*${KV_FLOOR_PATH}*`] },
      {
        name: "bench-probe",
        compatibilityDate,
        compatibilityFlags,
        ...data,
        modulesRoot: bundleDir,
        modules: [
          { type: "ESModule", path: path.join(bundleDir, "probe.mjs"), contents: source("probe.mjs") },
          { type: "ESModule", path: path.join(bundleDir, "counting-d1.mjs"), contents: source("counting-d1.mjs") },
          { type: "ESModule", path: path.join(bundleDir, "index.js"), contents: bundle },
        ],
      },
    ],
  });
  const url = await mf.ready;
  const probe = await mf.getWorker("bench-probe");
  return { mf, origin: url.origin, probe, rateLimited: limits.limited, workerLog: stdio.stats };
}
