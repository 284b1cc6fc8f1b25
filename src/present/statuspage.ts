import type { EventRecord, PageSnapshot } from "../db/queries/snapshot";
import { RECENT_LIMIT } from "../db/queries/snapshot";
import type { ComponentRow, IncidentRow, UpdateComponentRow } from "../db/schema";
import { effectiveImpact } from "../domain/impact";
import { pageStatus } from "../domain/page-status";
import {
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
  isActiveMaintenance,
  isOpenIncident,
  type MaintenanceStatus,
  worstStatus,
} from "../domain/statuses";
import { isoInZone } from "../domain/time";
import { eventPath } from "./links";
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicPage, PublicStatus, PublicUpdate } from "./statuspage-schema";

/** Top-level components by position, each group followed by its children (also by position). */
export function displayOrder(components: readonly ComponentRow[]): ComponentRow[] {
  const ids = new Set(components.map((c) => c.id));
  const top = components.filter((c) => !c.groupId || !ids.has(c.groupId));
  return top.flatMap((c) => [c, ...components.filter((child) => child.groupId === c.id)]);
}

/** The page's overall status from a snapshot: leaf components, open incidents, active maintenance. */
export function snapshotStatus(snapshot: PageSnapshot): PublicStatus {
  const events = snapshot.events.map((e) => e.row);
  return pageStatus({
    componentStatuses: snapshot.components.filter((c) => !c.isGroup).map((c) => c.status),
    openIncidentImpacts: events
      .filter((e) => e.kind === "incident" && isOpenIncident(e.status as IncidentStatus))
      .map((e) => effectiveImpact(e.impactOverride, e.impactReached)),
    maintenanceActive: events.some((e) => e.kind === "maintenance" && isActiveMaintenance(e.status as MaintenanceStatus)),
  });
}

/** Turns a page snapshot into Statuspage v2 objects, every timestamp in the page's offset. */
export class Presenter {
  private readonly iso: (ms: number) => string;
  private readonly iso0: (ms: number | null) => string | null;
  private readonly byId: Map<string, ComponentRow>;
  private readonly childrenOf = new Map<string, ComponentRow[]>();
  /** Where each live component stands in display order: an update lists its changes in it. */
  private readonly place = new Map<string, number>();
  readonly components: PublicComponent[];

  constructor(private readonly snapshot: PageSnapshot) {
    const zone = snapshot.page.timeZone;
    this.iso = (ms) => isoInZone(ms, zone);
    this.iso0 = (ms) => (ms === null ? null : isoInZone(ms, zone));
    this.byId = new Map(snapshot.components.map((c) => [c.id, c]));
    for (const c of snapshot.components) {
      if (c.groupId && this.byId.has(c.groupId)) this.childrenOf.set(c.groupId, [...(this.childrenOf.get(c.groupId) ?? []), c]);
    }
    const ordered = displayOrder(snapshot.components);
    for (const [i, c] of ordered.entries()) this.place.set(c.id, i);
    this.components = ordered.map((c) => this.component(c));
  }

  /** An update's component changes in display order (deleted components last, by name), whatever order they were written in. */
  private inDisplayOrder(transitions: readonly UpdateComponentRow[]): UpdateComponentRow[] {
    const at = (t: UpdateComponentRow) => this.place.get(t.componentId) ?? Number.MAX_SAFE_INTEGER;
    return [...transitions].sort((a, b) => at(a) - at(b) || a.componentName.localeCompare(b.componentName));
  }

  private statusOf(c: ComponentRow): ComponentStatus {
    return c.isGroup ? worstStatus((this.childrenOf.get(c.id) ?? []).map((child) => child.status)) : c.status;
  }

  private component(c: ComponentRow): PublicComponent {
    const out: PublicComponent = {
      id: c.id,
      name: c.name,
      status: this.statusOf(c),
      created_at: this.iso(c.createdAt),
      updated_at: this.iso(c.updatedAt),
      position: c.position,
      description: c.description,
      showcase: c.showcase,
      start_date: c.startDate,
      group_id: c.groupId,
      page_id: c.pageId,
      group: c.isGroup,
      only_show_if_degraded: c.onlyShowIfDegraded,
    };
    if (c.isGroup) out.components = (this.childrenOf.get(c.id) ?? []).map((child) => child.id);
    return out;
  }

