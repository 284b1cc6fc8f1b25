/** The settings a page can have, with their defaults. Stored as the JSON the admin API accepts. */
export interface PageSettings {
  /** Minutes an incident may sit in monitoring with no new update before it is resolved for you; 0 = never. */
  autoResolveAfterMinutes: number;
}

export const DEFAULT_AUTO_RESOLVE_MINUTES = 60;

export function pageSettings(stored: Record<string, unknown>): PageSettings {
  const minutes = stored.auto_resolve_after_minutes;
  return {
    autoResolveAfterMinutes: typeof minutes === "number" && Number.isInteger(minutes) && minutes >= 0 ? minutes : DEFAULT_AUTO_RESOLVE_MINUTES,
  };
}
