import type { PageSnapshot } from "../db/queries/snapshot";
import type { ComponentStatus, Indicator } from "../domain/statuses";
import { formatUptime } from "../domain/uptime";
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

const PAGE: Record<Indicator, [string, BadgeColour]> = {
  none: ["operational", "brightgreen"],
  minor: ["minor outage", "yellow"],
  major: ["major outage", "orange"],
  critical: ["critical outage", "red"],
  maintenance: ["maintenance", "blue"],
};

const COMPONENT: Record<ComponentStatus, [string, BadgeColour]> = {
  operational: ["operational", "brightgreen"],
  degraded_performance: ["degraded performance", "yellow"],
  partial_outage: ["partial outage", "orange"],
  major_outage: ["major outage", "red"],
  under_maintenance: ["maintenance", "blue"],
};

export const pageMessage = (indicator: Indicator) => PAGE[indicator];
export const componentMessage = (status: ComponentStatus) => COMPONENT[status];

/** "99.95%" coloured as uptime badges usually are; grey "no data" before anything was observed. */
export function uptimeMessage(ratio: number | null): [string, BadgeColour] {
  if (ratio === null) return ["no data", "lightgrey"];
  const text = formatUptime(ratio).replace(" %", "%");
  const colour: BadgeColour = ratio >= 0.999 ? "brightgreen" : ratio >= 0.99 ? "green" : ratio >= 0.95 ? "yellow" : "red";
  return [text, colour];
}
