import { escapeHtml } from "../lib/escape";
import { displayDateTime, zoneLabel } from "../domain/time";
import { renderMarkdown } from "../present/markdown";
import { headline, oneLine, type SubscriberLinks } from "./formats";
import type { NotificationFacts } from "./notification";

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

function layout(page: PageFacts, inner: string, footer: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(page.name)}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2127">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:24px">
${inner}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#59606b">${footer}</p>
</body></html>`;
}

/**
 * A notification: the page's name, what changed and its status, the update's text, when (in the
 * page's zone, named), a link to the event; unsubscribing in one click (RFC 8058) and a manage link.
 */
export function notificationMail(to: string, facts: NotificationFacts, links: SubscriberLinks): MailMessage {
  const at = displayDateTime(facts.at, facts.page.timeZone);
  const zone = `${facts.page.timeZone}, ${zoneLabel(facts.at, facts.page.timeZone)}`;
  const affected = facts.components.length > 0 ? `Affected: ${facts.components.join(", ")}` : "";
  const text = [
    `${facts.title}`,
    `${facts.statusLabel} · ${at}`,
    "",
    facts.text,
    "",
    affected,
    `Details: ${facts.link}`,
    "",
    `Times are in ${zone}.`,
    `You receive this because you subscribed to ${facts.page.name}'s status page.`,
    `Choose components or unsubscribe: ${links.manage}`,
  ]
    .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
    .join("\n");
  const inner = `<p style="margin:0 0 4px;font-size:14px;color:#59606b">${escapeHtml(facts.page.name)}</p>
<h1 style="margin:0 0 8px;font-size:20px">${escapeHtml(facts.title)}</h1>
<p style="margin:0 0 16px"><strong>${escapeHtml(facts.statusLabel)}</strong> · <span style="color:#59606b">${escapeHtml(at)}</span></p>
<div>${renderMarkdown(facts.text, 3)}</div>
${affected ? `<p style="color:#59606b">${escapeHtml(affected)}</p>` : ""}
<p><a href="${escapeHtml(facts.link)}" style="color:#0b57d0">View on the status page</a></p>`;
  const footer = `Times are in ${escapeHtml(zone)}. You receive this because you subscribed to ${escapeHtml(facts.page.name)}'s status page. <a href="${escapeHtml(links.manage)}" style="color:#59606b">Choose components</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#59606b">Unsubscribe</a>`;
  return {
    to,
    subject: headline(facts),
    text,
    html: layout(facts.page, inner, footer),
    headers: unsubscribeHeaders(links.unsubscribe),
  };
}

/** RFC 8058: mailbox providers show an "Unsubscribe" button that POSTs to this URL. */
export const unsubscribeHeaders = (url: string) => ({ "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });

/** The double opt-in: nothing else is sent to this address until its owner follows the link. */
export function confirmationMail(to: string, page: PageFacts, confirmUrl: string): MailMessage {
  const text = [
    `Someone (hopefully you) asked to receive ${page.name}'s status updates at this address.`,
    "",
    `Confirm: ${confirmUrl}`,
    "",
    "If it was not you, ignore this mail: nothing more will be sent.",
  ].join("\n");
  const inner = `<h1 style="margin:0 0 8px;font-size:20px">Confirm your subscription</h1>
<p>Someone (hopefully you) asked to receive <strong>${escapeHtml(page.name)}</strong>'s status updates at this address.</p>
<p><a href="${escapeHtml(confirmUrl)}" style="display:inline-block;background:#0b57d0;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Confirm subscription</a></p>
<p style="color:#59606b">If it was not you, ignore this mail: nothing more will be sent.</p>`;
  return {
    to,
    subject: oneLine(`Confirm your subscription to ${page.name} status updates`),
    text,
    html: layout(page, inner, escapeHtml(page.name)),
    headers: {},
  };
}

/** Sent instead of a second confirmation to an address already subscribed: the answer to the form does not tell who is. */
export function alreadySubscribedMail(to: string, page: PageFacts, manageUrl: string): MailMessage {
  const text = [
    `This address already receives ${page.name}'s status updates; someone asked to subscribe it again.`,
    "",
    `Choose components or unsubscribe: ${manageUrl}`,
  ].join("\n");
  const inner = `<h1 style="margin:0 0 8px;font-size:20px">You are already subscribed</h1>
<p>This address already receives <strong>${escapeHtml(page.name)}</strong>'s status updates; someone asked to subscribe it again.</p>
<p><a href="${escapeHtml(manageUrl)}" style="color:#0b57d0">Choose components or unsubscribe</a></p>`;
  return { to, subject: oneLine(`Your ${page.name} status subscription`), text, html: layout(page, inner, escapeHtml(page.name)), headers: {} };
}
