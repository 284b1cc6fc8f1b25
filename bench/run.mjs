// `npm run bench` (full) or `npm run bench -- --quick` (under a minute; smaller page, shorter runs)
// or `-- --profile` (adds a CPU profile per route): builds the worker as deployed, serves it with
// Miniflare against local D1 and KV, loads a large page, measures the public read path against
// baselines on the same server, prints a table and writes the results. Exit status is 0 whether or
// not targets are met; only a broken instrument fails.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bundleSize, fileBytes, topContributors, wranglerBuild } from "./build.mjs";
import { FULL_DATA, loadDataSet, QUICK_DATA } from "./dataset/load.mjs";
import { languageCost } from "./languages.mjs";
import { measureRoutes } from "./load-test.mjs";
import { describeMachine, loadAverage } from "./machine.mjs";
import { adminUpdate, coldSummary, consoleCost, downloadBytes, renameCost, unknownIds, warmQueryCounts } from "./measures.mjs";
import { BUILD_DIR, MINIFIED_DIR, OUT, PROFILE_RESULTS_FILE, QUICK_RESULTS_FILE, RESULTS_FILE, ROOT } from "./paths.mjs";
import { profileRoutes } from "./profile.mjs";
import { subscribersCost } from "./subscribers.mjs";
import { evaluateTargets, formatReport } from "./report.mjs";
import { CONSTANT_PATH, freePort, KV_FLOOR_PATH, readWranglerConfig, startServer } from "./server.mjs";
import { applyMigrations } from "./sql.mjs";

const quick = process.argv.includes("--quick");
const profile = process.argv.includes("--profile");
const SETTINGS = quick
  ? {
      data: QUICK_DATA,
      load: { connections: 10, seconds: 1.5, warmupSeconds: 3, rounds: 1 },
      coldReps: 3,
      adminReps: 1,
      minify: false,
      profileSeconds: 1.5,
      subscribers: 200,
    }
  : {
      data: FULL_DATA,
      load: { connections: 10, seconds: 5, warmupSeconds: 10, rounds: 3 },
      coldReps: 7,
      adminReps: 5,
      minify: true,
      profileSeconds: 4,
      subscribers: 2000,
    };
// Only a plain full run is the committed record: --quick and --profile (an attached inspector is
// not free) write next to the build output.
const RESULTS = quick ? QUICK_RESULTS_FILE : profile ? PROFILE_RESULTS_FILE : RESULTS_FILE;
const BASELINES = new Set(["constant", "kv-floor", "static-file"]);
const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

/** The measured routes; the KV floor reads the same two keys a warm summary read does (before the memo). */
async function routesFor(kv, pageId, incidentId) {
  const keys = (await kv.list()).keys.map((k) => k.name);
  const routing = keys.find((k) => /^v\d+:routing$/.test(k));
  const summary = keys.find((k) => new RegExp(`^v\\d+:page:${pageId}:summary$`).test(k));
  return [
    { name: "constant", path: CONSTANT_PATH },
    { name: "kv-floor", path: `${KV_FLOOR_PATH}?routing=${encodeURIComponent(routing)}&body=${encodeURIComponent(summary)}` },
    // A file of public/, answered by the platform's assets layer before any of our code runs: the
    // entry every request of the status page's worker passes through (the constant route does not).
    { name: "static-file", path: "/robots.txt" },
    { name: "summary", path: "/api/v2/summary.json" },
    { name: "status", path: "/api/v2/status.json" },
    { name: "home", path: "/" },
    { name: "incident", path: `/incidents/${incidentId}` },
    { name: "badge", path: "/badge.svg" },
    { name: "atom", path: "/history.atom" },
  ];
}

/** Warm every route, count its D1 work on a warm cache, then load each in interleaved rounds. */
async function measureReadPath(server, routes) {
  const bytes = {};
  for (const route of routes) bytes[route.name] = (await downloadBytes(server.origin + route.path)).raw;
  const warm = await warmQueryCounts(
    server.probe,
    routes.filter((r) => !BASELINES.has(r.name)),
  );
  log(`Measuring ${routes.length} routes (${SETTINGS.load.rounds} round(s) × ${SETTINGS.load.seconds} s each)`);
  const measured = await measureRoutes(server.origin, routes, SETTINGS.load, log);
  const [constant, kvFloor, staticFile] = [...BASELINES].map((name) => measured.find((m) => m.name === name).reqPerSec);
  const routeResults = measured.map((m) => ({
    ...m,
    ratio: m.reqPerSec / constant,
    ratioToKvFloor: m.reqPerSec / kvFloor,
    ratioToStaticFile: m.reqPerSec / staticFile,
    d1Statements: warm[m.name]?.statements ?? null,
    kvReadsWarm: warm[m.name]?.kvReadsWarm ?? null,
    kvReadsFirst: warm[m.name]?.kvReadsFirst ?? null,
    cacheStatus: warm[m.name]?.cacheStatus ?? null,
    bytes: bytes[m.name],
  }));
  return { routeResults, warm };
}

