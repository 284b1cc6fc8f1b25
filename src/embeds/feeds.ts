import { escapeXml } from "../lib/escape";
import type { EventRecord, PageSnapshot } from "../db/queries/snapshot";
import type { IncidentStatus, MaintenanceStatus } from "../domain/statuses";
import { utcStamp } from "../i18n/format";
import { pageLanguages } from "../i18n/locales";
import { type Words, wordsFor } from "../i18n/words";
import { renderMarkdown } from "../present/markdown";
import { eventPath } from "../present/links";

const escapeHtml = (text: string) => text.replace(/[<>&"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[ch]!);

/** Where the event's own page lives: the page's public URL, whatever host the feed was read on. */
export function eventUrl(pageUrl: string, record: EventRecord): string {
  return new URL(eventPath(record.row.kind, record.row.id), pageUrl).href;
}

/** "Nov 14, 11:56 UTC — <strong>Resolved</strong> - body", newest first; a repeated status reads "Update". */
export function updatesHtml(record: EventRecord, words: Words): string {
  const { t, locale } = words;
  const oldestFirst = [...record.updates].reverse();
  return oldestFirst
    .map((u, i) => {
      const label = i > 0 && oldestFirst[i - 1]!.status === u.status ? t.feed.update : t.core.eventStatus[u.status as IncidentStatus | MaintenanceStatus];
      return `<p><small>${utcStamp(u.displayAt, locale)}</small> — <strong>${escapeHtml(label)}</strong> - </p>${renderMarkdown(u.body, 4)}`;
    })
    .reverse()
    .join("\n");
}

/** Every incident and maintenance the snapshot holds, newest first, ties by name for a stable order. */
function entries(snapshot: PageSnapshot): EventRecord[] {
  return [...snapshot.events].sort((a, b) => b.row.startedAt - a.row.startedAt || a.row.id.localeCompare(b.row.id));
}

const lastChange = (snapshot: PageSnapshot) => Math.max(snapshot.page.updatedAt, ...snapshot.events.map((e) => e.row.updatedAt));

/** A feed speaks the page's own language: one body per page, whoever reads it. */
const feedWords = (snapshot: PageSnapshot) => wordsFor(pageLanguages(snapshot.page.settings).locale);

export function atomFeed(snapshot: PageSnapshot): string {
  const { page } = snapshot;
  const words = feedWords(snapshot);
  const self = new URL("/history.atom", page.url).href;
  const items = entries(snapshot).map((e) =>
    [
      "  <entry>",
      `    <id>${escapeXml(eventUrl(page.url, e))}</id>`,
      `    <title>${escapeXml(e.row.name)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(eventUrl(page.url, e))}"/>`,
      `    <published>${new Date(e.row.startedAt).toISOString()}</published>`,
      `    <updated>${new Date(e.row.updatedAt).toISOString()}</updated>`,
      `    <content type="html">${escapeXml(updatesHtml(e, words))}</content>`,
      "  </entry>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${words.locale}">`,
    `  <id>${escapeXml(self)}</id>`,
    `  <title>${escapeXml(words.t.feed.title(page.name))}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(new URL("/history", page.url).href)}"/>`,
    `  <updated>${new Date(lastChange(snapshot)).toISOString()}</updated>`,
    `  <author><name>${escapeXml(page.name)}</name></author>`,
    ...items,
    "</feed>",
    "",
  ].join("\n");
}

export function rssFeed(snapshot: PageSnapshot): string {
  const { page } = snapshot;
  const words = feedWords(snapshot);
  const items = entries(snapshot).map((e) =>
    [
      "    <item>",
      `      <title>${escapeXml(e.row.name)}</title>`,
      `      <link>${escapeXml(eventUrl(page.url, e))}</link>`,
      `      <guid isPermaLink="true">${escapeXml(eventUrl(page.url, e))}</guid>`,
      `      <pubDate>${new Date(e.row.startedAt).toUTCString()}</pubDate>`,
      `      <description>${escapeXml(updatesHtml(e, words))}</description>`,
      "    </item>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    `    <title>${escapeXml(words.t.feed.title(page.name))}</title>`,
    `    <link>${escapeXml(new URL("/history", page.url).href)}</link>`,
    `    <description>${escapeXml(words.t.feed.description(page.name))}</description>`,
    `    <language>${words.locale.toLowerCase()}</language>`,
    `    <atom:link href="${escapeXml(new URL("/history.rss", page.url).href)}" rel="self" type="application/rss+xml"/>`,
    `    <lastBuildDate>${new Date(lastChange(snapshot)).toUTCString()}</lastBuildDate>`,
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}
