// The data generator plans every update with the app's own lifecycle functions and writes rows
// through the app's own drizzle schema, so the bulk history obeys the rules the admin code enforces.
// src/ is TypeScript and Node 20 cannot strip types, so those modules are bundled here for Node
// with the esbuild that wrangler (a pinned devDependency) ships.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { OUT, ROOT } from "./paths.mjs";

const ENTRY = `
export { planIncidentUpdate } from "./src/domain/incident-lifecycle";
export { planMaintenanceUpdate } from "./src/domain/maintenance-lifecycle";
export * as schema from "./src/db/schema";
export { drizzle } from "drizzle-orm/d1";
`;

export async function loadSrc() {
  const esbuild = createRequire(path.join(ROOT, "node_modules/wrangler/package.json"))("esbuild");
  const outfile = path.join(OUT, "src-bridge.mjs");
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: "ts", sourcefile: "bench-src-bridge.ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
