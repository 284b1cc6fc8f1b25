import { type Heartbeat, HEARTBEAT_OVERDUE_MS } from "../domain/heartbeat";

const utc = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const utcTime = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "14:05 UTC" today (UTC), "Dec 1, 14:05 UTC" before. */
export function utcStamp(ms: number, now: number): string {
  const sameDay = new Date(ms).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${(sameDay ? utcTime : utc).format(ms)} UTC`;
}

/** "less than a minute ago", "1 minute ago", "3 hours ago"; never negative. */
export function ago(ms: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - ms) / 60_000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"} ago`;
  if (minutes < 1) return "less than a minute ago";
  if (minutes < 90) return unit(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? unit(hours, "hour") : unit(Math.floor(hours / 24), "day");
}

const time = (ms: number, text: string) => `<time datetime="${new Date(ms).toISOString()}">${text}</time>`;

export function staleNotice(asOf: number, now: number): string {
  return `<p class="notice" role="status"><strong>Live data unavailable;</strong> showing the status as of ${time(asOf, utcStamp(asOf, now))}.</p>`;
}

/** The warning a late or failing scheduler puts at the top of every page; "" when all is well. */
export function heartbeatNotice(beat: Heartbeat | undefined, now: number): string {
  if (!beat) return "";
  if (now - beat.at > HEARTBEAT_OVERDUE_MS) {
    return `<p class="notice" role="status"><strong>Scheduled checks are late:</strong> they last ran ${time(beat.at, ago(beat.at, now))}. Maintenance windows may start or end late and incidents in monitoring will not resolve automatically until they run again.</p>`;
  }
  if (beat.failing.length > 0) {
    return `<p class="notice" role="status"><strong>Scheduled checks are failing</strong> (${beat.failing.join(", ")}); what this page shows may lag behind.</p>`;
  }
  return "";
}

// Every page response carries the footer line, and it changes at most once a minute: formatting
// its dates per response was a tenth of an incident page's CPU.
let lastFooter = { key: "", html: "" };

/** The footer line: when the scheduled checks last confirmed this page. */
export function heartbeatFooter(beat: Heartbeat | undefined, now: number): string {
  if (!beat) return "";
  const key = `${beat.at}|${Math.floor(Math.max(0, now - beat.at) / 60_000)}|${Math.floor(now / 86_400_000)}`;
  if (lastFooter.key !== key) {
    lastFooter = { key, html: `<p data-heartbeat>Updated ${time(beat.at, ago(beat.at, now))} by the scheduled checks (${utcStamp(beat.at, now)}).</p>` };
  }
  return lastFooter.html;
}
