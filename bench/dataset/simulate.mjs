// Plays a scenario in posting order through the app's own planners (planIncidentUpdate,
// planMaintenanceUpdate) with the state the admin code would read at each moment (component
// statuses, what other open events hold), and records the rows its writes would have made:
// the same shapes the write path's executor and transitionStatements write (src/writes/events.ts,
// src/db/queries/components.ts), dated when each update was posted.
import { postmortem } from "./catalog.mjs";

const DAY = 86_400_000;
const OPEN = new Set(["investigating", "identified", "monitoring", "in_progress", "verifying"]);

/** What every other open event holds, as loadEventContext (src/db/queries/events.ts) computes it. */
function heldElsewhere(open, self) {
  const held = new Map();
  const hold = (id, status) => held.set(id, [...(held.get(id) ?? []), status]);
  for (const e of open) {
    if (e === self) continue;
    for (const [id, status] of e.setBy) hold(id, status);
    if (e.kind === "maintenance") for (const id of e.affected) if (!e.setBy.has(id)) hold(id, "under_maintenance");
  }
  return held;
}

function plan(src, e, u, ctx) {
  const input = { status: u.status, displayAt: u.at, components: u.components };
  if (e.kind === "incident") {
    const p = src.planIncidentUpdate({ ...e.state, affectedIds: [...e.affected] }, input, ctx);
    return {
      transitions: p.transitions,
      changes: { status: p.status, monitoringAt: p.monitoringAt, resolvedAt: p.resolvedAt, impactReached: p.impactReached },
    };
  }
  // cancelMaintenance: completed, marked cancelled, no component changes.
  if (u.cancel) return { transitions: [], changes: { status: "completed", cancelledAt: u.at } };
  const p = src.planMaintenanceUpdate({ ...e.state, affectedIds: [...e.affected] }, input, ctx);
  return { transitions: p.transitions, changes: { status: p.status, startedAt: p.startedAt, resolvedAt: p.resolvedAt } };
}

function newEvent(random, pageId, s) {
  const id = random.id();
  const first = s.updates[0].at;
  const base = { id, pageId, kind: s.kind, name: s.name, lastUpdateSeq: 0, createdAt: first, updatedAt: first };
  const row =
    s.kind === "incident"
      ? { ...base, status: "investigating", impactOverride: s.impactOverride, impactReached: "none", startedAt: s.startedAt }
      : {
          ...base,
          status: "scheduled",
          impactReached: "none",
          startedAt: s.scheduledFor,
          scheduledFor: s.scheduledFor,
          scheduledUntil: s.scheduledUntil,
          autoStart: s.autoStart,
          autoComplete: s.autoComplete,
        };
  const state =
    s.kind === "incident"
      ? { status: "investigating", startedAt: s.startedAt, monitoringAt: null, resolvedAt: null, impactReached: "none" }
      : { status: "scheduled", startedAt: s.scheduledFor, resolvedAt: null, cancelledAt: null };
  return { id, kind: s.kind, scenario: s, row, state, affected: new Set(s.componentIds ?? []), setBy: new Map() };
}

export function simulate(src, random, { pageId, components, scenario, now }) {
  const names = new Map(components.map((c) => [c.id, c.name]));
  const status = new Map(components.map((c) => [c.id, "operational"]));
  const rows = { incidents: [], incidentUpdates: [], updateComponents: [], incidentComponents: [], componentStatusChanges: [] };
  const events = scenario.map((s) => newEvent(random, pageId, s));
  const timeline = events.flatMap((e) => e.scenario.updates.map((u, i) => ({ e, u, i }))).sort((a, b) => a.u.at - b.u.at || a.i - b.i);
  const open = new Set();

  for (const { e, u } of timeline) {
    const { transitions, changes } = plan(src, e, u, { componentStatuses: status, heldElsewhere: heldElsewhere(open, e) });
    const seq = ++e.row.lastUpdateSeq;
    const updateId = random.id();
    rows.incidentUpdates.push({
      id: updateId,
      incidentId: e.id,
      seq,
      status: changes.status,
      body: u.body,
      displayAt: u.at,
      deliverNotifications: true,
      createdAt: u.at,
      updatedAt: u.at,
    });
    for (const t of transitions) {
      rows.updateComponents.push({
        updateId,
        incidentId: e.id,
        componentId: t.componentId,
        componentName: names.get(t.componentId),
        oldStatus: t.oldStatus,
        newStatus: t.newStatus,
      });
      e.setBy.set(t.componentId, t.newStatus);
      e.affected.add(t.componentId);
      if (t.oldStatus === t.newStatus) continue;
      // Posted live, in time order: no change is ever dated before a component's latest one.
      rows.componentStatusChanges.push({
        pageId,
        componentId: t.componentId,
        fromStatus: t.oldStatus,
        toStatus: t.newStatus,
        changedAt: u.at,
        incidentId: e.id,
        updateId,
        createdAt: u.at,
      });
      status.set(t.componentId, t.newStatus);
    }
    Object.assign(e.row, changes, { updatedAt: u.at });
    Object.assign(e.state, changes);
    if (OPEN.has(changes.status)) open.add(e);
    else open.delete(e);
  }

  for (const e of events) {
    // setPostmortem: some serious, resolved incidents get one a few days later.
    const r = e.row;
    if (e.kind === "incident" && r.status === "resolved" && (r.impactReached === "major" || r.impactReached === "critical") && random.chance(0.3)) {
      const at = r.resolvedAt + random.int(1, 5) * DAY;
      if (at < now)
        Object.assign(r, {
          status: "postmortem",
          postmortemBody: postmortem(r.name, e.scenario.lead ?? "the platform", e.scenario.region),
          postmortemPublishedAt: at,
          postmortemUpdatedAt: at,
          updatedAt: at,
        });
    }
    rows.incidents.push(r);
    for (const componentId of e.affected) rows.incidentComponents.push({ incidentId: e.id, componentId });
  }
  const stillOpen = [...open].map((e) => e.id);
  const notOperational = [...status].filter(([, s]) => s !== "operational");
  if (stillOpen.length > 0 || notOperational.length > 0)
    throw new Error(`history should end settled: open ${stillOpen}, components ${JSON.stringify(notOperational)}`);
  return rows;
}
