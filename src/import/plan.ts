import type { ComponentStatus } from "../domain/statuses";
import { EARLIEST_TIME_MS } from "../domain/time-bounds";
import type { ImportRows, ImportState } from "../db/queries/import";
import type { ImportKind } from "../db/schema";
import { invalid } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import type { ImportInput, SourceComponent, SourceIncident, SourceMaintenance } from "./capture";

/** What earlier imports left on the page (see ImportState), and what a plan needs to make rows. */
export interface Existing extends ImportState {
  pageId: string;
  now: number;
  newId: () => string;
}

export interface Counts {
  components: number;
  incidents: number;
  maintenances: number;
  updates: number;
}

export interface Skipped {
  kind: ImportKind;
  source_id: string;
  reason: string;
}

export interface ImportPlan {
  rows: ImportRows;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  skipped: Skipped[];
  /** When each written event started: the history years to rebuild. */
  eventTimes: number[];
  componentIds: string[];
}

const emptyCounts = (): Counts => ({ components: 0, incidents: 0, maintenances: 0, updates: 0 });
const bit = (value: boolean | null | undefined) => (value ? 1 : 0);
const fingerprint = (value: unknown) => sha256Hex(JSON.stringify(value));

type SourceEvent = ((SourceIncident & { kind: "incident" }) | (SourceMaintenance & { kind: "maintenance" })) & { path: string };

/** Times before 2000 are refused by the schema's checks: say which field instead of failing the batch. */
function checkTimes(event: SourceEvent): void {
  const maintenance = event.kind === "maintenance" ? event : null;
  const times: [string, number | null | undefined][] = [
    ["created_at", event.created_at],
    ["started_at", event.started_at],
    ["monitoring_at", event.monitoring_at],
    ["resolved_at", event.resolved_at],
    ["postmortem_published_at", event.postmortem_published_at],
    ["postmortem_body_last_updated_at", event.postmortem_body_last_updated_at],
    ["scheduled_for", maintenance?.scheduled_for],
    ["scheduled_until", maintenance?.scheduled_until],
    ...event.incident_updates.flatMap((u, i): [string, number | null | undefined][] => [
      [`incident_updates.${i}.created_at`, u.created_at],
      [`incident_updates.${i}.display_at`, u.display_at],
    ]),
  ];
  const early = times.filter(([, t]) => t !== null && t !== undefined && t < EARLIEST_TIME_MS);
  if (early.length > 0) {
    throw invalid(
      "timestamp_out_of_range",
      "The capture has times before 2000, which no status page can have.",
      early.map(([field]) => ({ field: `body.${event.path}.${field}`, message: "Before 2000-01-01." })),
    );
  }
}

/** A group inside a group cannot be drawn: refused. A group_id naming anything but a group is dropped (the component stays at the top). */
function groupOf(c: SourceComponent, index: number, groups: ReadonlySet<string>): string | null {
  if (c.group && c.group_id) {
    throw invalid("nested_group", "A group cannot be inside another group.", [
      { field: `body.summary.components.${index}.group_id`, message: "A group's group_id must be null." },
    ]);
  }
  return c.group_id && groups.has(c.group_id) ? c.group_id : null;
}

/**
 * Turns a capture into the rows to write. Everything matches by source id: a component, incident or
 * maintenance seen before is written again only when its source object changed (its fingerprint),
 * and an event edited here since it was imported is left alone. Pure but for hashing.
 */
