import type { IncidentStatus, MaintenanceStatus } from "../domain/statuses";
import { localDateTime } from "../i18n/format";
import { languagesOf, type Locale } from "../i18n/locales";
import { localHref, type Voice, voiceOf } from "../i18n/words";
import type { NotificationFacts } from "./notification";

/** The language a subscriber hears in: the one it subscribed in while the page still offers it, else the page's own. */
export function subscriberVoice(page: { settings: Record<string, unknown> }, locale: Locale | null): Voice {
  const languages = languagesOf(page.settings);
  return voiceOf(locale && languages.includes(locale) ? locale : languages[0]!, languages);
}

/** What a notification says in `voice`: its status, its text, when (in the page's zone) and the link to the event, in that language. */
export interface Spoken {
  label: string;
  text: string;
  when: string;
  link: string;
}

// Only events reach mails and chats (a component's own change goes to the hosted service's JSON only); the update's text is the operator's.
export function spoken(facts: NotificationFacts, voice: Voice): Spoken {
  const { t, locale } = voice;
  const label = t.core.eventStatus[facts.status as IncidentStatus | MaintenanceStatus] ?? facts.statusLabel;
  return { label, text: facts.text, when: localDateTime(facts.at, facts.page.timeZone, locale), link: localHref(facts.link, voice) };
}
