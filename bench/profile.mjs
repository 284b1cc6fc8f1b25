// `--profile`: after the measured rounds, loads each route again with V8's sampling profiler on the
// status page's isolate (through workerd's inspector) and reports where its CPU goes. Saved
// .cpuprofile files open in Chrome DevTools (Performance → Load profile).
import { writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import autocannon from "autocannon";
import { OUT, ROOT } from "./paths.mjs";
import { loadSourceMap } from "./source-map.mjs";

// Node 20 has no WebSocket client; miniflare (a pinned devDependency) ships `ws`.
const WebSocket = createRequire(path.join(ROOT, "node_modules/miniflare/package.json"))("ws");
const PROFILES = path.join(OUT, "profiles");

function connect(url) {
  const ws = new WebSocket(url);
  const pending = new Map();
  let next = 0;
  ws.on("message", (data) => {
    const message = JSON.parse(data.toString());
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    settle(message);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      ws.send(JSON.stringify({ id, method, params }));
    });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ send, close: () => ws.close() }));
    ws.once("error", reject);
  });
}

/** Self time per function, and the isolate's busy time (everything but idle). */
function summarise(profile, requests, sourceOf) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let busy = 0;
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber, columnNumber } = byNode.get(nodeId).callFrame;
    const name = functionName || "(anonymous)";
    total += dt;
    if (name === "(idle)") return;
    busy += dt;
    const where = url ? (url.endsWith("/index.js") && sourceOf(lineNumber, columnNumber)) || `${path.basename(url)}:${lineNumber + 1}` : null;
    const key = where && !(functionName || "").startsWith("(") ? `${name} [${where}]` : name;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([fn, us]) => ({ fn, pctOfBusy: Math.round((us / busy) * 1000) / 10 }));
  return {
    requests,
    busyMsPerRequest: Math.round((busy / 1000 / Math.max(1, requests)) * 100) / 100,
    busyPctOfWall: Math.round((busy / total) * 1000) / 10,
    top,
  };
}

export async function profileRoutes({ inspectorPort, worker, origin, routes, connections, seconds, sourceMapFile }) {
  mkdirSync(PROFILES, { recursive: true });
  const sourceOf = loadSourceMap(sourceMapFile);
  const inspector = await connect(`ws://127.0.0.1:${inspectorPort}/core:user:${worker}`);
  const results = {};
  try {
    await inspector.send("Profiler.enable");
    await inspector.send("Profiler.setSamplingInterval", { interval: 250 });
    for (const route of routes) {
      await inspector.send("Profiler.start");
      const run = await autocannon({ url: origin + route.path, connections, duration: seconds });
      const { profile } = await inspector.send("Profiler.stop");
      writeFileSync(path.join(PROFILES, `${route.name}.cpuprofile`), JSON.stringify(profile));
      results[route.name] = summarise(profile, run.requests.total, sourceOf);
    }
  } finally {
    inspector.close();
  }
  return results;
}