async function measureSizes(server, build, minified) {
  return {
    bundle: { ...bundleSize(BUILD_DIR), ...build },
    minified: minified ? bundleSize(MINIFIED_DIR) : null,
    topContributors: topContributors(path.join(BUILD_DIR, "bundle-meta.json")),
    home: await downloadBytes(`${server.origin}/`, path.join(OUT, "home.html")),
    styles: await downloadBytes(`${server.origin}/styles.css`),
    widget: fileBytes(path.join(ROOT, "public/embed/widget.js")),
  };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const loadAvgStart = loadAverage();
  log(`${quick ? "Quick" : "Full"} run: building the worker (wrangler deploy --dry-run${SETTINGS.minify ? ", and again with --minify" : ""})`);
  // The minified build only informs a size; --quick skips it to stay within a minute.
  const minifiedBuild = SETTINGS.minify ? wranglerBuild(MINIFIED_DIR, ["--minify"]) : Promise.resolve(null);
  minifiedBuild.catch(() => {});
  const [build, config] = await Promise.all([wranglerBuild(BUILD_DIR, ["--metafile"]), readWranglerConfig()]);
  const inspectorPort = profile ? await freePort() : undefined;
  const server = await startServer(BUILD_DIR, config.workerOptions, { logFile: path.join(OUT, "workerd.log"), inspectorPort });
  try {
    log(`Serving ${server.origin} (rate limits raised out of reach: ${server.rateLimited.join(", ") || "none configured"})`);
    const migrations = await applyMigrations(server.probe, config);
    log(`Applied ${migrations.length} migrations; loading the ${quick ? "smaller (--quick) " : ""}data set`);
    const loadStarted = Date.now();
    const data = await loadDataSet({ origin: server.origin, probe: server.probe, crons: config.crons, size: SETTINGS.data, log });
    const loadMs = Date.now() - loadStarted;
    log(`Loaded in ${(loadMs / 1000).toFixed(1)} s ${JSON.stringify(data.timings)}`);

    const kv = await server.mf.getKVNamespace("CACHE", "edge-status");
    const routes = await routesFor(kv, data.pageId, data.openIncidentIds[0]);
    const minified = await minifiedBuild.then(
      (r) => r,
      () => null,
    );
    const loadAvgBefore = loadAverage();
    const { routeResults, warm } = await measureReadPath(server, routes);
    log("1,000 ids the page never had");
    const unknown = await unknownIds(server.probe, 1000);
    log("Cold summary build and admin update latency");
    const cold = await coldSummary({ origin: server.origin, probe: server.probe, kv, pageId: data.pageId }, SETTINGS.coldReps);
    const admin = await adminUpdate({ origin: server.origin, probe: server.probe }, data.openIncidentIds[1], data.updateComponentIds, SETTINGS.adminReps);
    const rename = await renameCost({ probe: server.probe }, data.updateComponentIds[0], quick ? 5 : 20);
    log("Console pages and an update posted through its form");
    const consoleResult = await consoleCost(
      { origin: server.origin, probe: server.probe },
      data.pageId,
      data.openIncidentIds[1],
      data.updateComponentIds,
      SETTINGS.adminReps + 2,
    );
    const sizes = await measureSizes(server, build, minified);
    log(`Telling ${SETTINGS.subscribers} email subscribers of an incident (local queue, mail log)`);
    const subscribers = await subscribersCost({ origin: server.origin, probe: server.probe }, data.pageId, SETTINGS.subscribers);
    let profiles = null;
    if (profile) {
      log("Profiling each route (--profile; these runs are not the measured ones)");
      const appRoutes = routes.filter((r) => !BASELINES.has(r.name));
      const sourceMapFile = path.join(BUILD_DIR, "index.js.map");
      profiles = await profileRoutes({
        inspectorPort,
        worker: "edge-status",
        origin: server.origin,
        routes: appRoutes,
        connections: SETTINGS.load.connections,
        seconds: SETTINGS.profileSeconds,
        sourceMapFile,
      });
    }
    // Last: offering a second language changes every page's links.
    log("A second language: pt-BR offered, read first from D1 and then from KV");
    const languages = await languageCost({ origin: server.origin, probe: server.probe, kv, pageId: data.pageId }, data.openIncidentIds[0], quick ? 5 : 20);
    const result = {
      generatedAt: new Date().toISOString(),
      mode: `${quick ? "quick" : "full"}${profile ? "+profile" : ""}`,
      machine: describeMachine(),
      loadAverage: { start: loadAvgStart, beforeLoadTest: loadAvgBefore, end: loadAverage() },
      dataSet: { ...SETTINGS.data, ...data },
      load: SETTINGS.load,
      routes: routeResults,
      warmQueries: warm,
      unknownIds: unknown,
      coldSummary: cold,
      adminUpdate: admin,
      rename,
      console: consoleResult,
      subscribers,
      languages,
      sizes,
      profiles,
      workerLog: { ...server.workerLog, file: path.relative(ROOT, server.workerLog.file) },
      durations: { loadMs, totalMs: Date.now() - started },
    };
    result.targets = evaluateTargets(result);
    console.log(formatReport(result));
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    log(`Wrote ${path.relative(ROOT, RESULTS)}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await server.mf.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
