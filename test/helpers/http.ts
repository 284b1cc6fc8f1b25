import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp } from "../../src/app";
import { forgetConfirmations } from "../../src/cache/event-index";
import { forgetMemos } from "../../src/cache/store";

export const ORIGIN = "http://status.test";

/** The eight page-wide endpoints of the Statuspage v2 API. */
export const PUBLIC_LIST_PATHS = [
  "/api/v2/summary.json",
  "/api/v2/status.json",
  "/api/v2/components.json",
  "/api/v2/incidents.json",
  "/api/v2/incidents/unresolved.json",
  "/api/v2/scheduled-maintenances.json",
  "/api/v2/scheduled-maintenances/upcoming.json",
  "/api/v2/scheduled-maintenances/active.json",
  "/api/v2/stats.json",
] as const;
export const ADMIN_TOKEN = "test-admin-token";
export const AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` };

const app = createApp();

/**
 * Calls the app as the worker would, waiting for its waitUntil work (cache fills) to finish. Each
 * call starts with the isolate's KV memo empty, as if it were a new isolate: the tests change KV and
 * swap failing bindings between calls. `callKeepingMemo` is one isolate serving several requests.
 */
export async function call(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  forgetMemos();
  forgetConfirmations();
  return callKeepingMemo(path, init, bindings);
}

export async function callKeepingMemo(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const url = path.startsWith("http") ? path : `${ORIGIN}${path}`;
  const res = await app.fetch(new Request(url, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** An authenticated admin call with a JSON body. */
export function admin(method: string, path: string, body?: unknown, bindings: Env = env): Promise<Response> {
  const init: RequestInit = { method, headers: { ...AUTH, ...(body === undefined ? {} : { "Content-Type": "application/json" }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return call(`/api/admin${path}`, init, bindings);
}

/** Same as `admin`, returning the parsed JSON and asserting nothing. */
export async function adminJson<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await admin(method, path, body);
  return { status: res.status, json: res.status === 204 ? (null as T) : ((await res.json()) as T) };
}

export async function getJson<T = any>(path: string, init: RequestInit = {}): Promise<{ res: Response; json: T }> {
  const res = await call(path, init);
  return { res, json: (await res.json()) as T };
}
