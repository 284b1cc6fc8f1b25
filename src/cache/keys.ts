import type { BodyName } from "../public-api/bodies";

// Every KV key lives here. The version prefix lets a deploy that changes a body's shape start afresh.
const V = "v1";

export const ROUTING_KEY = `${V}:routing`;

export const pageBodyKey = (pageId: string, name: BodyName | "stats") => `${V}:page:${pageId}:${name}`;

export const eventBodyKey = (pageId: string, kind: "incident" | "maintenance", eventId: string) => `${V}:page:${pageId}:${kind}:${eventId}`;

export type HtmlName = "home" | `incident:${string}` | `maintenance:${string}` | `history:${number}`;

export const htmlKey = (pageId: string, name: HtmlName) => `${V}:page:${pageId}:html:${name}`;
