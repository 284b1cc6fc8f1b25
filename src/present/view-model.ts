import type { EventRecord, PageSnapshot } from "../db/queries/snapshot";
import type { ComponentRow, IncidentUpdateRow } from "../db/schema";
import { duration } from "../domain/duration";
import { effectiveImpact } from "../domain/impact";
import { incidentSummary } from "./incident-summary";
import {
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  isActiveMaintenance,
  isOpenIncident,
  type MaintenanceStatus,
  worstStatus,
} from "../domain/statuses";
import { localDateTime, localDuration, localList } from "../i18n/format";
import { ENGLISH, ENGLISH_VOICE, localHref, type Voice, type Words } from "../i18n/words";
import { displayOrder } from "./statuspage";
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

export function timeView(ms: number, timeZone: string, words: Words = ENGLISH): TimeView {
  const iso = new Date(ms).toISOString();
  return { iso, text: localDateTime(ms, timeZone, words.locale), utc: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` };
}

export const eventHref = eventPath;

/** Oldest-first walk: an update that keeps the previous status is labelled "Update". */
function updateViews(updates: readonly IncidentUpdateRow[], timeZone: string, words: Words): UpdateView[] {
  const oldestFirst = [...updates].sort((a, b) => a.seq - b.seq);
  const views = oldestFirst.map((u, i) => ({
    label: i > 0 && oldestFirst[i - 1]!.status === u.status ? words.t.page.event.update : words.t.core.eventStatus[u.status as IncidentStatus],
    bodyHtml: renderMarkdown(u.body, 4),
    posted: timeView(u.displayAt, timeZone, words),
  }));
  return views.reverse();
}

/**
 * Names what an event affected: a group all of whose components are affected reads
 * "Take Blip Platform (CRM, Core, …)"; otherwise components are named alone ("Desk and Portal").
 */
export function affectedText(ids: readonly string[], components: readonly ComponentRow[], words: Words = ENGLISH): string {
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
  return localList(parts, words.locale);
}

/**
 * What pages show of one event. Without `details` the updates and postmortem are left out, which
 * spares rendering markdown for lists that only show a line per event.
 */
export function eventView(snapshot: PageSnapshot, record: EventRecord, now: number, details = true, voice: Voice = ENGLISH_VOICE): EventView {
  const { row } = record;
  const { locale, t } = voice;
  const say = t.page.event;
  const zone = snapshot.page.timeZone;
  const kind = row.kind;
  const open = kind === "incident" ? isOpenIncident(row.status as IncidentStatus) : row.status !== "completed";
  const impact = kind === "incident" ? effectiveImpact(row.impactOverride, row.impactReached) : "maintenance";
  const ordered = displayOrder(snapshot.components);
  const names = ordered.filter((c) => record.componentIds.includes(c.id)).map((c) => c.name);
  const lasted = duration(row.startedAt, row.resolvedAt, now);
  // A negative raw duration means a clock was wrong when the times were recorded: say so, show 0.
  const span = `${localDuration(lasted.ms, locale, t.core.time.lessThanAMinute)}${lasted.clamped ? say.outOfOrder : ""}`;
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
          words: voice,
        })
      : "";
  return {
    id: row.id,
    kind,
    href: localHref(eventHref(kind, row.id), voice),
    name: row.name,
    impact,
    statusLabel: row.cancelledAt !== null ? say.cancelled : t.core.eventStatus[row.status as IncidentStatus | MaintenanceStatus],
    open,
    started: timeView(row.startedAt, zone, voice),
    durationText: row.resolvedAt === null ? (row.status === "scheduled" || row.cancelledAt !== null ? "" : say.ongoingFor(span)) : say.lasting(span),
    sentence,
    affected: affectedText(record.componentIds, ordered, voice),
    window:
      row.scheduledFor !== null && row.scheduledUntil !== null
        ? { from: timeView(row.scheduledFor, zone, voice), until: timeView(row.scheduledUntil, zone, voice) }
        : null,
    updates: details ? updateViews(record.updates, zone, voice) : [],
    postmortem:
      details && row.postmortemBody !== null
        ? { html: renderMarkdown(row.postmortemBody, 3), posted: timeView(row.postmortemPublishedAt ?? row.updatedAt, zone, voice) }
        : null,
  };
}

/** Why the page says what it says: "1 of 11 components in partial outage · 1 open incident". */
export function statusReason(snapshot: PageSnapshot, words: Words = ENGLISH): string {
  const say = words.t.page.reason;
  const leaves = snapshot.components.filter((c) => !c.isGroup);
  const counts = new Map<ComponentStatus, number>();
  for (const c of leaves) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const parts: string[] = [];
  const order = ["major_outage", "partial_outage", "degraded_performance", "under_maintenance"] as const;
  const troubled = order
    .filter((s) => counts.has(s))
    .map((s, i) =>
      i === 0 ? say.first(counts.get(s)!, leaves.length, words.t.core.componentPhrase[s]) : say.more(counts.get(s)!, words.t.core.componentPhrase[s]),
    );
  if (troubled.length > 0) parts.push(troubled.join(", "));
  else parts.push(leaves.length === 0 ? say.none : say.allOperational(leaves.length));
  const openIncidents = snapshot.events.filter((e) => e.row.kind === "incident" && isOpenIncident(e.row.status as IncidentStatus)).length;
  const active = snapshot.events.filter((e) => e.row.kind === "maintenance" && isActiveMaintenance(e.row.status as MaintenanceStatus)).length;
  if (openIncidents > 0) parts.push(say.openIncidents(openIncidents));
  if (active > 0) parts.push(say.maintenances(active));
  return parts.join(" · ");
}

export function groupStatus(group: ComponentRow, components: readonly ComponentRow[]): ComponentStatus {
  return worstStatus(components.filter((c) => c.groupId === group.id).map((c) => c.status));
}
