import type { DeliveryPage } from "../db/queries/deliveries";
import type { DeliveryRow, NotificationRow, SubscriberRow } from "../db/schema";
import { webhookBody } from "./formats";
import { confirmLink, subscriberLinks } from "./links";
import type { Mailer } from "./mailer";
import { alreadySubscribedMail, confirmationMail, notificationMail } from "./mails";
import { payloadOf } from "./notification";
import { webhookHeaders } from "./signing";
import { subscriberVoice } from "./spoken";
import { checkWebhookUrl } from "./webhook-url";

export interface Transport {
  fetch: typeof fetch;
  mailer: Mailer;
  /** Local mode: webhooks may target this machine. */
  allowLoopback: boolean;
}

export type Outcome = { ok: true } | { ok: false; error: string };

// The hosted service gives up after ~30 s; a receiver that needs more than 10 s should answer first and work later.
const TIMEOUT_MS = 10_000;

const USER_AGENT = "EdgeStatus-Webhooks/1 (+https://github.com/edge-status)";

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function signingSecrets(subscriber: SubscriberRow, now: number): string[] {
  const secrets = subscriber.secret ? [subscriber.secret] : [];
  if (subscriber.previousSecret && (subscriber.previousSecretUntil ?? 0) > now) secrets.push(subscriber.previousSecret);
  return secrets;
}

async function postWebhook(transport: Transport, subscriber: SubscriberRow, id: string, body: string, now: number): Promise<Outcome> {
  // Checked again at send time: a row written before a stricter rule, or LOCAL_MODE switched off.
  const target = checkWebhookUrl(subscriber.target, { allowLoopback: transport.allowLoopback });
  if (!target.ok) return { ok: false, error: `refused target: ${target.reason}` };
  const headers = await webhookHeaders(signingSecrets(subscriber, now), { id, timestamp: Math.floor(now / 1000), body });
  try {
    const response = await transport.fetch(target.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The body is not needed; reading it frees the connection.
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true };
    if (response.status >= 300 && response.status < 400) return { ok: false, error: `HTTP ${response.status}: redirects are not followed` };
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return { ok: false, error: name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : `request failed: ${String(error).slice(0, 200)}` };
  }
}

/** The receivers' dedupe key: the delivery's id, the same on every retry. */
export const webhookId = (delivery: DeliveryRow) => `msg_${delivery.id}`;

/** Sends one delivery as its subscriber takes it: a signed POST, or a mail. */
export async function send(
  transport: Transport,
  page: DeliveryPage,
  delivery: DeliveryRow,
  subscriber: SubscriberRow,
  notification: NotificationRow | null,
  now: number,
): Promise<Outcome> {
  const voice = subscriberVoice(page, subscriber.locale);
  const links = subscriberLinks(page.url, subscriber.token, voice);
  if (delivery.kind === "confirmation") {
    const facts = { name: page.name, url: page.url, timeZone: page.timeZone };
    const mail =
      subscriber.state === "pending"
        ? confirmationMail(subscriber.target, facts, confirmLink(page.url, subscriber.token, voice), voice)
        : alreadySubscribedMail(subscriber.target, facts, links.manage, voice);
    return sendMail(transport, mail, page.id);
  }
  if (!notification) return { ok: false, error: "notification missing" };
  const payload = payloadOf(notification);
  if (subscriber.format === "email") return sendMail(transport, notificationMail(subscriber.target, payload.facts, links, voice), page.id);
  return postWebhook(transport, subscriber, webhookId(delivery), webhookBody(subscriber.format, payload, links, now, voice), now);
}

async function sendMail(transport: Transport, mail: Parameters<Mailer["send"]>[0], pageId: string): Promise<Outcome> {
  try {
    await transport.mailer.send(mail, pageId);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `mail not accepted: ${String(error).slice(0, 200)}` };
  }
}
