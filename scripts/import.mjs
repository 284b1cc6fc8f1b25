// `npm run import -- https://status.example.com`: moves a hosted status page in. Reads its public v2
// JSON (no credentials: the open incidents, the last 50 incidents and the maintenances, as the public
// API gives them), or with --api-key the hosted service's management API for the whole history
// (paged, about one request a second), and posts it to a deployment's POST /api/admin/import in
// parts. Each part is one all-or-nothing batch matched by source id, so an interrupted run is
// finished by running it again.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const USAGE = `Usage: npm run import -- <hosted page URL> [options]

  --to <url>          the Edge Status deployment (default http://localhost:8787)
  --token <token>     its ADMIN_TOKEN (default: $EDGE_STATUS_TOKEN, else .dev.vars)
  --host <name>       the host the page answers on here (default: the hosted page's host)
  --dry-run           say what would be created, updated and skipped; write nothing
  --api-key <key>     the hosted service's API key: bring the whole history, not the last 50
  --page-id <id>      the hosted page's id (default: read from its summary.json)
  --api-base <url>    the management API (default https://api.statuspage.io/v1)`;

// A part stays well under the import's 4 MB body limit.
const MAX_PART_BYTES = 3_000_000;
const EVENTS_PER_PART = 200;
const REQUEST_GAP_MS = 1_000;

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    to: { type: "string", default: "http://localhost:8787" },
    token: { type: "string" },
    host: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "api-key": { type: "string" },
    "page-id": { type: "string" },
    "api-base": { type: "string", default: "https://api.statuspage.io/v1" },
    help: { type: "boolean", default: false },
  },
});

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (options.help || positionals.length !== 1) fail(USAGE);
const source = new URL(positionals[0]);
if (!/^https?:$/.test(source.protocol)) fail(`Not a web address: ${positionals[0]}\n\n${USAGE}`);
const token = options.token ?? process.env.EDGE_STATUS_TOKEN ?? tokenFromDevVars();
if (!token) fail("No admin token: pass --token, set EDGE_STATUS_TOKEN, or run from a checkout with .dev.vars.");
const host = options.host ?? source.hostname;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tokenFromDevVars() {
  if (!existsSync(".dev.vars")) return undefined;
  return /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim();
}

async function getJson(url, headers = {}) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { headers: { Accept: "application/json", ...headers } }).catch((error) =>
      fail(`GET ${url}: ${error.cause?.message ?? error.message}`),
    );
    // The management API limits requests: wait as it asks, a few times, then give up.
    if (res.status === 429 && attempt < 5) {
      await sleep(1000 * (Number(res.headers.get("retry-after")) || 2 ** attempt));
      continue;
    }
    const text = await res.text();
    if (!res.ok) fail(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text);
    } catch {
      fail(`GET ${url}: not JSON (${text.slice(0, 100)}…): is this a hosted status page's address?`);
    }
  }
}

/** The public v2 JSON: the summary, and the incident and maintenance lists. */
async function publicCapture() {
  const base = `${source.origin}${source.pathname.replace(/\/$/, "")}/api/v2`;
  const summary = await getJson(`${base}/summary.json`);
  const incidents = await getJson(`${base}/incidents.json`);
  const maintenances = await getJson(`${base}/scheduled-maintenances.json`);
  return { summary, incidents: incidents.incidents ?? [], maintenances: maintenances.scheduled_maintenances ?? [] };
}

