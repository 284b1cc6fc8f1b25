import { type PageTemplate, pageTemplate, utf8 } from "../http/page-template";
import type { CachedBody } from "./store";

// Computed once per stored body this isolate holds (its memo keeps the same object), not per
// response: encoding a 130 KB feed was most of a warm request's CPU.
const bytes = new WeakMap<CachedBody, Uint8Array<ArrayBuffer>>();
const templates = new WeakMap<CachedBody, PageTemplate>();

function once<T>(cache: WeakMap<CachedBody, T>, cached: CachedBody, make: (body: string) => T): T {
  const known = cache.get(cached);
  if (known) return known;
  const made = make(cached.body);
  cache.set(cached, made);
  return made;
}

export const bodyBytes = (cached: CachedBody) => once(bytes, cached, utf8);
export const bodyTemplate = (cached: CachedBody) => once(templates, cached, pageTemplate);
