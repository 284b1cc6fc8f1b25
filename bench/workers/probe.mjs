// Bench-only worker, never deployed and never measured for throughput: the deployed bundle
// (./index.js, the same file the measured worker runs) behind a wrapper that counts the D1 work a
// request causes. It shares D1 and KV with the measured worker (same ids in one Miniflare).
//   any path            → the app's answer summarised as JSON, with the D1 statements it ran
//   /__bench/scheduled  → runs the app's scheduled() for ?cron= and ?time= (epoch ms)
//   /__bench/sql        → runs a batch of { sql, params } on the raw binding (data loading)
import app from "./index.js";
import { countingD1, newTally } from "./counting-d1.mjs";

/** waitUntil work is awaited before answering, so queries made after the response count too. */
function collectingContext(ctx) {
  const pending = [];
  return { pending, ctx: { waitUntil: (p) => pending.push(p), passThroughOnException: () => ctx.passThroughOnException() } };
}

async function runSql(request, env) {
  const { statements } = await request.json();
  const results = await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
  return Response.json({ statements: results.length, results: results.map((r) => ({ rows: r.results?.slice(0, 50), ms: r.meta?.duration })) });
}

async function runScheduled(url, env, ctx) {
  const tally = newTally();
  const cron = url.searchParams.get("cron");
  const scheduledTime = Number(url.searchParams.get("time") ?? Date.now());
  const started = Date.now();
  await app.scheduled({ cron, scheduledTime, noRetry() {} }, { ...env, DB: countingD1(env.DB, tally) }, ctx);
  return Response.json({ ms: Date.now() - started, d1: tally });
}

// One counting wrapper for the whole probe isolate: the app's KV memo is kept per binding object, so
// a wrapper made per request would start every request with an empty memo. `kvReads` is read before
// and after each request.
let kvReads = 0;
let countingKv = null;
function countingProxy(kv) {
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "get" || prop === "getWithMetadata") kvReads++;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The probe isolate's one KV binding, or (`fresh`: a cold measure) a new one, whose memo is empty. */
function countedKv(kv, fresh) {
  if (fresh) return countingProxy(kv);
  countingKv ??= countingProxy(kv);
  return countingKv;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/sql") return runSql(request, env);
    if (url.pathname === "/__bench/scheduled") return runScheduled(url, env, ctx);
    const tally = newTally();
    const collected = collectingContext(ctx);
    const started = Date.now();
    const kvBefore = kvReads;
    const fresh = request.headers.get("x-bench-empty-memo") === "1";
    const response = await app.fetch(request, { ...env, DB: countingD1(env.DB, tally), CACHE: countedKv(env.CACHE, fresh) }, collected.ctx);
    const body = await response.text();
    const answeredMs = Date.now() - started;
    await Promise.allSettled(collected.pending);
    return Response.json({
      status: response.status,
      cacheStatus: response.headers.get("cache-status"),
      bytes: new TextEncoder().encode(body).length,
      answeredMs,
      d1: tally,
      // KV reads the request itself made (a background memo refresh it started is counted too).
      kvReads: kvReads - kvBefore,
    });
  },
};