export async function planImport(input: ImportInput, existing: Existing): Promise<ImportPlan> {
  const { pageId, now, newId } = existing;
  const plan: ImportPlan = {
    rows: { components: [], replacedEvents: [], events: [], updates: [], updateComponents: [], eventComponents: [], statusChanges: [], sources: [] },
    created: emptyCounts(),
    updated: emptyCounts(),
    unchanged: emptyCounts(),
    skipped: [],
    eventTimes: [],
    componentIds: [],
  };
  const source = (kind: ImportKind, id: string) => existing.sources.get(`${kind}:${id}`);
  const record = (kind: ImportKind, sourceId: string, localId: string, print: string, version: number | null) =>
    plan.rows.sources.push([pageId, kind, sourceId, localId, print, version, now]);

  // Components: every one the summary lists, then any that only past updates name (deleted there since).
  const componentIds = new Map<string, string>();
  for (const c of input.summary.components) componentIds.set(c.id, source("component", c.id)?.localId ?? newId());
  const named = new Map<string, string>();
  for (const event of eventsOf(input)) {
    for (const u of event.incident_updates) for (const a of u.affected_components ?? []) if (!componentIds.has(a.code)) named.set(a.code, a.name);
  }
  for (const code of named.keys()) componentIds.set(code, source("component", code)?.localId ?? newId());

  const groups = new Set(input.summary.components.filter((c) => c.group).map((c) => c.id));
  const groupIds = new Map(input.summary.components.map((c, i) => [c.id, groupOf(c, i, groups)]));
  const componentRow = (c: SourceComponent) => [
    componentIds.get(c.id),
    pageId,
    groupIds.get(c.id) ? componentIds.get(groupIds.get(c.id)!)! : null,
    bit(c.group),
    c.name,
    c.description ?? null,
    c.status,
    c.position,
    c.showcase === undefined ? 1 : bit(c.showcase),
    bit(c.only_show_if_degraded),
    c.start_date ?? null,
    c.created_at,
    now,
    null,
  ];
  const gone = [...named].map(([code, name]) => ({ id: code, name, status: "operational" as const, position: 0, created_at: now, group: false }));
  for (const c of [...input.summary.components, ...gone]) {
    // A gone component's stand-in is made fresh each time: only its id and name are the source's.
    const print = await fingerprint(named.has(c.id) ? { id: c.id, name: c.name, gone: true } : c);
    const known = source("component", c.id);
    const localId = componentIds.get(c.id)!;
    plan.componentIds.push(localId);
    if (known?.fingerprint === print) {
      plan.unchanged.components++;
      continue;
    }
    const row = componentRow(c);
    // A component only past updates name is gone from the source page: kept here, deleted.
    if (named.has(c.id)) row[13] = now;
    plan.rows.components.push(row);
    (known ? plan.updated : plan.created).components++;
    record("component", c.id, localId, print, null);
  }

  for (const event of eventsOf(input)) {
    checkTimes(event);
    // The fingerprint is of the source object alone, not of where this capture carries it.
    const { path: _where, ...sourceEvent } = event;
    const print = await fingerprint(sourceEvent);
    const known = source(event.kind, event.id);
    const counts = event.kind === "incident" ? "incidents" : "maintenances";
    if (known?.fingerprint === print) {
      plan.unchanged[counts]++;
      plan.unchanged.updates += event.incident_updates.length;
      continue;
    }
    if (known && !existing.eventVersions.has(known.localId)) {
      plan.skipped.push({ kind: event.kind, source_id: event.id, reason: "Deleted here since it was imported: not brought back." });
      continue;
    }
    if (known && existing.eventVersions.get(known.localId) !== known.localVersion) {
      plan.skipped.push({ kind: event.kind, source_id: event.id, reason: "Changed here since it was imported: left as it is." });
      continue;
    }
    const localId = known ? known.localId : newId();
    if (known) plan.rows.replacedEvents.push(localId);
    addEvent(plan.rows, event, localId, pageId, componentIds, now, newId);
    plan.eventTimes.push(event.started_at ?? event.created_at);
    (known ? plan.updated : plan.created)[counts]++;
    (known ? plan.updated : plan.created).updates += event.incident_updates.length;
    record(event.kind, event.id, localId, print, 1);
  }
  reconcileStatuses(plan.rows, input, componentIds, existing);
  return plan;
}

/**
 * A new component's history ends where the summary says it stands: a component an update left
 * elsewhere, or that no update names, moves to its current status when the capture was taken.
 */
function reconcileStatuses(rows: ImportRows, input: ImportInput, componentIds: ReadonlyMap<string, string>, existing: Existing) {
  const last = new Map<string, { at: number; to: ComponentStatus }>();
  for (const [, componentId, , to, at] of rows.statusChanges as [string, string, ComponentStatus, ComponentStatus, number][]) {
    const known = last.get(componentId);
    if (!known || at >= known.at) last.set(componentId, { at, to });
  }
  const capturedAt = input.summary.page.updated_at ?? existing.now;
  const move = (componentId: string, from: ComponentStatus, to: ComponentStatus, at: number) =>
    rows.statusChanges.push([existing.pageId, componentId, from, to, at, null, null, existing.now]);
  for (const c of input.summary.components) {
    if (c.group) continue;
    const componentId = componentIds.get(c.id)!;
    const before = last.get(componentId);
    if (existing.sources.has(`component:${c.id}`)) {
      // Imported before: its history goes on from the status it has here to the source's now.
      const stored = existing.componentStatuses.get(componentId);
      if (stored && stored !== c.status && !before) move(componentId, stored, c.status, capturedAt);
    } else if ((before?.to ?? "operational") !== c.status) {
      move(componentId, before?.to ?? "operational", c.status, Math.max(capturedAt, before?.at ?? 0));
    }
  }
}

