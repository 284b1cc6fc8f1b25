import { type PageTemplate, pageTemplate, utf8 } from "../http/page-template";
import { type CachedBody, derivedFrom } from "./store";

// Made once per stored body, not per response: encoding a 130 KB feed was most of a warm request's CPU.
const bytes = new WeakMap<CachedBody, Uint8Array<ArrayBuffer>>();
const templates = new WeakMap<CachedBody, PageTemplate>();

export const bodyBytes = (cached: CachedBody) => derivedFrom(bytes, cached, utf8);
export const bodyTemplate = (cached: CachedBody) => derivedFrom(templates, cached, pageTemplate);
