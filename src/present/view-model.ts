import type { EventRecord, PageSnapshot } from "../db/queries/snapshot";
import type { ComponentRow, IncidentUpdateRow } from "../db/schema";
import { duration, humanDuration } from "../domain/duration";
import { effectiveImpact } from "../domain/impact";
import { incidentSummary, joinNames } from "../domain/incident-summary";
import {
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  isActiveMaintenance,
  isOpenIncident,
  type MaintenanceStatus,
  worstStatus,
} from "../domain/statuses";
import { displayDateTime } from "../domain/time";
import { displayOrder } from "./statuspage";
import { COMPONENT_PHRASES, EVENT_STATUS_LABELS } from "./labels";
import { renderMarkdown } from "./markdown";
import { eventPath } from "./links";

export interface TimeView {
  /** UTC ISO, for <time datetime>. */
  iso: string;
  /** "Nov 14, 2024 - 08:56 GMT-3". */
  text: string;
  /** The exact UTC time, for the hover title. */
  utc: string;
}

export interface UpdateView {
  label: string;
  bodyHtml: string;
  posted: TimeView;
}

export interface EventView {
  id: string;
  kind: "incident" | "maintenance";
  href: string;
  name: string;
  impact: Impact | "maintenance";
  statusLabel: string;
  open: boolean;
  started: TimeView;
  /** "lasting 5h 23m" or "ongoing for 2h 10m". */
  durationText: string;
  sentence: string;
  affected: string;
  window: { from: TimeView; until: TimeView } | null;
  updates: UpdateView[];
  postmortem: { html: string; posted: TimeView } | null;
}

export function timeView(ms: number, timeZone: string): TimeView {
  const iso = new Date(ms).toISOString();
  return { iso, text: displayDateTime(ms, timeZone), utc: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` };
}

export const eventHref = eventPath;

/** Oldest-first walk: an update that keeps the previous status is labelled "Update". */
function updateViews(updates: readonly IncidentUpdateRow[], timeZone: string): UpdateView[] {
  const oldestFirst = [...updates].sort((a, b) => a.seq - b.seq);
  const views = oldestFirst.map((u, i) => ({
    label: i > 0 && oldestFirst[i - 1]!.status === u.status ? "Update" : EVENT_STATUS_LABELS[u.status as IncidentStatus],
    bodyHtml: renderMarkdown(u.body, 4),
    posted: timeView(u.displayAt, timeZone),
  }));
  return views.reverse();
}

/**
 * Names what an event affected: a group all of whose components are affected reads
 * "Take Blip Platform (CRM, Core, …)"; otherwise components are named alone ("Desk and Portal").
 */
export function affectedText(ids: readonly string[], components: readonly ComponentRow[]): string {
  const affected = new Set(ids);
  const parts: string[] = [];
  for (const c of components) {
    if (c.groupId) continue; // named with their group below
    if (!c.isGroup) {
      if (affected.has(c.id)) parts.push(c.name);
      continue;
    }
    const children = components.filter((child) => child.groupId === c.id);
    const hit = children.filter((child) => affected.has(child.id));
    if (hit.length > 0 && hit.length === children.length) parts.push(`${c.name} (${children.map((child) => child.name).join(", ")})`);
    else parts.push(...hit.map((child) => child.name));
  }
  return joinNames(parts);
}

/**
 * What pages show of one event. Without `details` the updates and postmortem are left out, which
 * spares rendering markdown for lists that only show a line per event.
 */
export function eventView(snapshot: PageSnapshot, record: EventRecord, now: number, details = true): EventView {
  const { row } = record;
  const zone = snapshot.page.timeZone;
  const kind = row.kind;
  const open = kind === "incident" ? isOpenIncident(row.status as IncidentStatus) : row.status !== "completed";
  const impact = kind === "incident" ? effectiveImpact(row.impactOverride, row.impactReached) : "maintenance";
  const ordered = displayOrder(snapshot.components);
  const names = ordered.filter((c) => record.componentIds.includes(c.id)).map((c) => c.name);
  const lasted = duration(row.startedAt, row.resolvedAt, now);
  // A negative raw duration means a clock was wrong when the times were recorded: say so, show 0.
  const span = `${humanDuration(lasted.ms)}${lasted.clamped ? " (its recorded times are out of order)" : ""}`;
  const sentence =
    kind === "incident"
      ? incidentSummary({
          pageName: snapshot.page.name,
          impact: impact as Impact,
          startedAt: row.startedAt,
          resolvedAt: row.resolvedAt,
          componentNames: names,
          timeZone: zone,
          now,
        })
      : "";
  return {
    id: row.id,
    kind,
    href: eventHref(kind, row.id),
    name: row.name,
    impact,
    statusLabel: row.cancelledAt !== null ? "Cancelled" : EVENT_STATUS_LABELS[row.status as IncidentStatus | MaintenanceStatus],
    open,
    started: timeView(row.startedAt, zone),
    durationText: row.resolvedAt === null ? (row.status === "scheduled" || row.cancelledAt !== null ? "" : `ongoing for ${span}`) : `lasting ${span}`,
    sentence,
    affected: affectedText(record.componentIds, ordered),
    window:
      row.scheduledFor !== null && row.scheduledUntil !== null ? { from: timeView(row.scheduledFor, zone), until: timeView(row.scheduledUntil, zone) } : null,
    updates: details ? updateViews(record.updates, zone) : [],
    postmortem:
      details && row.postmortemBody !== null
        ? { html: renderMarkdown(row.postmortemBody, 3), posted: timeView(row.postmortemPublishedAt ?? row.updatedAt, zone) }
        : null,
  };
}

/** Why the page says what it says: "1 of 11 components in partial outage · 1 open incident". */
export function statusReason(snapshot: PageSnapshot): string {
  const leaves = snapshot.components.filter((c) => !c.isGroup);
  const counts = new Map<ComponentStatus, number>();
  for (const c of leaves) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const parts: string[] = [];
  const order = ["major_outage", "partial_outage", "degraded_performance", "under_maintenance"] as const;
  const troubled = order
    .filter((s) => counts.has(s))
    .map((s, i) => `${counts.get(s)}${i === 0 ? ` of ${leaves.length} components` : ""} ${COMPONENT_PHRASES[s]}`);
  if (troubled.length > 0) parts.push(troubled.join(", "));
  else parts.push(leaves.length === 0 ? "No components yet" : `All ${leaves.length} components operational`);
  const openIncidents = snapshot.events.filter((e) => e.row.kind === "incident" && isOpenIncident(e.row.status as IncidentStatus)).length;
  const active = snapshot.events.filter((e) => e.row.kind === "maintenance" && isActiveMaintenance(e.row.status as MaintenanceStatus)).length;
  if (openIncidents > 0) parts.push(`${openIncidents} open incident${openIncidents > 1 ? "s" : ""}`);
  if (active > 0) parts.push(`${active} maintenance${active > 1 ? "s" : ""} in progress`);
  return parts.join(" · ");
}

export function groupStatus(group: ComponentRow, components: readonly ComponentRow[]): ComponentStatus {
  return worstStatus(components.filter((c) => c.groupId === group.id).map((c) => c.status));
}
