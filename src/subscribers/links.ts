import { localHref, type Voice } from "../i18n/words";
import type { SubscriberLinks } from "./formats";

/** Paths of the pages a subscriber reaches from a mail, by token (no sign-in). */
export const SUBSCRIPTION_PATHS = {
  confirm: "/subscriptions/confirm",
  manage: "/subscriptions/manage",
  unsubscribe: "/unsubscribe",
} as const;

// On a page that speaks several languages the link carries the subscriber's, so the page it opens speaks it too.
const withToken = (base: string, path: string, token: string, voice: Voice) =>
  `${base.replace(/\/$/, "")}${localHref(`${path}?token=${encodeURIComponent(token)}`, voice)}`;

export function subscriberLinks(pageUrl: string, token: string, voice: Voice): SubscriberLinks {
  return {
    manage: withToken(pageUrl, SUBSCRIPTION_PATHS.manage, token, voice),
    unsubscribe: withToken(pageUrl, SUBSCRIPTION_PATHS.unsubscribe, token, voice),
    documentation: `${pageUrl.replace(/\/$/, "")}/api/openapi.json`,
  };
}

export const confirmLink = (pageUrl: string, token: string, voice: Voice) => withToken(pageUrl, SUBSCRIPTION_PATHS.confirm, token, voice);
