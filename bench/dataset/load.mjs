// Loads the large page: structure and the current state through the admin HTTP API, the years of
// history in bulk (planned by the app's lifecycle code, see simulate.mjs), then the scheduled jobs
// as production runs them, so rollups exist and every cached body is current.
import { request } from "../http.mjs";
import { ADMIN_TOKEN } from "../server.mjs";
import { runStatements } from "../sql.mjs";
import { loadSrc } from "../src-bridge.mjs";
import { insertStatements } from "./bulk-insert.mjs";
import { GROUPS, PAGE } from "./catalog.mjs";
import { createRandom } from "./random.mjs";
import { buildScenario } from "./scenario.mjs";
import { simulate } from "./simulate.mjs";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEARS = 3;

export const FULL_DATA = { groups: 8, perGroup: 8, incidents: 5000, maintenances: 300 };
// Fewer components too: each admin write rebuilds every body, so creating 60 can take most of a
// minute on a busy machine, and --quick must finish within one.
export const QUICK_DATA = { groups: 3, perGroup: 5, incidents: 800, maintenances: 50 };

export function adminClient(origin) {
  return async function admin(method, path, body) {
    const res = await request(`${origin}/api/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} /api/admin${path} → ${res.status} ${res.body}`);
    return JSON.parse(res.body.toString());
  };
}

async function createStructure(admin, now, size) {
  const { page } = await admin("POST", "/pages", PAGE);
  const startDate = new Date(now - YEARS * 365 * DAY - 7 * DAY).toISOString().slice(0, 10);
  const catalog = GROUPS.slice(0, size.groups).map(([name, members]) => [name, members.slice(0, size.perGroup)]);
  // One write after another, as an operator would: every write rewrites the same cached bodies, and
  // KV refuses simultaneous writes of a key (the app then waits a second and retries).
  const groups = [];
  for (const [groupName, names] of catalog) {
    const { component: group } = await admin("POST", "/components", { name: groupName, group: true });
    const members = [];
    for (const name of names) {
      const { component } = await admin("POST", "/components", { name, group_id: group.id, start_date: startDate, description: `${name} (${groupName})` });
      members.push({ id: component.id, name: component.name });
    }
    groups.push(members);
  }
  return { page, groups };
}

/** Today's trouble, posted by operators: two open incidents and one maintenance in progress. */
async function createCurrentState(admin, groups, now) {
  const iso = (ms) => new Date(ms).toISOString();
  const [a, b, c] = [groups[0], groups[Math.floor(groups.length / 2)], groups[groups.length - 1]];
  const first = await admin("POST", "/incidents", {
    name: `Elevated error rates on ${a[0].name} and ${a[2].name}`,
    status: "investigating",
    body: `We are investigating elevated error rates on **${a[0].name}** and delays on **${a[2].name}** in eu-central.`,
    started_at: iso(now - 40 * MINUTE),
    display_at: iso(now - 35 * MINUTE),
    components: [
      { id: a[0].id, status: "partial_outage" },
      { id: a[2].id, status: "degraded_performance" },
    ],
  });
  await admin("POST", `/incidents/${first.incident.id}/updates`, {
    status: "identified",
    body: "A faulty load balancer pool in eu-central has been identified; traffic is being drained from it.",
    display_at: iso(now - 12 * MINUTE),
  });
  const second = await admin("POST", "/incidents", {
    name: `Slow responses from ${b[0].name}`,
    status: "investigating",
    body: `Some customers see slow responses from ${b[0].name}. We are investigating.`,
    display_at: iso(now - 8 * MINUTE),
    components: [{ id: b[0].id, status: "degraded_performance" }],
  });
  const { scheduled_maintenance: m } = await admin("POST", "/maintenances", {
    name: `${c[0].name} upgrade`,
    body: `We are upgrading ${c[0].name} region by region. Brief slowdowns are possible.`,
    scheduled_for: iso(now - 30 * MINUTE),
    scheduled_until: iso(now + 3 * HOUR),
    component_ids: [c[0].id, c[c.length - 1].id],
  });
  await admin("POST", `/maintenances/${m.id}/updates`, { status: "in_progress", body: "The maintenance has started.", display_at: iso(now - 25 * MINUTE) });
  // The admin update measured posts changes to three components of the second incident's group.
  return { openIncidentIds: [first.incident.id, second.incident.id], activeMaintenanceId: m.id, updateComponentIds: b.slice(1, 4).map((c) => c.id) };
}

async function runCron(probe, cron) {
  const res = await probe.fetch(`http://bench.local/__bench/scheduled?cron=${encodeURIComponent(cron)}&time=${Date.now()}`);
  if (!res.ok) throw new Error(`scheduled ${cron} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Runs the rollup cron until it has nothing left to fill (it writes at most ~900 rows a run). */
async function fillRollups(admin, probe, cron) {
  for (let run = 1; run <= 30; run++) {
    await runCron(probe, cron);
    const { jobs } = await admin("GET", "/jobs");
    const result = jobs.find((j) => j.job === "rollups")?.last_result;
    if (!result || result.error) throw new Error(`rollups failed: ${JSON.stringify(result)}`);
    if (result.rows === 0) return run;
  }
  throw new Error("rollups did not finish in 30 runs");
}

export async function loadDataSet({ origin, probe, crons, size, seed = 20240601, log }) {
  const now = Date.now();
  const admin = adminClient(origin);
  const timings = {};
  let t = Date.now();
  const { page, groups } = await createStructure(admin, now, size);
  timings.structureMs = Date.now() - t;

  t = Date.now();
  const src = await loadSrc();
  const random = createRandom(seed);
  const scenario = buildScenario(random, {
    groups,
    from: now - YEARS * 365 * DAY,
    to: now - 6 * HOUR,
    incidents: size.incidents,
    maintenances: size.maintenances,
  });
  const rows = simulate(src, random, { pageId: page.id, components: groups.flat(), scenario, now });
  const statements = insertStatements(src, rows);
  timings.generateMs = Date.now() - t;
  t = Date.now();
  await runStatements(probe, statements);
  timings.insertMs = Date.now() - t;
  log(
    `  history: ${rows.incidents.length} events, ${rows.incidentUpdates.length} updates, ${rows.componentStatusChanges.length} status changes (${statements.length} INSERTs)`,
  );

  t = Date.now();
  const current = await createCurrentState(admin, groups, Date.now());
  timings.currentStateMs = Date.now() - t;
  t = Date.now();
  // wrangler.toml's crons: the minute run refreshes the caches, the other one fills the rollups.
  const [minute, tenMinutes] = [crons.find((c) => c === "* * * * *") ?? crons[0], crons.find((c) => c !== "* * * * *")];
  const rollupRuns = tenMinutes ? await fillRollups(admin, probe, tenMinutes) : 0;
  if (minute) await runCron(probe, minute);
  timings.cronsMs = Date.now() - t;
  const counts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]));
  return { pageId: page.id, components: groups.flat().length, groups: groups.length, ...current, counts, rollupRuns, timings };
}
