import { expect } from "vitest";

/** Keys the Statuspage v2 spec declares nullable, with the JSON type they hold when not null. */
export const NULLABLE: Record<string, string> = {
  description: "string",
  start_date: "string",
  group_id: "string",
  monitoring_at: "string",
  resolved_at: "string",
  shortlink: "string",
  postmortem_body: "string",
  postmortem_body_last_updated_at: "string",
  affected_components: "array",
};

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const keyOf = (path: string) => /\.([a-z_]+)$/.exec(path)?.[1] ?? "";

/**
 * Compares `actual` with reference `samples` (every value the reference has at this position):
 * same key sets and JSON types at every level. Null and a value are compatible only where a sample
 * is null and the spec says the key is nullable. Returns the path of the first difference, or null.
 */
export function shapeDiff(actual: unknown, samples: readonly unknown[], path = "$"): string | null {
  const type = jsonType(actual);
  const types = new Set(samples.map(jsonType));
  const nullable = NULLABLE[keyOf(path)];
  if (type === "null") {
    // Null against null always matches; against a value only where the spec allows null.
    const ok = types.has("null") && (types.size === 1 || nullable !== undefined);
    return ok ? null : `${path}: null where the reference has ${[...types].join("|")}`;
  }
  const values = samples.filter((s) => jsonType(s) === type);
  if (values.length === 0) {
    // The reference only ever has null here: the spec says what the value is.
    if (types.size === 1 && types.has("null") && nullable === type) return null;
    return `${path}: ${type} where the reference has ${[...types].join("|")}`;
  }
  if (type === "array") {
    const elements = (values as unknown[][]).flat();
    if (elements.length === 0) return null;
    for (const [i, item] of (actual as unknown[]).entries()) {
      const diff = shapeDiff(item, elements, `${path}[${i}]`);
      if (diff) return diff;
    }
  }
  if (type === "object") {
    const objects = values as Record<string, unknown>[];
    const expected = Object.keys(objects[0]!);
    const got = Object.keys(actual as object);
    const missing = expected.find((k) => !got.includes(k));
    if (missing) return `${path}: missing key "${missing}"`;
    const extra = got.find((k) => !expected.includes(k));
    if (extra) return `${path}: unexpected key "${extra}"`;
    for (const key of expected) {
      const diff = shapeDiff(
        (actual as Record<string, unknown>)[key],
        objects.map((o) => o[key]),
        `${path}.${key}`,
      );
      if (diff) return diff;
    }
  }
  return null;
}

const TIMESTAMP_KEYS = new Set([
  "created_at",
  "updated_at",
  "display_at",
  "started_at",
  "monitoring_at",
  "resolved_at",
  "scheduled_for",
  "scheduled_until",
  "postmortem_body_last_updated_at",
]);

/** Every non-null timestamp in a body, with its path. */
export function timestamps(value: unknown, path = "$"): { path: string; value: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => timestamps(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    TIMESTAMP_KEYS.has(k) && typeof v === "string" ? [{ path: `${path}.${k}`, value: v }] : timestamps(v, `${path}.${k}`),
  );
}

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

/** The headers every public read answers with. */
export function expectPublicHeaders(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json\b/);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(res.headers.get("ETag")).toMatch(/^(W\/)?"[^"]+"$/);
  expect(res.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
}

/** Asserts a JSON error envelope and returns its error object. */
export async function expectErrorEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json\b/);
  const json = (await res.json()) as { error: { code: string; message: string; details: unknown[]; requestId: string } };
  expect(Object.keys(json)).toEqual(["error"]);
  expect(Object.keys(json.error).sort()).toEqual(["code", "details", "message", "requestId"]);
  expect(json.error.code).toBe(code);
  expect(json.error.message).toEqual(expect.any(String));
  expect(json.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(json.error.details)).toBe(true);
  expect(json.error.requestId).toMatch(/\S/);
  return json.error;
}

/** True when `times` (ISO strings) are in non-increasing order. */
export function newestFirst(times: string[]): boolean {
  return times.every((t, i) => i === 0 || Date.parse(times[i - 1]!) >= Date.parse(t));
}
