import { localDuration, localList, localLongDate } from "../i18n/format";
import { ENGLISH, type Words } from "../i18n/words";
import { duration } from "../domain/duration";
import type { Impact } from "../domain/statuses";

export interface IncidentSummaryInput {
  pageName: string;
  impact: Impact;
  startedAt: number;
  resolvedAt: number | null;
  componentNames: readonly string[];
  timeZone: string;
  now: number;
  /** The page's language (English unless given). */
  words?: Words;
}

/**
 * The one sentence a page shows about an incident, dates in the page's time zone:
 * "Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m",
 * or, while open, "Blip is experiencing a major incident affecting Desk, ongoing for 2h 10m".
 */
export function incidentSummary(input: IncidentSummaryInput): string {
  const { pageName, impact, startedAt, resolvedAt, componentNames, timeZone, now, words = ENGLISH } = input;
  const { locale, t } = words;
  const say = t.page.sentence;
  const span = localDuration(duration(startedAt, resolvedAt, now).ms, locale, t.core.time.lessThanAMinute);
  const affecting = componentNames.length > 0 ? say.affecting(localList(componentNames, locale)) : "";
  if (resolvedAt === null) return say.open(pageName, say.impact[impact], affecting, span);
  return say.over(pageName, say.impact[impact], localLongDate(startedAt, timeZone, locale), affecting, span);
}
