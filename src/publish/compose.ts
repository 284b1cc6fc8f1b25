import { eventIndexBody, eventIndexKey } from "../cache/event-index";
import { BODY_NAMES, eventBodyKey, eventKeys, type HtmlName, htmlKey, pageBodyKey } from "../cache/keys";
import type { ContentKind } from "../cache/store";
import { eventSnapshot, narrowSnapshot } from "../db/queries/snapshot";
import { isFinishedEvent } from "../domain/statuses";
import { badgeData } from "../embeds/badge-data";
import { atomFeed, rssFeed } from "../embeds/feeds";
import { homeWindow } from "../present/home-data";
import { buildBodies, buildEventBody } from "../public-api/bodies";
import { buildStatsBody } from "../public-api/stats";
import { eventHtml, historyHtml, homeHtml } from "../site/build";
import { languagesOf } from "../i18n/locales";
import { type Voice, voiceOf } from "../i18n/words";
import type { PublishData } from "./load";
import type { PublishScope } from "./scope";

export interface BodyWrite {
  key: string;
  body: string;
  contentType: ContentKind;
}

export interface Composition {
  puts: BodyWrite[];
  /** Keys whose bodies (and last known good copies) must go: events that no longer exist. */
  deletes: string[];
}

export interface ComposeOptions {
  /** Also rebuild events that are not over or changed at or after this time (UTC ms): their pages show time passing. */
  liveSince?: number;
  /** Rebuild the feeds too (they render every recent update's markdown: only when something changed). */
  feeds: boolean;
  /**
   * Write the page's other languages too, not only its own. Every change does; the minute job, whose
   * bodies only show time passing ("ongoing for 2h"), does every few minutes: each language is a KV
   * write a minute during an incident, and the free plan allows 1,000 a day.
   */
  otherLanguages: boolean;
}

/**
 * Every public body one page's data gives, in the exact form the read path builds it on a miss:
 * the page-wide JSON bodies, the stats, the feeds, the home page and the badges, the scoped events'
 * JSON and HTML, and the history years of the scope. This is the one place that knows which body
 * each surface builds from which data.
 */
export function composeBodies(data: PublishData, scope: PublishScope, now: number, options: ComposeOptions): Composition {
  const { page } = data;
  // Pages are written in every language the page offers: a reader of any of them is served from KV
  // (a body filled by a read would expire within a minute) and still has a copy when D1 is down.
  // Writes skip unchanged bodies, so a language costs KV writes only when it changes.
  const languages = languagesOf(page.settings);
  const voices = (options.otherLanguages ? languages : languages.slice(0, 1)).map((l) => voiceOf(l, languages));
  const puts: BodyWrite[] = [];
  const html = (name: HtmlName, render: (voice: Voice) => string) => {
    for (const voice of voices) puts.push({ key: htmlKey(page.id, name, voice.locale), body: render(voice), contentType: "html" });
  };
  const json = (key: string, value: unknown) => puts.push({ key, body: JSON.stringify(value), contentType: "json" });
  const publicSnapshot = narrowSnapshot(data.snapshot);
  const home = narrowSnapshot(data.snapshot, homeWindow(now).eventsSince);

  for (const [name, body] of buildBodies(publicSnapshot, BODY_NAMES)) json(pageBodyKey(page.id, name), body);
  json(pageBodyKey(page.id, "stats"), buildStatsBody(publicSnapshot, data.facts, now));
  if (options.feeds) {
    puts.push({ key: pageBodyKey(page.id, "history.atom"), body: atomFeed(publicSnapshot), contentType: "atom" });
    puts.push({ key: pageBodyKey(page.id, "history.rss"), body: rssFeed(publicSnapshot), contentType: "rss" });
  }
  html("home", (voice) => homeHtml(home, now, voice));
  json(pageBodyKey(page.id, "badges"), badgeData(home, now));

  const eventIds = new Set(scope.eventIds);
  if (options.liveSince !== undefined) {
    for (const { row } of data.snapshot.events) if (!isFinishedEvent(row.status) || row.updatedAt >= options.liveSince) eventIds.add(row.id);
  }
  for (const id of eventIds) {
    const one = eventSnapshot(data.snapshot, id);
    if (!one) continue;
    const { kind } = one.events[0]!.row;
    json(eventBodyKey(page.id, kind, id), buildEventBody(one, id));
    html(`${kind}:${id}`, (voice) => eventHtml(one, id, now, voice)!);
  }
  for (const [year, rows] of data.years) {
    html(`history:${year}`, (voice) => historyHtml({ page, ...rows }, data.facts, year, now, voice));
  }
  if (data.eventIds) puts.push({ key: eventIndexKey(page.id), body: eventIndexBody(data.eventIds, page), contentType: "json" });
  return { puts, deletes: scope.deletedEventIds.flatMap((id) => eventKeys(page.id, id)) };
}
