import { formatUptime } from "../domain/uptime";
import type { Locale } from "../i18n/locales";

const INTL_TAG: Record<Locale, string> = { en: "en-US", "pt-BR": "pt-BR", es: "es" };
const numbers = new Map<Locale, Intl.NumberFormat>();

/** An uptime ratio floored to the hundredth, as "99.95 %" in English and "99,95 %" where the comma is the decimal mark. */
export function uptimeFigure(ratio: number, locale: Locale): string {
  const english = formatUptime(ratio);
  if (locale === "en") return english;
  let format = numbers.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    numbers.set(locale, format);
  }
  return `${format.format(Number(english.slice(0, -2)))} %`;
}
