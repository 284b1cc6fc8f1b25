import type { EventFields, EventPlan, EventState } from "../domain/event-plan";
import type { AuditDetail } from "./commit";

// The fields an operator recognises; counters, versions and computed impact stay out of the log.
const SHOWN = [
  "name",
  "status",
  "impactOverride",
  "startedAt",
  "scheduledFor",
  "scheduledUntil",
  "autoStart",
  "autoComplete",
  "cancelledAt",
  "postmortemPublishedAt",
] as const;
const TIMES = new Set<string>(["startedAt", "scheduledFor", "scheduledUntil", "cancelledAt", "postmortemPublishedAt"]);
const EXCERPT = 280;

const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);
const shown = (key: string, value: unknown) => (TIMES.has(key) && typeof value === "number" ? new Date(value).toISOString() : value);

/** A short before and after of an event change, for the audit log. */
export function eventAudit(state: EventState, p: EventPlan): AuditDetail {
  const fields: Partial<EventFields> = p.create ?? p.set;
  const was = state.event as Record<string, unknown> | null;
  // A new event shows what it was given (no empty fields); a change shows what moved.
  const keys = SHOWN.filter((k) => fields[k] !== undefined && (p.create ? fields[k] !== null : was?.[k] !== fields[k]));
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of keys) {
    if (was && key in was) before[key] = shown(key, was[key]);
    after[key] = shown(key, fields[key]);
  }
  if (p.post) after.update = { status: p.post.status, body: excerpt(p.post.body) };
  if (p.editUpdate) after.update_text = excerpt(p.editUpdate.body);
  if (fields.postmortemBody) after.postmortem = excerpt(fields.postmortemBody);
  const name = (id: string) => state.components.get(id)?.name ?? id;
  if (p.transitions.length > 0) {
    before.components = Object.fromEntries(p.transitions.map((t) => [name(t.componentId), t.oldStatus]));
    after.components = Object.fromEntries(p.transitions.map((t) => [name(t.componentId), t.newStatus]));
  }
  if ("replace" in p.affected && !sameSet(p.affected.replace, state.affectedIds)) {
    before.affects = state.affectedIds.map(name);
    after.affects = p.affected.replace.map(name);
  }
  if (p.remove && state.event) before.name = state.event.name;
  return {
    target: p.remove ? `${p.kind}:${p.eventId}` : undefined,
    eventId: p.eventId,
    before: state.event ? before : null,
    after: p.remove ? null : after,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
