import type { BodyName } from "../public-api/bodies";

// Every KV key lives here. The version prefix lets a deploy that changes a body's shape start afresh.
const V = "v1";

export const ROUTING_KEY = `${V}:routing`;

/** Page-wide bodies beyond the Statuspage v2 ones. */
export type ExtraBodyName = "stats" | "badges" | "history.atom" | "history.rss";

export const pageBodyKey = (pageId: string, name: BodyName | ExtraBodyName) => `${V}:page:${pageId}:${name}`;

export const eventBodyKey = (pageId: string, kind: "incident" | "maintenance", eventId: string) => `${V}:page:${pageId}:${kind}:${eventId}`;

export type HtmlName = "home" | `incident:${string}` | `maintenance:${string}` | `history:${number}`;

export const htmlKey = (pageId: string, name: HtmlName) => `${V}:page:${pageId}:html:${name}`;

/**
 * The never-expiring copy of a body that reads filled with a short TTL: what a reader gets while D1
 * is failing and the short-lived copy has expired. Bodies written by writes never expire themselves.
 */
export const lastKnownGoodKey = (key: string) => `${V}:lkg:${key.slice(V.length + 1)}`;
