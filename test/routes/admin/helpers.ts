import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { countingEnv, dbFingerprint } from "../../helpers/fixtures";
import { AUTH, adminJson, call, getJson } from "../../helpers/http";

export const ID = /^[a-z0-9]{12}$/;
/** Well-formed (12 lowercase alphanumerics) but never created by these tests. */
export const UNKNOWN_ID = "zzzzzzzzzzzz";
export const MALFORMED_IDS = ["ABCDEFGHIJKL", "abc123", "abcdefghijk!", "abcdefghijklm"];

export interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[]; requestId: string; current?: unknown };
}

export interface Expected {
  status: number;
  code: string;
  /** A `details[].field` the answer must name, e.g. "body.components.0.status". */
  field?: string;
}

/** Asserts the one JSON error envelope every failure uses, and returns its `error`. */
export async function expectEnvelope(res: Response, expected: Expected): Promise<ErrorBody["error"]> {
  const text = await res.text();
  const json = JSON.parse(text) as ErrorBody;
  expect({ status: res.status, code: json.error?.code }, text).toEqual({ status: expected.status, code: expected.code });
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(Object.keys(json)).toEqual(["error"]);
  // A lost race also says how the thing stands now.
  const keys = json.error.code === "conflict" ? ["code", "current", "details", "message", "requestId"] : ["code", "details", "message", "requestId"];
  expect(Object.keys(json.error).sort()).toEqual(keys);
  expect(json.error.message.length).toBeGreaterThan(0);
  expect(json.error.requestId).toMatch(ID);
  for (const detail of json.error.details) expect(detail).toEqual({ field: expect.any(String), message: expect.any(String) });
  if (expected.field)
    expect(
      json.error.details.map((d) => d.field),
      text,
    ).toContain(expected.field);
  return json.error;
}

/** Sends one request that must be refused, asserting the envelope and that neither D1 nor KV changed. */
export async function expectRefused(send: (bindings: Env) => Promise<Response>, expected: Expected): Promise<ErrorBody["error"]> {
  const before = await dbFingerprint();
  const counting = countingEnv();
  const error = await expectEnvelope(await send(counting.env), expected);
  expect(counting.kvWrites(), "KV writes on a refused request").toBe(0);
  expect(await dbFingerprint(), "D1 changed on a refused request").toBe(before);
  return error;
}

/** A JSON request body as an authenticated admin client sends it. */
export function jsonInit(method: string, body?: unknown, headers: Record<string, string> = AUTH): RequestInit {
  const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return init;
}

/**
 * The admin and public APIs of the page served on `host`. Pages created with their own host keep a
 * test's page-wide assertions (overall status, component order) apart from the rest of the file.
 */
export function site(host = "status.test") {
  const origin = `http://${host}`;
  const send = (method: string, path: string, body?: unknown, bindings: Env = env) => call(`${origin}/api/admin${path}`, jsonInit(method, body), bindings);

  /** An admin call that must answer `status`; returns the parsed body. */
  async function ok<T = any>(method: string, path: string, body?: unknown, status = method === "POST" ? 201 : 200): Promise<T> {
    const res = await send(method, path, body);
    const text = await res.text();
    expect(res.status, `${method} ${path} answered ${text}`).toBe(status);
    return (text === "" ? null : JSON.parse(text)) as T;
  }

  return {
    host,
    origin,
    send,
    ok,
    refused: (method: string, path: string, body: unknown, expected: Expected) => expectRefused((b) => send(method, path, body, b), expected),
    component: async (body: Record<string, unknown>) => (await ok("POST", "/components", body)).component,
    incident: async (body: Record<string, unknown>) => (await ok("POST", "/incidents", { status: "investigating", body: "Investigating.", ...body })).incident,
    maintenance: async (body: Record<string, unknown>) =>
      (await ok("POST", "/maintenances", { name: "Upgrade", body: "Planned work.", ...WINDOW, ...body })).scheduled_maintenance,
    /** A public read that must be answered from KV: the admin write refreshed the cache itself. */
    async fresh<T = any>(path: string): Promise<T> {
      const { res, json } = await getJson<T>(`${origin}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
      return json;
    },
  };
}
export type Site = ReturnType<typeof site>;

/** Creates a page served on `host` (through the default host's admin API) and returns its site. */
export async function newSite(host: string, overrides: Record<string, unknown> = {}): Promise<Site> {
  const { status, json } = await adminJson("POST", "/pages", { name: host, url: `https://${host}`, host, time_zone: "Etc/UTC", ...overrides });
  expect(status, JSON.stringify(json)).toBe(201);
  return site(host);
}

const DAY = 86_400_000;

/** `hh:mm` UTC on the day `days` days from now, e.g. "2027-01-01T02:00:00Z": plans must stay within 180 days. */
export const daysAhead = (days: number, hhmm = "02:00") => `${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T${hhmm}:00Z`;

/** `minutes` minutes before now, to the second: a time that already happened. */
export const minutesAgo = (minutes: number) => `${new Date(Date.now() - minutes * 60_000).toISOString().slice(0, 19)}Z`;

/** A future maintenance window (UTC), a month ahead. */
export const WINDOW = { scheduled_for: daysAhead(30, "02:00"), scheduled_until: daysAhead(30, "04:00") };

/** ISO with milliseconds, as a UTC page shows an instant given in any offset. */
export const utc = (iso: string) => new Date(Date.parse(iso)).toISOString();

export async function rowCount(table: string, where = "1 = 1", ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row!.n;
}
