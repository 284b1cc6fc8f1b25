// What the numbers were measured on: they mean little without it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./paths.mjs";

const versionOf = (pkg) => JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;

function cpuModel() {
  const fromProc = (() => {
    try {
      return /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
    } catch {
      return undefined;
    }
  })();
  return fromProc ?? os.cpus()[0]?.model ?? "unknown";
}

function workerdVersion() {
  try {
    return execFileSync(path.join(ROOT, "node_modules/.bin/workerd"), ["--version"], { encoding: "utf8" })
      .trim()
      .replace(/^workerd\s+/, "");
  } catch {
    return "unknown";
  }
}

export function describeMachine() {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    workerd: `${workerdVersion()} (npm workerd ${versionOf("workerd")})`,
    miniflare: versionOf("miniflare"),
    wrangler: versionOf("wrangler"),
    autocannon: versionOf("autocannon"),
  };
}

/** 1-minute load average: other work on the machine shares its cores with the benchmark. */
export const loadAverage = () => Math.round(os.loadavg()[0] * 100) / 100;
