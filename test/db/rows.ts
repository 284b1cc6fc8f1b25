import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import { components, incidentComponents, incidents, incidentUpdates, pages, templates, updateComponents } from "../../src/db/schema";
import type { ComponentStatus } from "../../src/domain/statuses";
import { newId } from "../../src/lib/ids";
import { NOW } from "../helpers/fixtures";

// Rows written straight to D1, for query tests that need shapes the admin API takes many calls to build.

export const db = createDb(env.DB);

export const HOUR = 3_600_000;

export async function insertPage(name: string): Promise<string> {
  const id = newId();
  await db.insert(pages).values({ id, name, url: `https://${id}.test`, timeZone: "Etc/UTC", createdAt: NOW, updatedAt: NOW });
  return id;
}

export async function insertComponent(pageId: string, name: string, extra: Partial<typeof components.$inferInsert> = {}): Promise<string> {
  const id = newId();
  await db.insert(components).values({ id, pageId, name, position: 1, createdAt: NOW, updatedAt: NOW, ...extra });
  return id;
}

/** A throwaway update template (its name unique), for a case that deletes one. */
export async function insertTemplate(pageId: string): Promise<string> {
  const id = newId();
  await db
    .insert(templates)
    .values({ id, pageId, kind: "incident", name: `Throwaway ${id}`, status: "investigating", body: "Looking.", createdAt: NOW, updatedAt: NOW });
  return id;
}

export interface TransitionSpec {
  componentId: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

export interface EventSpec {
  kind?: "incident" | "maintenance";
  status: string;
  startedAt: number;
  /** One entry per update, in posting order (seq 1, 2, ...): its display time and transitions. */
  updates?: { displayAt: number; transitions?: TransitionSpec[] }[];
}

/** Inserts an event with its updates, their transitions and the affected components; returns the ids. */
export async function insertEvent(pageId: string, spec: EventSpec): Promise<{ id: string; updateIds: string[] }> {
  const id = newId();
  const kind = spec.kind ?? "incident";
  const updates = (spec.updates ?? [{ displayAt: spec.startedAt }]).map((u, i) => ({ ...u, id: newId(), seq: i + 1 }));
  const transitions = updates.flatMap((u) =>
    (u.transitions ?? []).map((t) => ({
      updateId: u.id,
      incidentId: id,
      componentId: t.componentId,
      componentName: t.componentId,
      oldStatus: t.from,
      newStatus: t.to,
    })),
  );
  const affected = [...new Set(transitions.map((t) => t.componentId))];
  const closed = ["resolved", "postmortem", "completed"].includes(spec.status);
  await db.batch([
    db.insert(incidents).values({
      id,
      pageId,
      kind,
      name: `${kind} ${id}`,
      status: spec.status,
      startedAt: spec.startedAt,
      resolvedAt: closed ? spec.startedAt + HOUR : null,
      scheduledFor: kind === "maintenance" ? spec.startedAt : null,
      scheduledUntil: kind === "maintenance" ? spec.startedAt + HOUR : null,
      lastUpdateSeq: updates.length,
      createdAt: NOW,
      updatedAt: NOW,
    }),
    ...updates.map((u) =>
      db
        .insert(incidentUpdates)
        .values({ id: u.id, incidentId: id, seq: u.seq, status: spec.status, body: `update ${u.seq}`, displayAt: u.displayAt, createdAt: NOW, updatedAt: NOW }),
    ),
    ...transitions.map((t) => db.insert(updateComponents).values(t)),
    ...affected.map((componentId) => db.insert(incidentComponents).values({ incidentId: id, componentId })),
  ]);
  return { id, updateIds: updates.map((u) => u.id) };
}
