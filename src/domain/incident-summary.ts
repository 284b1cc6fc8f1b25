import { duration, humanDuration } from "./duration";
import type { Impact } from "./statuses";
import { longDate } from "./time";

export interface IncidentSummaryInput {
  pageName: string;
  impact: Impact;
  startedAt: number;
  resolvedAt: number | null;
  componentNames: readonly string[];
  timeZone: string;
  now: number;
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function impactPhrase(impact: Impact): string {
  return impact === "none" ? "an incident" : `a ${impact} incident`;
}

/**
 * The one sentence a page shows about an incident, dates in the page's time zone:
 * "Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m",
 * or, while open, "Blip is experiencing a major incident affecting Desk, ongoing for 2h 10m".
 */
export function incidentSummary(input: IncidentSummaryInput): string {
  const { pageName, impact, startedAt, resolvedAt, componentNames, timeZone, now } = input;
  const span = humanDuration(duration(startedAt, resolvedAt, now).ms);
  const affecting = componentNames.length > 0 ? ` affecting ${joinNames(componentNames)}` : "";
  if (resolvedAt === null) return `${pageName} is experiencing ${impactPhrase(impact)}${affecting}, ongoing for ${span}`;
  return `${pageName} experienced ${impactPhrase(impact)} on ${longDate(startedAt, timeZone)}${affecting}, lasting ${span}`;
}
