import type { Locale } from "./locales";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Formatters are costly to build: one per locale, zone and kind, for the isolate's life.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  const known = formatters.get(key) as T | undefined;
  if (known) return known;
  const made = make();
  formatters.set(key, made);
  return made;
}

const unit = (locale: Locale, name: "day" | "hour" | "minute", value: number) =>
  cached(`unit|${locale}|${name}`, () => new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" })).format(value);

/**
 * How long, in the reader's language and its own abbreviations ("5 h 23 min" in pt-BR and es),
 * rounded down to the minute, never negative; English keeps the page's compact "5h 23m". Under a
 * minute, `lessThanAMinute` (a catalog's words).
 */
export function localDuration(ms: number, locale: Locale, lessThanAMinute: string): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return lessThanAMinute;
  const days = Math.floor(safe / DAY);
  const hours = Math.floor((safe % DAY) / HOUR);
  const minutes = Math.floor((safe % HOUR) / MINUTE);
  const [big, small] = days > 0 ? (["day", "hour"] as const) : hours > 0 ? (["hour", "minute"] as const) : (["minute", null] as const);
  const values = { day: days, hour: hours, minute: minutes };
  if (locale === "en") {
    const short = { day: "d", hour: "h", minute: "m" };
    return [big, small].flatMap((u) => (u && values[u] > 0 ? [`${values[u]}${short[u]}`] : [])).join(" ");
  }
  return [big, small].flatMap((u) => (u && values[u] > 0 ? [unit(locale, u, values[u])] : [])).join(" ");
}

/** A calendar day in the page's zone, in the reader's language: "Nov 14, 2024", "14 de nov. de 2024", "14 nov 2024". */
export function localDay(ms: number, timeZone: string, locale: Locale): string {
  const key = `day|${locale}|${timeZone}`;
  return cached(key, () => new Intl.DateTimeFormat(locale === "en" ? "en-US" : locale, { timeZone, day: "numeric", month: "short", year: "numeric" })).format(
    ms,
  );
}
