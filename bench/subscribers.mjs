// What telling N email subscribers of one incident costs: the writer's answer (the fan-out runs after
// it, in waitUntil), the time until every delivery is recorded and queued, and the time until the
// local queue's consumer has mailed them all (MAIL_TRANSPORT=log: each mail is a row in mail_log).
import { request } from "./http.mjs";
import { ADMIN_TOKEN } from "./server.mjs";
import { runStatements } from "./sql.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(probe, sql, params) {
  const res = await probe.fetch("http://bench.local/__bench/sql", { method: "POST", body: JSON.stringify({ statements: [{ sql, params }] }) });
  const { results } = await res.json();
  return Number(Object.values(results[0].rows[0])[0]);
}

async function until(probe, sql, params, target, timeoutMs) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await count(probe, sql, params)) >= target) return Math.round(performance.now() - started);
    await sleep(100);
  }
  return null;
}

async function openIncident(origin, name) {
  const started = performance.now();
  const res = await request(`${origin}/api/admin/incidents`, {
    method: "POST",
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name, status: "investigating", body: "Bench: telling every subscriber." }),
  });
  if (res.status !== 201) throw new Error(`incident answered ${res.status}: ${res.body}`);
  return { ms: Math.round(performance.now() - started), id: JSON.parse(res.body.toString()).incident.id };
}

/** Adds `n` confirmed email subscribers in one statement, opens an incident, and times each stage. */
export async function subscribersCost({ origin, probe }, pageId, n) {
  const before = await openIncident(origin, "Bench: no subscribers yet");
  await runStatements(probe, [
    {
      sql: `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
        INSERT INTO subscribers (id, page_id, type, format, target, components, state, token, confirmed_at, created_at, updated_at)
        SELECT printf('bench%07d', i), ?, 'email', 'email', printf('reader%d@bench.test', i), NULL, 'active', printf('%043d', i), 0, 0, 0 FROM seq`,
      params: [n, pageId],
    },
  ]);
  const t0 = Date.now();
  const write = await openIncident(origin, `Bench: ${n} subscribers`);
  const queued = await until(probe, "SELECT COUNT(*) FROM deliveries WHERE created_at >= ? AND enqueued_at IS NOT NULL", [t0], n, 60_000);
  const mailed = await until(probe, "SELECT COUNT(*) FROM mail_log WHERE created_at >= ?", [t0], n, 180_000);
  await runStatements(probe, [
    { sql: "DELETE FROM subscribers WHERE id LIKE 'bench%'", params: [] },
    { sql: "DELETE FROM mail_log WHERE created_at >= ?", params: [t0] },
  ]);
  return { subscribers: n, answerMsWithout: before.ms, answerMs: write.ms, queuedMs: queued, mailedMs: mailed };
}
