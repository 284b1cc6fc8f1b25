import type { NewNotification } from "../db/queries/deliveries";
import { type EventRecord, loadSnapshot, type PageSnapshot } from "../db/queries/snapshot";
import type { OutboxRow, PageRow, StatusMove } from "../db/schema";
import type { ComponentStatus } from "../domain/statuses";
import { isoInZone } from "../domain/time";
import type { Db } from "../env";
import { COMPONENT_LABELS, EVENT_STATUS_LABELS } from "../present/labels";
import { Presenter } from "../present/statuspage";

/** What mails and chat messages say, beside the hosted service's webhook body. */
export interface NotificationFacts {
  page: { id: string; name: string; url: string; timeZone: string };
  kind: "incident" | "maintenance" | "component";
  /** The event's name, or the component's. */
  title: string;
  status: string;
  /** The status in English (the language is the subscriber's, chosen at send time). */
  statusLabel: string;
  /** The update's text, or "<component> is now <status>". */
  text: string;
  /** When it happened (UTC ms): the update's display time, or the change's. */
  at: number;
  /** The event's page, or the status page. */
  link: string;
  /** The page's overall status after the change. */
  indicator: string;
  description: string;
  /** Names of the components it touches, in display order. */
  components: string[];
}

export interface NotificationPayload {
  /** The hosted service's webhook body without `meta` (that names the subscriber's own links). */
  body: Record<string, unknown>;
  facts: NotificationFacts;
}

/** The webhook body's `page`: the page's overall status after the change. */
const pagePart = (presenter: Presenter, page: PageRow) => {
  const status = presenter.status();
  return { id: page.id, status_indicator: status.indicator, status_description: status.description };
};

const pageFacts = (page: PageRow) => ({ id: page.id, name: page.name, url: page.url.replace(/\/$/, ""), timeZone: page.timeZone });

/** Components and the groups they belong to: a subscriber to a group hears about its components. */
function withGroups(snapshot: PageSnapshot, ids: readonly string[]): Set<string> {
  const groupOf = new Map(snapshot.components.map((c) => [c.id, c.groupId]));
  const out = new Set(ids);
  for (const id of ids) {
    const group = groupOf.get(id);
    if (group) out.add(group);
  }
  return out;
}

/**
 * The event as the change left it: its updates up to the one the change posted, and the status,
 * times and last change that update gave it. A fan-out that runs late (the minute job) must not
 * describe an "investigating" update as part of an incident already resolved. The name, impact and
 * components are the event's current ones.
 */
function frozenEvent(record: EventRecord, updateId: string): EventRecord | null {
  const posted = record.updates.find((u) => u.id === updateId);
  if (!posted) return null;
  const updates = record.updates.filter((u) => u.seq <= posted.seq);
  const then = (at: number | null) => (at !== null && at <= posted.displayAt ? at : null);
  const row = {
    ...record.row,
    status: posted.status,
    monitoringAt: then(record.row.monitoringAt),
    resolvedAt: then(record.row.resolvedAt),
    updatedAt: Math.min(record.row.updatedAt, posted.createdAt),
  };
  return { ...record, row, updates };
}

async function eventRecord(db: Db, snapshot: PageSnapshot, eventId: string): Promise<{ snapshot: PageSnapshot; record: EventRecord } | null> {
  const found = snapshot.events.find((e) => e.row.id === eventId);
  if (found) return { snapshot, record: found };
  // Older than the recent events the snapshot holds: read it alone.
  const alone = await loadSnapshot(db, snapshot.page.id, eventId);
  const record = alone?.events[0];
  return record ? { snapshot: { ...snapshot, events: [...snapshot.events, record] }, record } : null;
}

