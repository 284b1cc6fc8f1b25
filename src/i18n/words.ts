import { type Catalog, catalogFor } from "./catalog";
import type { Locale } from "./locales";

/** What a surface is rendered in: the language and its catalog. */
export interface Words {
  locale: Locale;
  t: Catalog;
}

const ALL = new Map<Locale, Words>();

/** The words of `locale` (one object per locale for the isolate's life). */
export function wordsFor(locale: Locale): Words {
  let words = ALL.get(locale);
  if (!words) {
    words = { locale, t: catalogFor(locale) };
    ALL.set(locale, words);
  }
  return words;
}

/** What a page says until it is given a language. */
export const ENGLISH: Words = wordsFor("en");
