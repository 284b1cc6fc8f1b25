// Intl formatters are costly to build (CPU on the read path), so keep one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${timeZone}|${key}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, ...options });
    formatters.set(id, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (São Paulo: -180). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const name = formatter(timeZone, "offset", { timeZoneName: "longOffset" })
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** ISO-8601 with milliseconds in the zone's offset ("2024-11-14T08:56:00.000-03:00"); `Z` when the offset is zero. */
export function isoInZone(ms: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "November 14, 2024" as seen in `timeZone`. */
export function longDate(ms: number, timeZone: string): string {
  return formatter(timeZone, "long-date", { year: "numeric", month: "long", day: "numeric" }).format(ms);
}

/** The calendar day ("2024-11-14") of instant `ms` in `timeZone`. */
export function localDay(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffsetMinutes(ms, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** The calendar year in `timeZone` at that instant. */
export function localYear(ms: number, timeZone: string): number {
  return Number(localDay(ms, timeZone).slice(0, 4));
}

/** The zone as a reader knows it at that instant: "GMT-3", "EST", "UTC". */
export function zoneLabel(ms: number, timeZone: string): string {
  const name = formatter(timeZone, "zone", { timeZoneName: "short" })
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName")?.value;
  return name === "GMT" ? "UTC" : (name ?? timeZone);
}

/** "Nov 14, 2024 - 08:56 GMT-3": date, 24-hour time and zone, as seen in `timeZone`. */
export function displayDateTime(ms: number, timeZone: string): string {
  const parts = formatter(timeZone, "date-time", {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("month")} ${get("day")}, ${get("year")} - ${get("hour")}:${get("minute")} ${zoneLabel(ms, timeZone)}`;
}

/** "Nov 14, 2024" as seen in `timeZone`. */
export function shortDate(ms: number, timeZone: string): string {
  return formatter(timeZone, "short-date", { month: "short", day: "numeric", year: "numeric" }).format(ms);
}

/** UTC midnight-free arithmetic on calendar days: "2024-11-14" plus `days`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant a calendar day begins in `timeZone` (its local midnight), as UTC ms. */
export function startOfLocalDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // The offset at local midnight may differ from the offset at UTC midnight (DST): settle it twice.
  const guess = utcMidnight - zoneOffsetMinutes(utcMidnight, timeZone) * 60_000;
  const start = utcMidnight - zoneOffsetMinutes(guess, timeZone) * 60_000;
  if (localDay(start, timeZone) === day) return start;
  // Midnight does not exist that day (clocks sprang forward over it): the day starts at the jump,
  // which lies within the next few hours on a whole minute.
  let before = start;
  let inside = start + 3 * 3_600_000;
  while (inside - before > 60_000) {
    const mid = before + Math.floor((inside - before) / 120_000) * 60_000;
    if (localDay(mid, timeZone) === day) inside = mid;
    else before = mid;
  }
  return inside;
}

/** "November 2024" as seen in `timeZone`. */
export function monthLabel(ms: number, timeZone: string): string {
  return formatter(timeZone, "month", { month: "long", year: "numeric" }).format(ms);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

/**
 * The UTC instant (ms) of a wall-clock time in `timeZone`, as an <input type="datetime-local">
 * gives it ("2024-11-14T06:45"); null if it is not a real date and time (month 13, minute 99,
 * February 30). In a DST gap (a time that never happened) it is read with the offset in force
 * just before the gap; in an overlap (a time that happened twice), the earlier instant.
 */
export function localDateTimeToUtc(value: string, timeZone: string): number | null {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads years below 100 as 19xx.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const wall = date.getTime();
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!same) return null;
  // Zones change offset at most once around any instant: the offsets a day before and after are the candidates.
  const before = zoneOffsetMinutes(wall - DAY_MS, timeZone);
  const after = zoneOffsetMinutes(wall + DAY_MS, timeZone);
  const real = [...new Set([before, after])].map((offset) => wall - offset * 60_000).filter((t) => wall - zoneOffsetMinutes(t, timeZone) * 60_000 === t);
  return real.length > 0 ? Math.min(...real) : wall - before * 60_000;
}

/** A UTC instant as an <input type="datetime-local"> value in `timeZone` ("2024-11-14T06:45"). */
export function utcToLocalDateTime(ms: number, timeZone: string): string {
  return isoInZone(ms, timeZone).slice(0, 16);
}
