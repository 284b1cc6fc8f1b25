import { type Heartbeat, HEARTBEAT_OVERDUE_MS } from "../domain/heartbeat";
import type { Locale } from "../i18n/locales";
import { ENGLISH, type Words } from "../i18n/words";

const INTL_TAG: Record<Locale, string> = { en: "en-US", "pt-BR": "pt-BR", es: "es" };
const stamps = new Map<string, Intl.DateTimeFormat>();
function stampFormat(locale: Locale, withDay: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDay}`;
  let format = stamps.get(key);
  if (!format) {
    const day: Intl.DateTimeFormatOptions = withDay ? { month: "short", day: "numeric" } : {};
    format = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: "UTC", ...day, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    stamps.set(key, format);
  }
  return format;
}

/** "14:05 UTC" today (UTC), "Dec 1, 14:05 UTC" ("1 de dez., 14:05 UTC") before. */
export function utcStamp(ms: number, now: number, words: Words = ENGLISH): string {
  const sameDay = new Date(ms).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${stampFormat(words.locale, !sameDay).format(ms)} UTC`;
}

/** "less than a minute ago", "1 minute ago", "3 hours ago"; never negative. */
export function ago(ms: number, now: number, words: Words = ENGLISH): string {
  const say = words.t.page.notices;
  const minutes = Math.floor(Math.max(0, now - ms) / 60_000);
  if (minutes < 1) return say.lessThanAMinuteAgo;
  if (minutes < 90) return say.minutesAgo(minutes);
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? say.hoursAgo(hours) : say.daysAgo(Math.floor(hours / 24));
}

const time = (ms: number, text: string) => `<time datetime="${new Date(ms).toISOString()}">${text}</time>`;

export function staleNotice(asOf: number, now: number, words: Words = ENGLISH): string {
  const say = words.t.page.notices;
  return `<p class="notice" role="status"><strong>${say.liveUnavailable}</strong> ${say.showingAsOf} ${time(asOf, utcStamp(asOf, now, words))}.</p>`;
}

/** The warning a late or failing scheduler puts at the top of every page; "" when all is well. */
export function heartbeatNotice(beat: Heartbeat | undefined, now: number, words: Words = ENGLISH): string {
  if (!beat) return "";
  const say = words.t.page.notices;
  if (now - beat.at > HEARTBEAT_OVERDUE_MS) {
    return `<p class="notice" role="status"><strong>${say.checksLate}</strong> ${say.lastRan} ${time(beat.at, ago(beat.at, now, words))}. ${say.lateConsequence}</p>`;
  }
  if (beat.failing.length > 0) {
    return `<p class="notice" role="status"><strong>${say.checksFailing}</strong> (${beat.failing.join(", ")}); ${say.mayLag}</p>`;
  }
  return "";
}

// Every page response carries the footer line, and it changes at most once a minute: formatting
// its dates per response was a tenth of an incident page's CPU. One line per language.
const lastFooters = new Map<Locale, { key: string; html: string }>();

/** The footer line: when the scheduled checks last confirmed this page. */
export function heartbeatFooter(beat: Heartbeat | undefined, now: number, words: Words = ENGLISH): string {
  if (!beat) return "";
  const key = `${beat.at}|${Math.floor(Math.max(0, now - beat.at) / 60_000)}|${Math.floor(now / 86_400_000)}`;
  const last = lastFooters.get(words.locale);
  if (last?.key === key) return last.html;
  const say = words.t.page.notices;
  const html = `<p data-heartbeat>${say.updated} ${time(beat.at, ago(beat.at, now, words))} ${say.byChecks} (${utcStamp(beat.at, now, words)}).</p>`;
  lastFooters.set(words.locale, { key, html });
  return html;
}