/**
 * Incidents then maintenances, each with its kind and where the capture has it (for a refusal's
 * field); an event the summary and a list both carry counts once (the list's copy).
 */
function eventsOf(input: ImportInput): SourceEvent[] {
  const events = new Map<string, SourceEvent>();
  const add = <E extends SourceIncident | SourceMaintenance>(kind: SourceEvent["kind"], list: readonly E[] | undefined, path: string) =>
    list?.forEach((e, i) => {
      events.set(`${kind}:${e.id}`, { ...e, kind, path: `${path}.${i}` } as SourceEvent);
    });
  add("incident", input.summary.incidents, "summary.incidents");
  add("incident", input.incidents?.incidents, "incidents.incidents");
  add("maintenance", input.summary.scheduled_maintenances, "summary.scheduled_maintenances");
  add("maintenance", input.maintenances?.scheduled_maintenances, "maintenances.scheduled_maintenances");
  return [...events.values()];
}

function addEvent(
  rows: ImportRows,
  event: SourceEvent,
  id: string,
  pageId: string,
  componentIds: ReadonlyMap<string, string>,
  now: number,
  newId: () => string,
) {
  // The hosted API lists updates newest first; posting order is oldest first.
  const updates = [...event.incident_updates].sort((a, b) => a.created_at - b.created_at);
  const shownAt = (u: (typeof updates)[number]) => u.display_at ?? u.created_at;
  const startedAt = Math.min(event.started_at ?? event.created_at, ...updates.map(shownAt));
  const after = (t: number | null | undefined) => (t === null || t === undefined ? null : Math.max(t, startedAt));
  const maintenance = event.kind === "maintenance" ? event : null;
  rows.events.push([
    id,
    pageId,
    event.kind,
    event.name,
    event.status,
    event.impact === "maintenance" ? "none" : event.impact,
    startedAt,
    after(event.monitoring_at),
    after(event.resolved_at),
    maintenance?.scheduled_for ?? null,
    maintenance ? Math.max(maintenance.scheduled_until, maintenance.scheduled_for) : null,
    event.postmortem_body ?? null,
    event.postmortem_body ? (event.postmortem_published_at ?? event.postmortem_body_last_updated_at ?? now) : null,
    event.postmortem_body ? (event.postmortem_body_last_updated_at ?? event.postmortem_published_at ?? now) : null,
    updates.length,
    event.created_at,
    Math.max(now, event.created_at),
  ]);
  const touched = new Set((event.components ?? []).flatMap((c) => componentIds.get(c.id) ?? []));
  // The hosted page often records a component's status as it stood at each update (old = new):
  // a component is taken to be operational before the event, to move when an update first shows it
  // otherwise, and to be back once a resolved event's last update left it elsewhere.
  const statusOf = new Map<string, ComponentStatus>();
  const move = (componentId: string, to: ComponentStatus, at: number, updateId: string | null) => {
    const from = statusOf.get(componentId) ?? "operational";
    if (from !== to) rows.statusChanges.push([pageId, componentId, from, to, at, id, updateId, now]);
    statusOf.set(componentId, to);
  };
  for (const [i, u] of updates.entries()) {
    const updateId = newId();
    rows.updates.push([updateId, id, i + 1, u.status, u.body, shownAt(u), u.created_at, u.created_at]);
    for (const a of u.affected_components ?? []) {
      const componentId = componentIds.get(a.code)!;
      touched.add(componentId);
      const from = a.old_status ?? statusOf.get(componentId) ?? "operational";
      move(componentId, from, shownAt(u), updateId);
      move(componentId, a.new_status, shownAt(u), updateId);
      rows.updateComponents.push([updateId, id, componentId, a.name, from, a.new_status]);
    }
  }
  const resolvedAt = after(event.resolved_at);
  if (resolvedAt !== null) for (const componentId of statusOf.keys()) move(componentId, "operational", resolvedAt, null);
  for (const componentId of touched) rows.eventComponents.push([id, componentId]);
}