  page(): PublicPage {
    const { page, components, events } = this.snapshot;
    const latest = Math.max(page.updatedAt, ...components.map((c) => c.updatedAt), ...events.map((e) => e.row.updatedAt));
    return { id: page.id, name: page.name, url: page.url, time_zone: page.timeZone, updated_at: this.iso(latest) };
  }

  status(): PublicStatus {
    return snapshotStatus(this.snapshot);
  }

  private updates(record: EventRecord): PublicUpdate[] {
    return record.updates.map((u) => {
      const transitions = record.transitions.get(u.id);
      return {
        id: u.id,
        status: u.status as PublicUpdate["status"],
        body: u.body,
        incident_id: u.incidentId,
        created_at: this.iso(u.createdAt),
        updated_at: this.iso(u.updatedAt),
        display_at: this.iso(u.displayAt),
        affected_components: transitions
          ? this.inDisplayOrder(transitions).map((t) => ({ code: t.componentId, name: t.componentName, old_status: t.oldStatus, new_status: t.newStatus }))
          : null,
        deliver_notifications: u.deliverNotifications,
        custom_tweet: null,
        tweet_id: null,
      };
    });
  }

  private eventFields(record: EventRecord, withPostmortem: boolean) {
    const { row } = record;
    const affected = new Set(record.componentIds);
    return {
      id: row.id,
      name: row.name,
      created_at: this.iso(row.createdAt),
      updated_at: this.iso(row.updatedAt),
      monitoring_at: this.iso0(row.monitoringAt),
      resolved_at: this.iso0(row.resolvedAt),
      shortlink: `${this.snapshot.page.url.replace(/\/$/, "")}${eventPath(row.kind, row.id)}`,
      started_at: this.iso(row.startedAt),
      page_id: row.pageId,
      incident_updates: this.updates(record),
      components: this.components.filter((c) => affected.has(c.id)),
      ...(withPostmortem ? { postmortem_body: row.postmortemBody, postmortem_body_last_updated_at: this.iso0(row.postmortemUpdatedAt) } : {}),
    };
  }

  incident(record: EventRecord, withPostmortem = true): PublicIncident {
    const { row } = record;
    const { id, name, created_at, updated_at, monitoring_at, resolved_at, shortlink, started_at, page_id, incident_updates, components, ...postmortem } =
      this.eventFields(record, withPostmortem);
    const impact = effectiveImpact(row.impactOverride, row.impactReached as Impact);
    const status = row.status as IncidentStatus;
    // Key order as in real captures.
    return {
      id,
      name,
      status,
      created_at,
      updated_at,
      monitoring_at,
      resolved_at,
      impact,
      shortlink,
      started_at,
      page_id,
      incident_updates,
      components,
      ...postmortem,
    };
  }

  maintenance(record: EventRecord, withPostmortem = true): PublicMaintenance {
    const { row } = record;
    const { id, name, created_at, updated_at, monitoring_at, resolved_at, shortlink, started_at, page_id, incident_updates, components, ...postmortem } =
      this.eventFields(record, withPostmortem);
    const status = row.status as MaintenanceStatus;
    const scheduled_for = this.iso(row.scheduledFor ?? row.startedAt);
    const scheduled_until = this.iso(row.scheduledUntil ?? row.startedAt);
    return {
      id,
      name,
      status,
      created_at,
      updated_at,
      monitoring_at,
      resolved_at,
      impact: "maintenance",
      shortlink,
      started_at,
      scheduled_for,
      scheduled_until,
      page_id,
      incident_updates,
      components,
      ...postmortem,
    };
  }

  /** Events of one kind, newest first. */
  events(kind: IncidentRow["kind"], filter: (status: string) => boolean = () => true): EventRecord[] {
    const key = (r: IncidentRow) => (kind === "incident" ? r.startedAt : (r.scheduledFor ?? r.startedAt));
    return this.snapshot.events
      .filter((e) => e.row.kind === kind && filter(e.row.status))
      .sort((a, b) => key(b.row) - key(a.row) || b.row.createdAt - a.row.createdAt);
  }

  recent(kind: IncidentRow["kind"]): EventRecord[] {
    return this.events(kind).slice(0, RECENT_LIMIT);
  }
}