function eventNotification(snapshot: PageSnapshot, record: EventRecord, change: OutboxRow, moves: readonly StatusMove[]): NewNotification | null {
  const frozen = frozenEvent(record, change.updateId ?? "");
  if (!frozen) return null;
  const { page } = snapshot;
  const presenter = new Presenter({ ...snapshot, events: snapshot.events.map((e) => (e.row.id === record.row.id ? frozen : e)) });
  const kind = record.row.kind;
  const incident = kind === "incident" ? presenter.incident(frozen) : presenter.maintenance(frozen);
  const update = frozen.updates.find((u) => u.id === change.updateId)!;
  const touched = withGroups(snapshot, [...record.componentIds, ...moves.map((m) => m.componentId)]);
  const pagePayload = pagePart(presenter, page);
  const facts: NotificationFacts = {
    page: pageFacts(page),
    kind,
    title: record.row.name,
    status: update.status,
    statusLabel: EVENT_STATUS_LABELS[update.status as keyof typeof EVENT_STATUS_LABELS] ?? update.status,
    text: update.body,
    at: update.displayAt,
    link: incident.shortlink ?? pageFacts(page).url,
    indicator: pagePayload.status_indicator,
    description: pagePayload.status_description,
    components: presenter.components.filter((c) => touched.has(c.id) && !c.group).map((c) => c.name),
  };
  return {
    id: change.id,
    pageId: page.id,
    outboxId: change.id,
    kind: "event",
    componentIds: [...touched],
    payload: { body: { page: pagePayload, incident }, facts } satisfies NotificationPayload as unknown as Record<string, unknown>,
    createdAt: change.createdAt,
  };
}

function componentNotification(snapshot: PageSnapshot, presenter: Presenter, change: OutboxRow, move: StatusMove): NewNotification | null {
  const component = presenter.components.find((c) => c.id === move.componentId);
  if (!component) return null;
  const { page } = snapshot;
  const at = isoInZone(change.createdAt, page.timeZone);
  const id = `${change.id}-${move.componentId}`;
  const pagePayload = pagePart(presenter, page);
  const body = {
    page: pagePayload,
    component_update: { id, component_id: move.componentId, old_status: move.from, new_status: move.to, created_at: at, component_type: "Component" },
    component: {
      id: component.id,
      page_id: component.page_id,
      group_id: component.group_id,
      name: component.name,
      description: component.description,
      status: move.to,
      position: component.position,
      showcase: component.showcase,
      created_at: component.created_at,
      updated_at: at,
    },
  };
  const facts: NotificationFacts = {
    page: pageFacts(page),
    kind: "component",
    title: component.name,
    status: move.to,
    statusLabel: COMPONENT_LABELS[move.to as ComponentStatus],
    text: `${component.name} is now ${COMPONENT_LABELS[move.to].toLowerCase()} (was ${COMPONENT_LABELS[move.from].toLowerCase()}).`,
    at: change.createdAt,
    link: pageFacts(page).url,
    indicator: pagePayload.status_indicator,
    description: pagePayload.status_description,
    components: [component.name],
  };
  return {
    id,
    pageId: page.id,
    outboxId: change.id,
    kind: "component",
    componentIds: [...withGroups(snapshot, [move.componentId])],
    payload: { body, facts } satisfies NotificationPayload as unknown as Record<string, unknown>,
    createdAt: change.createdAt,
  };
}

/**
 * What a committed change tells subscribers: its update (an incident's or a maintenance's), and one
 * `component_update` per component status it moved. Read from D1 when the change is fanned out,
 * pinned to the change's own update so a later update does not leak into an earlier notification;
 * the page's overall status is the one at fan-out (moments after the commit, or the next minute).
 */
export async function buildNotifications(db: Db, change: OutboxRow): Promise<NewNotification[]> {
  if (!change.notify) return [];
  const loaded = await loadSnapshot(db, change.pageId);
  if (!loaded) return [];
  const moves = change.statusChanges;
  const out: NewNotification[] = [];
  let snapshot = loaded;
  const eventId = change.eventIds[0];
  if (change.updateId && eventId) {
    const found = await eventRecord(db, loaded, eventId);
    if (found) {
      snapshot = found.snapshot;
      const n = eventNotification(found.snapshot, found.record, change, moves);
      if (n) out.push(n);
    }
  }
  const presenter = new Presenter(snapshot);
  for (const move of moves) {
    const n = componentNotification(snapshot, presenter, change, move);
    if (n) out.push(n);
  }
  return out;
}

export const payloadOf = (row: { payload: Record<string, unknown> }) => row.payload as unknown as NotificationPayload;
