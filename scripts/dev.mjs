// `npm start`: local D1/KV through wrangler (miniflare), migrations applied, demo data loaded,
// the status page on http://localhost:8787. Ctrl-C stops it.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";

const PORT = process.env.PORT ?? "8787";
const ORIGIN = `http://localhost:${PORT}`;
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" };

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local admin token).");
}
// An older .dev.vars may lack names added since (DEV_ROUTES turns on the demo route used below).
const vars = readFileSync(".dev.vars", "utf8");
const have = new Set([...vars.matchAll(/^(\w+)=/gm)].map((m) => m[1]));
const missing = readFileSync(".dev.vars.example", "utf8")
  .split("\n")
  .filter((line) => /^\w+=/.test(line) && !have.has(line.split("=")[0]));
if (missing.length > 0) {
  appendFileSync(".dev.vars", `${vars === "" || vars.endsWith("\n") ? "" : "\n"}${missing.join("\n")}\n`);
  console.log(`Added to .dev.vars from .dev.vars.example: ${missing.map((line) => line.split("=")[0]).join(", ")}.`);
}
const token = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim();

const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit", env: quiet });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn("npx", ["wrangler", "dev", "--port", PORT, "--ip", "127.0.0.1", "--test-scheduled"], { stdio: "inherit", env: quiet });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(`${ORIGIN}/api/openapi.json`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`wrangler dev did not answer on ${ORIGIN} within 60 s`);
}

try {
  await waitForServer();
  const res = await fetch(`${ORIGIN}/api/admin/demo`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  const result = await res.json();
  if (!res.ok) throw new Error(`loading the demo failed: ${res.status} ${JSON.stringify(result)}`);
  console.log(`\nDemo data ready (${JSON.stringify(result.created)} created).`);
  console.log(`  Status page:  ${ORIGIN}/`);
  console.log(`  Status JSON:  ${ORIGIN}/api/v2/summary.json`);
  console.log(`  OpenAPI:      ${ORIGIN}/api/openapi.json`);
  console.log(`  Console:      ${ORIGIN}/admin  (sign in with the admin token)`);
  console.log(`  Mail log:     ${ORIGIN}/admin → Mail  (subscribe on the status page; mails stay on this machine)`);
  console.log(`  Admin token:  ${token}  (from .dev.vars)\n`);
} catch (error) {
  console.error(String(error));
}

// wrangler dev does not fire cron triggers by itself: fire them as production would (the crons of
// wrangler.toml), so maintenances start and incidents auto-resolve locally too.
const fire = (cron) => fetch(`${ORIGIN}/__scheduled?cron=${encodeURIComponent(cron)}`).catch(() => {});
await fire("*/10 * * * *");
setTimeout(
  () => {
    const tick = () => {
      fire("* * * * *");
      if (new Date().getUTCMinutes() % 10 === 0) fire("*/10 * * * *");
    };
    tick();
    setInterval(tick, 60_000);
  },
  60_000 - (Date.now() % 60_000),
);
