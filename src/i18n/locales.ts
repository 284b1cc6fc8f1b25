/** The languages a page can speak. The API keeps its English enums and ISO times whatever the page speaks. */
export const LOCALES = ["en", "pt-BR", "es"] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

interface Wanted {
  tag: string;
  q: number;
  order: number;
}

/** An Accept-Language header's tags, best first (RFC 9110: q from 0 to 1, default 1; q=0 means "not this"). */
function wanted(header: string): Wanted[] {
  return header
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((w) => w.tag !== "" && w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
}

const primary = (tag: string) => tag.split("-")[0]!;

/** The offered language `tag` names, whatever its case (tags are case-insensitive: "pt-br" is pt-BR); undefined if none. */
export function matchLocale(tag: string | undefined, offered: readonly Locale[]): Locale | undefined {
  if (tag === undefined) return undefined;
  const lower = tag.toLowerCase();
  return offered.find((l) => l.toLowerCase() === lower);
}

/**
 * The language to answer a reader in: among the ones the page offers, the reader's best match
 * (exact tag, then the same language: "pt" or "pt-PT" read pt-BR, "es-MX" reads es), else the
 * page's own. A "*" accepts the page's own.
 */
export function pickLocale(acceptLanguage: string | undefined, offered: readonly Locale[], pageLocale: Locale): Locale {
  for (const { tag } of wanted(acceptLanguage ?? "")) {
    if (tag === "*") return pageLocale;
    const exact = matchLocale(tag, offered);
    if (exact) return exact;
    const sameLanguage = offered.find((l) => primary(l.toLowerCase()) === primary(tag));
    if (sameLanguage) return sameLanguage;
  }
  return pageLocale;
}

/** Every language a page speaks, its own first: the order of its language switch and of a Voice's `languages`. */
export function languagesOf(settings: Record<string, unknown>): Locale[] {
  const { locale, locales } = pageLanguages(settings);
  return [locale, ...locales.filter((l) => l !== locale)];
}

/** A page's language and the ones it offers readers (its own always among them), from its settings; English until set. */
export function pageLanguages(settings: Record<string, unknown>): { locale: Locale; locales: Locale[] } {
  const locale = typeof settings.locale === "string" && isLocale(settings.locale) ? settings.locale : "en";
  const offered = (Array.isArray(settings.locales) ? settings.locales : []).filter((l): l is Locale => typeof l === "string" && isLocale(l));
  return { locale, locales: offered.includes(locale) ? offered : [locale, ...offered] };
}

/** Each language named in itself, as a language switch shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "pt-BR": "Português (Brasil)", es: "Español" };
