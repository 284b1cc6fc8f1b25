import type { PageSnapshot } from "../db/queries/snapshot";
import type { ComponentStatus, Indicator } from "../domain/statuses";
import { formatUptime } from "../domain/uptime";
import { localPercent } from "../i18n/format";
import type { Words } from "../i18n/words";
import { uptimeRatios } from "../present/home-model";
import { snapshotStatus } from "../present/statuspage";
import type { BadgeColour } from "./badge-svg";

/** What every badge of a page is drawn from: stored in KV, so a badge costs no D1 query. */
export interface BadgeData {
  indicator: Indicator;
  components: Record<string, { status: ComponentStatus; uptime: number | null }>;
}

export function badgeData(snapshot: PageSnapshot, now: number): BadgeData {
  const ratios = uptimeRatios(snapshot, now);
  const components: BadgeData["components"] = {};
  for (const c of snapshot.components) if (!c.isGroup) components[c.id] = { status: c.status, uptime: ratios.get(c.id) ?? null };
  return { indicator: snapshotStatus(snapshot).indicator, components };
}

const PAGE_COLOURS: Record<Indicator, BadgeColour> = {
  none: "brightgreen",
  minor: "yellow",
  major: "orange",
  critical: "red",
  maintenance: "blue",
};

const COMPONENT_COLOURS: Record<ComponentStatus, BadgeColour> = {
  operational: "brightgreen",
  degraded_performance: "yellow",
  partial_outage: "orange",
  major_outage: "red",
  under_maintenance: "blue",
};

export const pageMessage = (indicator: Indicator, { t }: Words): [string, BadgeColour] => [t.embed.badge.page[indicator], PAGE_COLOURS[indicator]];
export const componentMessage = (status: ComponentStatus, { t }: Words): [string, BadgeColour] => [t.embed.badge.component[status], COMPONENT_COLOURS[status]];

/** "99.95%" ("99,95%" in pt-BR) coloured as uptime badges usually are; grey "no data" before anything was observed. */
export function uptimeMessage(ratio: number | null, { locale, t }: Words): [string, BadgeColour] {
  if (ratio === null) return [t.embed.badge.noData, "lightgrey"];
  // formatUptime rounds down, as the home page does: the badge shows the same hundredths.
  const text = localPercent(Number.parseFloat(formatUptime(ratio)), 2, locale);
  const colour: BadgeColour = ratio >= 0.999 ? "brightgreen" : ratio >= 0.99 ? "green" : ratio >= 0.95 ? "yellow" : "red";
  return [text, colour];
}
