import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { listComponents } from "../db/queries/components";
import { findPageForHost, getPage } from "../db/queries/pages";
import { eventSnapshot, loadSnapshot, type PageSnapshot } from "../db/queries/snapshot";
import type { ComponentRow, PageRow, TemplateRow } from "../db/schema";
import type { AppEnv } from "../env";
import { pageLanguages } from "../i18n/locales";
import { ApiError } from "../http/api-error";
import { notFound } from "../lib/errors";
import type { EventKind } from "../present/links";
import { Presenter } from "../present/statuspage";
import type { Committed } from "../writes/commit";
import type { WriteContext } from "../writes/context";
import { requireTemplate } from "../writes/templates";
import { requestNotifier } from "../subscribers/request-notifier";
import { requireSubscriber } from "../writes/subscribers";
import { presentSubscriber } from "./subscribers";

/** The page this host administers, read from D1 (admin never answers from KV). */
export const adminPage = () =>
  createMiddleware<AppEnv>(async function adminPage(c, next) {
    const page = await findPageForHost(c.get("db"), new URL(c.req.url).hostname);
    if (!page) {
      throw new ApiError(409, "page_not_configured", "Create a page first: POST /api/admin/pages.", [{ field: "header.host", message: "No page yet." }]);
    }
    c.set("page", page);
    await next();
  });

/** A write by this request, before the page is known (creating one). */
export function requestWriter(c: Context<AppEnv>): Omit<WriteContext, "page"> {
  const idempotency = c.get("idempotency");
  return {
    db: c.get("db"),
    kv: c.env.CACHE,
    now: c.get("now"),
    actor: c.get("actor") ?? "api",
    notifier: requestNotifier(c),
    ...(idempotency ? { idempotency } : {}),
  };
}

export function writeContext(c: Context<AppEnv>): WriteContext {
  return { ...requestWriter(c), page: c.get("page") };
}

/** The header every committed write answers with: whether the public pages already show it. */
export const REFRESH_HEADER = "Edge-Status-Refresh";

/** Marks the answer to a committed write: "done", or "pending" when the minute job will finish publishing it. */
export function saidPublished(c: Context<AppEnv>, committed: Pick<Committed, "published">): void {
  c.header(REFRESH_HEADER, committed.published ? "done" : "pending");
}

export function presentComponents(page: PageRow, rows: ComponentRow[]) {
  return new Presenter({ page, components: rows, events: [], rollups: [], statusChanges: [], statusBefore: new Map() }).components;
}

/** The event as the admin API answers it, from a snapshot read from D1 (now, or in the write's own batch). */
export function presentEvent(data: { snapshot: PageSnapshot }, id: string) {
  const snapshot = eventSnapshot(data.snapshot, id);
  const record = snapshot?.events[0];
  if (!snapshot || !record) throw notFound("Event");
  const presenter = new Presenter(snapshot);
  if (record.row.kind === "incident") return presenter.incident(record);
  const { row } = record;
  return { ...presenter.maintenance(record), auto_start: row.autoStart, auto_complete: row.autoComplete, cancelled: row.cancelledAt !== null };
}

/** One event as the admin API shows it, read from D1 now. */
export async function presentEventFromDb(c: Context<AppEnv>, kind: EventKind, id: string) {
  const snapshot = await loadSnapshot(c.get("db"), c.get("page").id, id);
  if (!snapshot || snapshot.events[0]?.row.kind !== kind) throw notFound(kind === "incident" ? "Incident" : "Scheduled maintenance");
  return presentEvent({ snapshot }, id);
}

/** A written resource as its write answered, read from D1 now: for an Idempotency-Key whose first answer was lost. */
export async function presentResource(c: Context<AppEnv>, resource: string): Promise<unknown> {
  const [type, id = ""] = resource.split(":");
  const db = c.get("db");
  if (type === "page") {
    const page = await getPage(db, id);
    if (!page) throw notFound("Page");
    return { page: presentAdminPage(page) };
  }
  const page = await findPageForHost(db, new URL(c.req.url).hostname);
  if (!page) throw notFound("Page");
  c.set("page", page);
  if (type === "incident") return { incident: await presentEventFromDb(c, "incident", id) };
  if (type === "maintenance") return { scheduled_maintenance: await presentEventFromDb(c, "maintenance", id) };
  if (type === "template") return { template: presentTemplate(await requireTemplate({ db, page }, id)) };
  if (type === "subscriber" || type === "subscriber-secret") {
    const subscriber = await requireSubscriber({ db, page }, id);
    const answer = { subscriber: presentSubscriber(subscriber, undefined, c.get("now")) };
    // The replay of a lost create or rotate answer shows the secret again: the client never saw it.
    return type === "subscriber-secret" ? { ...answer, secret: subscriber.secret } : answer;
  }
  const components = presentComponents(page, await listComponents(db, page.id));
  if (type === "components") return { components };
  const component = components.find((p) => p.id === id);
  if (!component) throw notFound("Component");
  return { component };
}

export function presentAdminPage(page: PageRow) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    host: page.host,
    time_zone: page.timeZone,
    default: page.isDefault,
    settings: page.settings,
    ...pageLanguages(page.settings),
    created_at: iso(page.createdAt),
    updated_at: iso(page.updatedAt),
  };
}

export function presentTemplate(t: TemplateRow) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { id: t.id, kind: t.kind, name: t.name, status: t.status, body: t.body, created_at: iso(t.createdAt), updated_at: iso(t.updatedAt) };
}
