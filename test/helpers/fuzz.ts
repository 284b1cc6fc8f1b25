// Shared pieces of the property tests (test/properties): fast-check settings, a snapshot of every
// D1 row, the error-envelope and HTML-page checks, and sending a raw request to the app.
// The generators of hostile input are in ./arbitraries.
import { env } from "cloudflare:workers";
import type fc from "fast-check";
import { expect } from "vitest";
import { ADMIN_TOKEN, call } from "./http";

/**
 * One fixed seed: CI runs the same cases every time. On failure fast-check prints the seed, the
 * path and the shrunk counterexample; change SEED locally to explore other cases.
 */
export const SEED = 20_261_202;

/** fast-check parameters for a property of `numRuns` cases (kept small: each case is an HTTP round trip). */
export const runs = <T>(numRuns: number): fc.Parameters<T> => ({ seed: SEED, numRuns, verbose: 1 });

// --- D1 ----------------------------------------------------------------------------------------

let tables: string[] | undefined;

/** The row contents of every table (migrations' bookkeeping included), one string per table. */
export async function dbRows(): Promise<Map<string, string>> {
  tables ??= (
    await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name").all<{
      name: string;
    }>()
  ).results.map((t) => t.name);
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM "${t}" ORDER BY rowid`)));
  return new Map(tables.map((t, i) => [t, JSON.stringify(results[i]!.results)]));
}

/** The tables whose rows differ between two snapshots, with their row counts; empty when nothing changed. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const count = (json: string | undefined) => (json === undefined ? "missing" : (JSON.parse(json) as unknown[]).length);
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((t) => before.get(t) !== after.get(t))
    .map((t) => `${t}: ${count(before.get(t))} rows before, ${count(after.get(t))} after`);
}

// --- Responses ---------------------------------------------------------------------------------

export interface Answer {
  status: number;
  type: string;
  text: string;
  headers: Headers;
}

export async function read(res: Response): Promise<Answer> {
  return { status: res.status, type: res.headers.get("Content-Type") ?? "", text: await res.text(), headers: res.headers };
}

/** Stack frames, source paths or raw exception text: never shown to a client. */
export const STACK_TRACE = /\bat \S+ \(|\bat (async )?file:|\.tsx?:\d+|TypeError|ReferenceError|SyntaxError: |D1_ERROR|SQLITE_/;

/** Asserts the one JSON error envelope: `{ error: { code, message, details: [{ field, message }], requestId } }`. */
export function expectEnvelope(answer: Answer, what: string): { code: string; details: { field: string; message: string }[] } {
  const context = `${what} answered ${answer.status} ${answer.type}: ${answer.text.slice(0, 300)}`;
  expect(answer.type, context).toMatch(/^application\/json/i);
  let json: any;
  expect(() => (json = JSON.parse(answer.text)), context).not.toThrow();
  expect(json !== null && typeof json === "object" && !Array.isArray(json) ? Object.keys(json) : json, context).toEqual(["error"]);
  const error = json.error;
  expect(error !== null && typeof error === "object" ? Object.keys(error).sort() : error, context).toEqual(["code", "details", "message", "requestId"]);
  expect(typeof error.code === "string" && error.code.length > 0, context).toBe(true);
  expect(typeof error.message === "string" && error.message.length > 0, context).toBe(true);
  expect(typeof error.requestId === "string" && error.requestId.length > 0, context).toBe(true);
  expect(Array.isArray(error.details), context).toBe(true);
  for (const detail of error.details) {
    expect(detail !== null && typeof detail === "object" ? Object.keys(detail).sort() : detail, context).toEqual(["field", "message"]);
    expect([typeof detail.field, typeof detail.message], context).toEqual(["string", "string"]);
  }
  expect(answer.text, `${context}: a stack trace`).not.toMatch(STACK_TRACE);
  if (answer.status === 401) expect(answer.headers.get("WWW-Authenticate"), context).toMatch(/^Bearer /);
  return error;
}

/** Asserts an HTML page for people (a 404 or a page), never JSON and never a stack trace. */
export function expectHtmlPage(answer: Answer, what: string): void {
  const context = `${what} answered ${answer.status} ${answer.type}: ${answer.text.slice(0, 300)}`;
  expect(answer.type, context).toMatch(/^text\/html/i);
  expect(answer.text.startsWith("<!doctype html>"), context).toBe(true);
  expect(answer.text, `${context}: a stack trace`).not.toMatch(STACK_TRACE);
}

// --- Requests ----------------------------------------------------------------------------------

let ip = 0;
/** A new client address for each request: admin routes may rate-limit per address. */
export function nextIp(): string {
  ip++;
  return ip % 3 === 0 ? `2001:db8::${(ip % 65_535).toString(16)}` : `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
}

export interface RawRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string | Uint8Array | null;
}

/** Sends a request to the app as the worker would (waiting for its waitUntil work) and reads the answer. */
export async function send(request: RawRequest, bindings: Env = env): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of request.headers) headers.append(name, value);
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", nextIp());
  const init: RequestInit = { method: request.method, headers };
  if (request.body !== undefined && request.body !== null && request.method !== "GET" && request.method !== "HEAD") init.body = request.body;
  return read(await call(request.url, init, bindings));
}

/** A one-line description of a request for failure messages. */
export function describeRequest(request: RawRequest): string {
  const body =
    request.body instanceof Uint8Array
      ? `<${request.body.byteLength} bytes>`
      : request.body === undefined || request.body === null
        ? ""
        : JSON.stringify(request.body.slice(0, 200));
  return `${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} ${body}`;
}

export const VALID_AUTH = `Bearer ${ADMIN_TOKEN}`;
