import type { SubscriberFormat } from "../db/schema";
import type { Voice } from "../i18n/words";
import type { NotificationFacts, NotificationPayload } from "./notification";
import { type Spoken, spoken } from "./spoken";

export interface SubscriberLinks {
  /** Where the subscriber manages or ends the subscription (no sign-in: the link holds the capability). */
  manage: string;
  unsubscribe: string;
  documentation: string;
}

// Chat colours by what the reader should feel: red for outages, amber for trouble, blue for maintenance, green for fixed.
const COLOURS: Record<string, number> = {
  none: 0x2e7d32,
  minor: 0xf9a825,
  major: 0xef6c00,
  critical: 0xc62828,
  maintenance: 0x1565c0,
};

const FIXED = new Set(["resolved", "completed", "postmortem", "operational"]);

function colourOf(facts: NotificationFacts): number {
  if (FIXED.has(facts.status)) return COLOURS.none!;
  if (facts.kind === "maintenance") return COLOURS.maintenance!;
  return COLOURS[facts.indicator] ?? COLOURS.minor!;
}

/** "[Blip] Desk and Portal inaccessible: Investigating". */
export function headline(facts: NotificationFacts, said: Spoken): string {
  return oneLine(`[${facts.page.name}] ${facts.title}: ${said.label}`);
}

/** A mail subject or chat title is one line: no control character may break it (or start a header). */
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, " ");

// Chat apps cap message text; an update is rarely longer, but a long postmortem note must not make the delivery fail.
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Slack's mrkdwn treats &, < and > as control characters. */
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function slack(facts: NotificationFacts, said: Spoken): unknown {
  const title = `*<${said.link}|${slackEscape(facts.title)}>*: ${slackEscape(said.label)}`;
  return {
    text: headline(facts, said),
    attachments: [
      {
        color: `#${colourOf(facts).toString(16).padStart(6, "0")}`,
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: `${title}\n${slackEscape(clip(said.text, 2800))}` } },
          { type: "context", elements: [{ type: "mrkdwn", text: slackEscape(`${facts.page.name} · ${said.when}`) }] },
        ],
      },
    ],
  };
}

function discord(facts: NotificationFacts, said: Spoken): unknown {
  return {
    // Nobody is pinged by a status update.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: clip(`${facts.title}: ${said.label}`, 256),
        url: said.link,
        description: clip(said.text, 4000),
        color: colourOf(facts),
        timestamp: new Date(facts.at).toISOString(),
        footer: { text: clip(facts.page.name, 2048) },
      },
    ],
  };
}

function teams(facts: NotificationFacts, said: Spoken, { t }: Voice): unknown {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", size: "Medium", weight: "Bolder", wrap: true, text: `${facts.title}: ${said.label}` },
            { type: "TextBlock", wrap: true, text: clip(said.text, 4000) },
            { type: "TextBlock", isSubtle: true, spacing: "Small", wrap: true, text: `${facts.page.name} · ${said.when}` },
          ],
          actions: [{ type: "Action.OpenUrl", title: t.mail.openPage, url: said.link }],
        },
      },
    ],
  };
}

/** The JSON body a webhook of `format` receives for a notification: the hosted service's (English, as its API), or a chat message in `voice`. */
export function webhookBody(
  format: Exclude<SubscriberFormat, "email">,
  payload: NotificationPayload,
  links: SubscriberLinks,
  now: number,
  voice: Voice,
): string {
  if (format === "statuspage") {
    return JSON.stringify({
      meta: { unsubscribe: links.unsubscribe, documentation: links.documentation, generated_at: new Date(now).toISOString() },
      ...payload.body,
    });
  }
  const said = spoken(payload.facts, voice);
  switch (format) {
    case "slack":
      return JSON.stringify(slack(payload.facts, said));
    case "discord":
      return JSON.stringify(discord(payload.facts, said));
    case "teams":
      return JSON.stringify(teams(payload.facts, said, voice));
  }
}
