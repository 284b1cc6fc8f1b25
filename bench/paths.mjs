import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const OUT = path.join(ROOT, "bench/out");
export const BUILD_DIR = path.join(OUT, "build");
export const MINIFIED_DIR = path.join(OUT, "build-minified");
export const RESULTS_FILE = path.join(ROOT, "bench/results.json");
export const QUICK_RESULTS_FILE = path.join(OUT, "results.quick.json");
export const PROFILE_RESULTS_FILE = path.join(OUT, "results.profile.json");
