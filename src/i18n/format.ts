import { displayDateTime, zoneLabel } from "../domain/time";
import type { Locale } from "./locales";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Formatters are costly to build: one per locale, zone and kind, for the isolate's life.
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat;
const formatters = new Map<string, Formatter>();
function cached<T extends Formatter>(key: string, make: () => T): T {
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

/** "A", "A and B", "A, B and C": the page's own English style (no serial comma). */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

const INTL_TAG: Record<Locale, string> = { en: "en-US", "pt-BR": "pt-BR", es: "es" };

/** "Nov 14, 2024 - 08:56 GMT-3" in English; "14 de nov. de 2024, 08:56 GMT-3" and "14 nov 2024, 08:56 GMT-3" elsewhere: date, 24-hour time and zone, seen in `timeZone`. */
export function localDateTime(ms: number, timeZone: string, locale: Locale): string {
  if (locale === "en") return displayDateTime(ms, timeZone);
  const time = cached(`time|${timeZone}`, () => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
  return `${localDay(ms, timeZone, locale)}, ${time.format(ms)} ${zoneLabel(ms, timeZone)}`;
}

/** "November 14, 2024", "14 de novembro de 2024", "14 de noviembre de 2024", seen in `timeZone`. */
export function localLongDate(ms: number, timeZone: string, locale: Locale): string {
  return cached(
    `long|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone, day: "numeric", month: "long", year: "numeric" }),
  ).format(ms);
}

/** "November 2024", "novembro de 2024", "noviembre de 2024", seen in `timeZone`, capitalised as a heading. */
export function localMonth(ms: number, timeZone: string, locale: Locale): string {
  const text = cached(`month|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone, month: "long", year: "numeric" })).format(ms);
  return text.charAt(0).toLocaleUpperCase(INTL_TAG[locale]) + text.slice(1);
}

/** "A, B and C" in English (the page's own style), "A, B e C", "A, B y C". */
export function localList(names: readonly string[], locale: Locale): string {
  if (locale === "en") return joinNames(names);
  return cached(`list|${locale}`, () => new Intl.ListFormat(INTL_TAG[locale], { type: "conjunction" })).format(names);
}

/** A percentage with the locale's decimal mark: "99.95%", "99,95%". */
export function localPercent(value: number, fractionDigits: number, locale: Locale): string {
  return (
    cached(
      `pct|${locale}|${fractionDigits}`,
      () => new Intl.NumberFormat(INTL_TAG[locale], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
    ).format(value) + "%"
  );
}

const pad = (n: number) => String(n).padStart(2, "0");
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A feed update's time in UTC (feed readers show entries in the reader's own zone anyway): "Nov 14,
 * 11:56 UTC", "14 de nov., 11:56 UTC", "14 nov, 11:56 UTC".
 */
export function utcStamp(ms: number, locale: Locale): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  if (locale === "en") return `${EN_MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}, ${time}`;
  const day = cached(`utcday|${locale}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: "UTC", day: "numeric", month: "short" }));
  return `${day.format(ms)}, ${time}`;
}
