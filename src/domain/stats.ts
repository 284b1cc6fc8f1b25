const DAY = 86_400_000;

export interface IncidentFacts {
  startedAt: number;
  /** Null while the incident is open. */
  durationMs: number | null;
  componentIds: readonly string[];
}

export interface WindowStats {
  days: number;
  /** Incidents that started in the window. */
  incidents: number;
  resolved: number;
  /** Mean time to resolve the window's resolved incidents, or null when none resolved. */
  mttrMs: number | null;
}

export const STATS_WINDOWS = [30, 90] as const;

/** The longest window: how far back the facts behind the stats reach, in days. */
export const STATS_DAYS = Math.max(...STATS_WINDOWS);

/** Counts and MTTR of the incidents that started in the last `days` days before `now`. */
export function windowStats(incidents: readonly IncidentFacts[], now: number, days: number): WindowStats {
  const inWindow = incidents.filter((i) => i.startedAt > now - days * DAY && i.startedAt <= now);
  const durations = inWindow.flatMap((i) => (i.durationMs === null ? [] : [Math.max(0, i.durationMs)]));
  const mttrMs = durations.length > 0 ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : null;
  return { days, incidents: inWindow.length, resolved: durations.length, mttrMs };
}

/** The page's stats for each window, and each component's over the incidents that affected it. */
export function pageStats(incidents: readonly IncidentFacts[], componentIds: readonly string[], now: number) {
  return {
    page: STATS_WINDOWS.map((days) => windowStats(incidents, now, days)),
    components: new Map(
      componentIds.map((id) => [
        id,
        STATS_WINDOWS.map((days) =>
          windowStats(
            incidents.filter((i) => i.componentIds.includes(id)),
            now,
            days,
          ),
        ),
      ]),
    ),
  };
}
