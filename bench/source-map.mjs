// Maps a position in the built bundle back to its source file (package or src/ path) with the
// source map wrangler writes next to it, so profile entries name src/ files, not bundle lines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";

const B64 = Object.fromEntries([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]));

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = B64[char];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Returns `(line, column) → source file` for 0-based positions in the generated bundle. */
export function loadSourceMap(file) {
  const map = JSON.parse(readFileSync(file, "utf8"));
  // Source indexes are deltas across the whole file; columns are deltas within a line.
  let source = 0;
  const lines = map.mappings.split(";").map((line) => {
    let column = 0;
    return (line ? line.split(",") : []).map((raw) => {
      const [columnDelta, sourceDelta] = decodeVlq(raw);
      column += columnDelta;
      if (sourceDelta !== undefined) source += sourceDelta;
      return [column, source];
    });
  });
  // Paths relative to the repository: src/... for the app, node_modules/... for packages.
  const clean = (s) => path.relative(ROOT, path.resolve(path.dirname(file), s));
  return (line, column) => {
    const segments = lines[line] ?? [];
    let found = null;
    for (const segment of segments) {
      if (segment[0] > column) break;
      found = segment;
    }
    return found ? clean(map.sources[found[1]] ?? "?") : null;
  };
}
