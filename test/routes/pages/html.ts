import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { AUTH, call } from "../../helpers/http";

// workerd has no DOM: pages are read with small regexes over the server's own, predictable markup.

export interface Fetched {
  res: Response;
  html: string;
}

/** GETs a page and reads its body. */
export async function get(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Fetched> {
  const res = await call(path, init, bindings);
  return { res, html: await res.text() };
}

/** A page that must answer 200 from KV (a write or an earlier read stored it), its per-response CSP nonce blanked so two reads compare. */
export async function cachedPage(path: string): Promise<string> {
  const { res, html } = await get(path);
  expect(res.status, html).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  expect(res.headers.get("Cache-Status"), path).toBe("edge-status; hit");
  return withoutNonce(html);
}

/**
 * A page of the current generation: from KV, or (after a write moved the page to a new generation)
 * rebuilt from D1 on this read and stored. Never an older body.
 */
export async function currentPage(path: string): Promise<string> {
  const { res, html } = await get(path);
  expect(res.status, html).toBe(200);
  expect(res.headers.get("Cache-Status"), path).toMatch(/^edge-status; (hit|fwd=miss; stored)$/);
  return withoutNonce(html);
}

export const withoutNonce = (html: string) => html.replace(/ nonce="[A-Za-z0-9+/=]+"/g, ' nonce=""');

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The text a reader sees: tags dropped, entities decoded, white space collapsed. */
export function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, " ")
    .trim();
}

/** Inner HTML of every `<tag …>…</tag>` (not for tags nested in themselves). */
export function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]!);
}

/** The visible text of every `<tag>`. */
export const texts = (html: string, tag: string) => elements(html, tag).map(text);

/** The `<main>` of a page: what the reader came for, without the layout's head and footer. */
export function main(html: string): string {
  const found = /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html);
  expect(found, "the page has a <main>").not.toBeNull();
  return found![1]!;
}

/** The `<section>` whose heading has this id (sections are not nested in these pages). */
export function section(html: string, headingId: string): string {
  const found = new RegExp(`<section[^>]*aria-labelledby="${headingId}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  expect(found, `a section labelled by #${headingId}`).not.toBeNull();
  return found![1]!;
}

/** The home page's past days, newest first: each day's heading and its HTML. */
export function pastDays(html: string): { label: string; html: string }[] {
  return section(html, "past-h")
    .split('<div class="day">')
    .slice(1)
    .map((day) => ({ label: texts(day, "h3")[0]!, html: day }));
}

/** Inner HTML of the leaf component rows (`<li class="comp">`, which hold no nested list). */
export function componentRows(html: string): Map<string, string> {
  const rows = [...html.matchAll(/<li class="comp">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
  return new Map(rows.map((row) => [text(/<span class="name"[^>]*>([\s\S]*?)<\/span>/.exec(row)![1]!), row]));
}

/** The names of the events the uptime bars mention, in the page's list (`#bar-events`). */
export function barEventNames(page: string): string[] {
  const list = /<ol id="bar-events"[^>]*>([\s\S]*?)<\/ol>/.exec(page);
  return list ? texts(list[1]!, "li") : [];
}

const UTC_DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });

const LEVELS: Record<string, string> = { n: "none", d: "degraded_performance", p: "partial_outage", m: "major_outage", u: "under_maintenance" };

/**
 * The bars of one component row of `page`, each with its level ("ok" for a bare day without
 * downtime) and its full text as public/uptime-bars.js tells it: its own title, or the day (counted
 * from data-from) with the operational or no-data default, then the names of the events data-ev puts on it.
 */
export function bars(row: string, page: string): { level: string; text: string }[] {
  const container = /<div class="bars"([^>]*)>([\s\S]*?)<\/div>/.exec(row);
  if (!container) return [];
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(container[1]!)?.[1];
  const [y, m, d] = attribute("data-from")!.split("-").map(Number) as [number, number, number];
  const names = barEventNames(page);
  const events = (attribute("data-ev") ?? "")
    .split(" ")
    .filter(Boolean)
    .map((range) => range.split(/[:-]/).map(Number) as [number, number, number]);
  return [...container[2]!.matchAll(/<p(?: class="([^"]*)")?(?: title="([^"]*)")?>/g)].map((match, i) => {
    const level = match[1] === undefined ? "ok" : LEVELS[match[1]]!;
    const day = UTC_DAY.format(Date.UTC(y, m - 1, d + i));
    const own = match[2] === undefined ? `${day} · ${level === "none" ? "No data" : "100.00 % uptime · No downtime"}` : text(match[2]);
    const touching = events.filter(([, first, last]) => first <= i && i <= last).map(([index]) => names[index]!);
    return { level, text: touching.length > 0 ? `${own} · ${touching.join("; ")}` : own };
  });
}

/** The status label of a component row: its class, its icon and its words. */
export function statusLabel(row: string): { cls: string; icon: string; words: string } {
  const found = /<span class="st (st-[a-z_]+)"><span aria-hidden="true">([^<]+)<\/span>([^<]*)<\/span>/.exec(row);
  expect(found, "a status label").not.toBeNull();
  return { cls: found![1]!, icon: found![2]!.trim(), words: found![3]!.trim() };
}

/** Every `<time>` of a fragment with its machine value, hover title and shown text. */
export function times(html: string): { datetime: string; title: string; shown: string }[] {
  return [...html.matchAll(/<time datetime="([^"]+)" title="([^"]+)">([^<]*)<\/time>/g)].map((m) => ({ datetime: m[1]!, title: m[2]!, shown: m[3]! }));
}

/** An admin call with a JSON body on any host's origin, returning the parsed answer. */
export async function adminOn<T = any>(origin: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const headers: Record<string, string> = { ...AUTH, ...(body === undefined ? {} : { "Content-Type": "application/json" }) };
  const res = await call(`${origin}/api/admin${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const raw = await res.text();
  return { status: res.status, json: (raw === "" ? null : JSON.parse(raw)) as T };
}

/** An HTML error page: the status, text/html (never the JSON envelope), one h1, a way back home, no stack trace. */
export async function expectHtmlError(path: string, status: number, heading: string, bindings: Env = env): Promise<string> {
  const { res, html } = await get(path, {}, bindings);
  expect(res.status, `${path} answered ${html.slice(0, 200)}`).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^text\/html; charset=utf-8$/i);
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(texts(html, "h1")).toEqual([heading]);
  // "/?lang=…" on a page that offers several languages (the demo's): the way home keeps the reader's.
  expect(main(html)).toMatch(/<a href="\/(\?lang=[a-zA-Z-]+)?">/);
  expect(html).not.toMatch(/"error":|\bat \S+ \(|\.ts:\d+/);
  return html;
}
