import { escapeHtml } from "../lib/escape";
import { zoneLabel } from "../domain/time";
import type { Locale } from "../i18n/locales";
import type { Voice, Words } from "../i18n/words";
import { renderMarkdown } from "../present/markdown";
import { headline, oneLine, type SubscriberLinks } from "./formats";
import type { NotificationFacts } from "./notification";
import { spoken } from "./spoken";

/** One mail as every sender takes it: both bodies, and the headers that must travel with it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface PageFacts {
  name: string;
  url: string;
  timeZone: string;
}

function layout(page: PageFacts, locale: Locale, inner: string, footer: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(page.name)}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2127">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:24px">
${inner}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#59606b">${footer}</p>
</body></html>`;
}

// A character no page name or catalog sentence holds: where a value goes in a sentence escaped for HTML.
const SLOT = "\uE000";

/** A catalog sentence in HTML with its value in markup: `sentence` escaped, `value` escaped and wrapped in `tag`. */
function sentenceHtml(sentence: (value: string) => string, value: string, tag: string): string {
  // A function, so a "$&" or "$'" in a page's name is not read as a replacement pattern.
  return escapeHtml(sentence(SLOT)).replace(SLOT, () => `<${tag}>${escapeHtml(value)}</${tag}>`);
}

/**
 * A notification: the page's name, what changed and its status, the update's text, when (in the
 * page's zone, named), a link to the event; unsubscribing in one click (RFC 8058) and a manage link.
 * In `voice`: the subscriber's language.
 */
export function notificationMail(to: string, facts: NotificationFacts, links: SubscriberLinks, voice: Voice): MailMessage {
  const { t } = voice;
  const said = spoken(facts, voice);
  const zone = `${facts.page.timeZone}, ${zoneLabel(facts.at, facts.page.timeZone)}`;
  const affected = facts.components.length > 0 ? t.mail.affected(facts.components.join(", ")) : "";
  const text = [
    `${facts.title}`,
    `${said.label} · ${said.when}`,
    "",
    said.text,
    "",
    affected,
    t.mail.details(said.link),
    "",
    t.mail.timesIn(zone),
    t.mail.why(facts.page.name),
    t.mail.manageLine(links.manage),
  ]
    .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
    .join("\n");
  const inner = `<p style="margin:0 0 4px;font-size:14px;color:#59606b">${escapeHtml(facts.page.name)}</p>
<h1 style="margin:0 0 8px;font-size:20px">${escapeHtml(facts.title)}</h1>
<p style="margin:0 0 16px"><strong>${escapeHtml(said.label)}</strong> · <span style="color:#59606b">${escapeHtml(said.when)}</span></p>
<div>${renderMarkdown(said.text, 3)}</div>
${affected ? `<p style="color:#59606b">${escapeHtml(affected)}</p>` : ""}
<p><a href="${escapeHtml(said.link)}" style="color:#0b57d0">${escapeHtml(t.mail.viewOnPage)}</a></p>`;
  const footer = `${escapeHtml(t.mail.timesIn(zone))} ${escapeHtml(t.mail.why(facts.page.name))} <a href="${escapeHtml(links.manage)}" style="color:#59606b">${escapeHtml(t.mail.chooseComponents)}</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#59606b">${escapeHtml(t.mail.unsubscribe)}</a>`;
  return {
    to,
    subject: headline(facts, said),
    text,
    html: layout(facts.page, voice.locale, inner, footer),
    headers: unsubscribeHeaders(links.unsubscribe),
  };
}

/** RFC 8058: mailbox providers show an "Unsubscribe" button that POSTs to this URL. */
export const unsubscribeHeaders = (url: string) => ({ "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });

/** The double opt-in: nothing else is sent to this address until its owner follows the link. */
export function confirmationMail(to: string, page: PageFacts, confirmUrl: string, { t, locale }: Words): MailMessage {
  const c = t.mail.confirm;
  const text = [c.asked(page.name), "", c.link(confirmUrl), "", c.notYou].join("\n");
  const inner = `<h1 style="margin:0 0 8px;font-size:20px">${escapeHtml(c.heading)}</h1>
<p>${sentenceHtml(c.asked, page.name, "strong")}</p>
<p><a href="${escapeHtml(confirmUrl)}" style="display:inline-block;background:#0b57d0;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(c.button)}</a></p>
<p style="color:#59606b">${escapeHtml(c.notYou)}</p>`;
  return { to, subject: oneLine(c.subject(page.name)), text, html: layout(page, locale, inner, escapeHtml(page.name)), headers: {} };
}

/** Sent instead of a second confirmation to an address already subscribed: the answer to the form does not tell who is. */
export function alreadySubscribedMail(to: string, page: PageFacts, manageUrl: string, { t, locale }: Words): MailMessage {
  const a = t.mail.already;
  const text = [a.asked(page.name), "", t.mail.manageLine(manageUrl)].join("\n");
  const inner = `<h1 style="margin:0 0 8px;font-size:20px">${escapeHtml(a.heading)}</h1>
<p>${sentenceHtml(a.asked, page.name, "strong")}</p>
<p><a href="${escapeHtml(manageUrl)}" style="color:#0b57d0">${escapeHtml(a.manage)}</a></p>`;
  return { to, subject: oneLine(a.subject(page.name)), text, html: layout(page, locale, inner, escapeHtml(page.name)), headers: {} };
}
