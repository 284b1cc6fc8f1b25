import { LOCALES, type Locale } from "../i18n/locales";

// Every KV key lives here. The version prefix lets a deploy that changes a body's shape start afresh.
const V = "v1";

export const ROUTING_KEY = `${V}:routing`;

/** Every page-wide Statuspage v2 body, by the name its cache key and route use. */
export const BODY_NAMES = [
  "summary",
  "status",
  "components",
  "incidents",
  "incidents-unresolved",
  "scheduled-maintenances",
  "scheduled-maintenances-upcoming",
  "scheduled-maintenances-active",
] as const;
export type BodyName = (typeof BODY_NAMES)[number];

/** Page-wide bodies beyond the Statuspage v2 ones. */
export type ExtraBodyName = "stats" | "badges" | "history.atom" | "history.rss" | "index";

export const pageBodyKey = (pageId: string, name: BodyName | ExtraBodyName) => `${V}:page:${pageId}:${name}`;

export const eventBodyKey = (pageId: string, kind: "incident" | "maintenance", eventId: string) => `${V}:page:${pageId}:${kind}:${eventId}`;

export type HtmlName = "home" | "subscribe" | "subscribe:sent" | `incident:${string}` | `maintenance:${string}` | `history:${number}`;

/** A page in one language: each language a page speaks is its own body. */
export const htmlKey = (pageId: string, name: HtmlName, locale: Locale) => `${V}:page:${pageId}:html:${locale}:${name}`;

/** Every key an event's own bodies live under (JSON and HTML in every language, whichever kind it was). */
export const eventKeys = (pageId: string, eventId: string) => [
  eventBodyKey(pageId, "incident", eventId),
  eventBodyKey(pageId, "maintenance", eventId),
  ...LOCALES.flatMap((locale) => [htmlKey(pageId, `incident:${eventId}`, locale), htmlKey(pageId, `maintenance:${eventId}`, locale)]),
];

/**
 * The never-expiring copy of a body that reads filled with a short TTL: what a reader gets while D1
 * is failing and the short-lived copy has expired. Bodies written by writes never expire themselves.
 */
export const lastKnownGoodKey = (key: string) => `${V}:lkg:${key.slice(V.length + 1)}`;
