import type { SubscriberLinks } from "./formats";

/** Paths of the pages a subscriber reaches from a mail, by token (no sign-in). */
export const SUBSCRIPTION_PATHS = {
  confirm: "/subscriptions/confirm",
  manage: "/subscriptions/manage",
  unsubscribe: "/unsubscribe",
} as const;

const withToken = (base: string, path: string, token: string) => `${base.replace(/\/$/, "")}${path}?token=${encodeURIComponent(token)}`;

export function subscriberLinks(pageUrl: string, token: string): SubscriberLinks {
  return {
    manage: withToken(pageUrl, SUBSCRIPTION_PATHS.manage, token),
    unsubscribe: withToken(pageUrl, SUBSCRIPTION_PATHS.unsubscribe, token),
    documentation: `${pageUrl.replace(/\/$/, "")}/api/openapi.json`,
  };
}

export const confirmLink = (pageUrl: string, token: string) => withToken(pageUrl, SUBSCRIPTION_PATHS.confirm, token);
