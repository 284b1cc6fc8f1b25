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

/** A page rendered in one of its languages: its words, and every language the page speaks (its own first), for its links and its language switch. */
export interface Voice extends Words {
  languages: readonly Locale[];
}

export const voiceOf = (locale: Locale, languages: readonly Locale[]): Voice => ({ ...wordsFor(locale), languages });

export const ENGLISH_VOICE: Voice = voiceOf("en", ["en"]);

/**
 * A link to another page of the status page, in this language: on a page that speaks several, it
 * carries `lang` so a reader who chose a language keeps it (Accept-Language picks only the first page).
 */
export function localHref(path: string, voice: Voice): string {
  return voice.languages.length < 2 ? path : withLanguage(path, voice.locale);
}

/** `path` (which may have a query) in language `locale`. */
export const withLanguage = (path: string, locale: Locale) => `${path}${path.includes("?") ? "&" : "?"}lang=${locale}`;
