// Single-request measurements: D1 work per request (through the probe worker), a cold summary
// build, an admin write with its cache refresh, and the bytes a reader downloads.
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { request } from "./http.mjs";
import { ADMIN_TOKEN } from "./server.mjs";

const round = (x) => Math.round(x * 10) / 10;
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The probe's view of one request: status, Cache-Status, bytes, and the D1 statements it ran. */
export async function probeRequest(probe, path, init) {
  const res = await probe.fetch(`http://127.0.0.1${path}`, init);
  if (!res.ok) throw new Error(`probe ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * D1 statements each route makes on a warm cache (each was just requested over HTTP), and the KV
 * reads of a request to an isolate that served the route a moment before (the probe's second
 * request) and of one whose memo has nothing yet (its first).
 */
export async function warmQueryCounts(probe, routes) {
  const counts = {};
  for (const route of routes) {
    const first = await probeRequest(probe, route.path);
    const r = await probeRequest(probe, route.path);
    counts[route.name] = {
      status: r.status,
      cacheStatus: r.cacheStatus,
      statements: r.d1.statements,
      sql: r.d1.sql,
      kvReadsWarm: r.kvReads,
      kvReadsFirst: first.kvReads,
    };
  }
  return counts;
}

async function timedGet(url) {
  const started = performance.now();
  const res = await request(url);
  return { ms: performance.now() - started, status: res.status, cacheStatus: res.headers["cache-status"] };
}

/** Waits until the read-fill (the app's waitUntil write) has stored `key` again. */
async function refilled(kv, key) {
  for (let i = 0; i < 50 && (await kv.get(key)) === null; i++) await sleep(20);
}

/** The summary built from D1: its KV body is deleted, then one reader asks for it. */
export async function coldSummary({ origin, probe, kv, pageId }, reps) {
  const key = (await kv.list({ prefix: "v" })).keys.map((k) => k.name).find((name) => new RegExp(`^v\\d+:page:${pageId}:summary$`).test(name));
  if (!key) throw new Error("no cached summary body in KV");
  const runs = [];
  // A run the memo still answered (a background refresh still in flight) is not a cold build: tried again.
  for (let attempt = 0; runs.length < reps && attempt < reps * 3; attempt++) {
    await kv.delete(key);
    // The isolate's memo still holds the body: once it is older than the memo's fresh window, one
    // read refreshes the memo from KV (finding nothing), and the timed read after it is cold.
    await sleep(2_100);
    await timedGet(`${origin}/api/v2/summary.json`);
    await sleep(500);
    const run = await timedGet(`${origin}/api/v2/summary.json`);
    if (/fwd=miss/.test(run.cacheStatus ?? "")) runs.push(run);
    // Delete only after the read's own fill landed, so the next request is cold too.
    await refilled(kv, key);
  }
  if (runs.length === 0) throw new Error("every cold summary read was answered from the isolate's memo");
  await kv.delete(key);
  // The probe isolate has its own memo: this one request starts with it empty.
  const probed = await probeRequest(probe, "/api/v2/summary.json", { headers: { "x-bench-empty-memo": "1" } });
  return {
    key,
    ms: runs.map((r) => round(r.ms)),
    medianMs: round(median(runs.map((r) => r.ms))),
    // "fwd=miss; stored" on every run, or the measurement is not of a cold build.
    cacheStatus: [...new Set(runs.map((r) => r.cacheStatus))].join(" / "),
    statements: probed.d1.statements,
    roundTrips: probed.d1.roundTrips,
    probe: { cacheStatus: probed.cacheStatus, workerMs: probed.answeredMs, d1Ms: probed.d1.ms, sqlMs: round(probed.d1.sqlMs) },
    sql: probed.d1.sql,
  };
}

/**
 * POSTs an update that changes three components' statuses to an open incident; the answer comes
 * after every cached body is published.
 */
export async function adminUpdate({ origin, probe }, incidentId, componentIds, reps) {
  const path = `/api/admin/incidents/${incidentId}/updates`;
  // Each run moves the three components, so every run makes three real transitions.
  const status = (i) => (i % 2 === 0 ? "partial_outage" : "degraded_performance");
  const init = (i) => ({
    method: "POST",
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      body: `We are continuing to investigate (bench update ${i + 1}).`,
      components: componentIds.map((id) => ({ id, status: status(i) })),
    }),
  });
  const ms = [];
  for (let i = 0; i < reps; i++) {
    // KV accepts one write per key per second: operators never post faster, neither does the bench.
    if (i > 0) await sleep(1100);
    const started = performance.now();
    const res = await request(origin + path, init(i));
    if (res.status !== 201) throw new Error(`admin update answered ${res.status}: ${res.body}`);
    ms.push(Math.round(performance.now() - started));
  }
  await sleep(1100);
  const probed = await probeRequest(probe, path, init(reps));
  return {
    ms,
    medianMs: median(ms),
    statements: probed.d1.statements,
    roundTrips: probed.d1.roundTrips,
    probe: { workerMs: probed.answeredMs, d1Ms: probed.d1.ms, sqlMs: round(probed.d1.sqlMs) },
    sql: probed.d1.sql,
  };
}

/** Bytes of one response, raw and gzipped; `saveTo` keeps a copy for inspection. */
export async function downloadBytes(url, saveTo) {
  const { status, body } = await request(url);
  if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  if (saveTo) writeFileSync(saveTo, body);
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/**
 * Point 4 of the write path: what a component rename costs with page generations (the write, then
 * each old body rebuilt on its first read) against what rewriting every body that shows the
 * component would cost (estimated from the same cold builds, times the bodies there are).
 */
export async function renameCost({ probe }, componentId, samples) {
  const sql = async (statements) =>
    (await (await probe.fetch("http://127.0.0.1/__bench/sql", { method: "POST", body: JSON.stringify({ statements }) })).json()).results;
  const [affected, years, oldest] = await sql([
    { sql: "SELECT COUNT(*) AS n FROM incident_components WHERE component_id = ?", params: [componentId] },
    { sql: "SELECT COUNT(DISTINCT strftime('%Y', started_at / 1000, 'unixepoch')) AS n FROM incidents", params: [] },
    {
      sql: "SELECT i.id FROM incidents i JOIN incident_components c ON c.incident_id = i.id WHERE c.component_id = ? AND i.kind = 'incident' ORDER BY i.started_at LIMIT ?",
      params: [componentId, samples],
    },
  ]);
  const events = affected.rows[0].n;
  const historyYears = years.rows[0].n;
  const init = {
    method: "PATCH",
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: `Renamed ${Date.now()}` }),
  };
  const started = performance.now();
  const write = await probeRequest(probe, `/api/admin/components/${componentId}`, init);
  const writeMs = Math.round(performance.now() - started);
  const cold = [];
  for (const { id } of oldest.rows) {
    for (const path of [`/api/v2/incidents/${id}.json`, `/incidents/${id}`]) {
      const r = await probeRequest(probe, path);
      cold.push({ ms: r.answeredMs, statements: r.d1.statements, cacheStatus: r.cacheStatus });
    }
  }
  const coldMedian = median(cold.map((c) => c.ms));
  const bodies = events * 2 + historyYears;
  return {
    affectedEvents: events,
    historyYears,
    generation: { writeMs, statements: write.d1.statements, roundTrips: write.d1.roundTrips, kvWritesForOldBodies: 0 },
    firstReadAfter: {
      medianMs: round(coldMedian),
      statements: median(cold.map((c) => c.statements)),
      samples: cold.length,
      cacheStatus: [...new Set(cold.map((c) => c.cacheStatus))].join(" / "),
    },
    fullRewrite: { bodies, kvWrites: bodies, estimatedMs: Math.round(bodies * coldMedian), d1Statements: bodies * median(cold.map((c) => c.statements)) },
  };
}

/**
 * The console as an operator uses it: signed in with the token, each page's latency, bytes and D1
 * work; then an update with three component changes posted through the console's form.
 */
export async function consoleCost({ origin, probe }, pageId, incidentId, componentIds, reps) {
  const form = (fields) => ({ "Content-Type": "application/x-www-form-urlencoded", body: new URLSearchParams(fields).toString() });
  const signIn = form({ _sign_in_token: ADMIN_TOKEN, _sign_in_name: "bench" });
  const signedIn = await request(`${origin}/admin/sign-in`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": signIn["Content-Type"] },
    body: signIn.body,
  });
  const cookie = String(signedIn.headers["set-cookie"] ?? "").split(";")[0];
  if (signedIn.status !== 303 || !cookie) throw new Error(`console sign-in answered ${signedIn.status}`);
  const pages = [
    { name: "dashboard", path: `/admin/${pageId}` },
    { name: "incident", path: `/admin/${pageId}/incidents/${incidentId}` },
    { name: "new incident", path: `/admin/${pageId}/incidents/new` },
    { name: "audit log", path: `/admin/${pageId}/audit` },
  ];
  const measured = [];
  for (const page of pages) {
    const ms = [];
    let body = Buffer.alloc(0);
    for (let i = 0; i < reps; i++) {
      const started = performance.now();
      const res = await request(origin + page.path, { headers: { Cookie: cookie } });
      if (res.status !== 200) throw new Error(`console ${page.path} answered ${res.status}`);
      ms.push(Math.round(performance.now() - started));
      body = res.body;
    }
    const probed = await probeRequest(probe, page.path, { headers: { Cookie: cookie } });
    measured.push({
      ...page,
      medianMs: median(ms),
      raw: body.length,
      gzip: gzipSync(body).length,
      statements: probed.d1.statements,
      roundTrips: probed.d1.roundTrips,
    });
  }
  const status = (i) => (i % 2 === 0 ? "major_outage" : "degraded_performance");
  const update = (i) => {
    const page = form({
      status: "identified",
      body: `Console bench update ${i + 1}.`,
      ...Object.fromEntries(componentIds.map((id) => [`component.${id}`, status(i)])),
    });
    return { method: "POST", headers: { Cookie: cookie, "Content-Type": page["Content-Type"] }, body: page.body };
  };
  const path = `/admin/${pageId}/incidents/${incidentId}`;
  const postMs = [];
  for (let i = 0; i < reps; i++) {
    await sleep(1100);
    const started = performance.now();
    const res = await request(origin + path, { ...update(i), headers: { ...update(i).headers, Origin: origin } });
    if (res.status !== 303) throw new Error(`console update answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
    postMs.push(Math.round(performance.now() - started));
  }
  await sleep(1100);
  const probed = await probeRequest(probe, path, { ...update(reps), headers: { ...update(reps).headers, Origin: "http://127.0.0.1" } });
  if (probed.status !== 303) throw new Error(`console update (probe) answered ${probed.status}`);
  return { pages: measured, update: { ms: postMs, medianMs: median(postMs), statements: probed.d1.statements, roundTrips: probed.d1.roundTrips } };
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const randomId = () => Array.from({ length: 12 }, () => ID_ALPHABET[Math.floor(Math.random() * ID_ALPHABET.length)]).join("");

/**
 * `count` ids the page never had, spread over the four event routes (JSON and HTML, both kinds),
 * as a stranger's loop would send them to one isolate: their answers and the D1 statements and KV
 * reads they cost (the index's "absent" is checked in D1 at most once per 10 s per isolate).
 */
export async function unknownIds(probe, count) {
  const routes = [
    (id) => `/api/v2/incidents/${id}.json`,
    (id) => `/incidents/${id}`,
    (id) => `/api/v2/scheduled-maintenances/${id}.json`,
    (id) => `/maintenances/${id}`,
  ];
  const statuses = {};
  let statements = 0;
  let kvReads = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const r = await probeRequest(probe, routes[i % routes.length](randomId()));
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    statements += r.d1.statements;
    kvReads += r.kvReads;
  }
  return { requests: count, statuses, d1Statements: statements, kvReadsPerRequest: round(kvReads / count), ms: Math.round(performance.now() - started) };
}