function progress(done, total, what) {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}${total ? `/${total}` : ""} ${what}`);
}

/** Every incident and maintenance of the page from the management API, page by page, about one request a second. */
async function managementHistory(pageId) {
  const headers = { Authorization: `OAuth ${options["api-key"]}` };
  const events = [];
  for (let page = 1; ; page++) {
    const batch = await getJson(`${options["api-base"]}/pages/${encodeURIComponent(pageId)}/incidents?page=${page}&limit=100`, headers);
    if (!Array.isArray(batch)) fail(`The management API did not answer a list of incidents (page ${page}).`);
    events.push(...batch);
    progress(events.length, 0, "events read");
    if (batch.length < 100) break;
    await sleep(REQUEST_GAP_MS);
  }
  process.stderr.write("\n");
  return {
    incidents: events.filter((e) => !e.scheduled_for),
    maintenances: events.filter((e) => e.scheduled_for),
  };
}

/** Parts of at most EVENTS_PER_PART events and MAX_PART_BYTES, each with the summary's page and components (matched, not duplicated). */
function parts(summary, incidents, maintenances) {
  const events = [...incidents.map((e) => ["incident", e]), ...maintenances.map((e) => ["maintenance", e])];
  const out = [];
  let current = [];
  const body = (list) => ({
    summary,
    incidents: { incidents: list.filter(([kind]) => kind === "incident").map(([, e]) => e) },
    maintenances: { scheduled_maintenances: list.filter(([kind]) => kind === "maintenance").map(([, e]) => e) },
    host,
    dry_run: options["dry-run"],
  });
  const base = Buffer.byteLength(JSON.stringify(body([])));
  let size = base;
  for (const event of events) {
    const bytes = Buffer.byteLength(JSON.stringify(event[1])) + 1;
    if (current.length > 0 && (current.length >= EVENTS_PER_PART || size + bytes > MAX_PART_BYTES)) {
      out.push(body(current));
      current = [];
      size = base;
    }
    current.push(event);
    size += bytes;
  }
  out.push(body(current));
  // The summary's own open incidents and maintenances go with the first part only.
  const { incidents: _open, scheduled_maintenances: _planned, ...bare } = summary;
  return out.map((part, i) => (i === 0 ? part : { ...part, summary: bare }));
}

async function post(body) {
  const url = `${options.to.replace(/\/$/, "")}/api/admin/import`;
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).catch((error) => fail(`POST ${url}: ${error.cause?.message ?? error.message}`));
  const text = await res.text();
  if (!res.ok) fail(`POST /api/admin/import: ${res.status}\n${text}`);
  return JSON.parse(text);
}

const capture = await publicCapture();
const history = options["api-key"] ? await managementHistory(options["page-id"] ?? capture.summary.page.id) : null;
const incidents = history?.incidents ?? capture.incidents;
const maintenances = history?.maintenances ?? capture.maintenances;
const all = parts(capture.summary, incidents, maintenances);
const totals = { created: {}, updated: {}, unchanged: {}, skipped: [] };
const EVENT_COUNTS = ["incidents", "maintenances", "updates"];
let page = null;
for (const [i, part] of all.entries()) {
  const answer = await post(part);
  page = { ...answer.page, created: page?.created || answer.page.created };
  // Every part carries the summary: its components count once, from the first.
  const counted = i === 0 ? ["components", ...EVENT_COUNTS] : EVENT_COUNTS;
  for (const key of ["created", "updated", "unchanged"]) for (const what of counted) totals[key][what] = (totals[key][what] ?? 0) + answer[key][what];
  totals.skipped.push(...answer.skipped);
  if (all.length > 1) progress(i + 1, all.length, "parts sent");
}
if (all.length > 1) process.stderr.write("\n");

const line = (counts) =>
  `${counts.components ?? 0} components, ${counts.incidents ?? 0} incidents, ${counts.maintenances ?? 0} maintenances, ${counts.updates ?? 0} updates`;
console.log(
  `${options["dry-run"] ? "Dry run (nothing written) for" : "Imported into"} page ${page.name} (${page.host}, ${page.id}${page.created ? ", new" : ""})`,
);
console.log(`  created:   ${line(totals.created)}`);
console.log(`  updated:   ${line(totals.updated)}`);
console.log(`  unchanged: ${line(totals.unchanged)}`);
for (const s of totals.skipped) console.log(`  skipped ${s.kind} ${s.source_id}: ${s.reason}`);
