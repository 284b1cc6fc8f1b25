// Every admin route (src/admin/*.ts), with a body it would accept and the fields its schema knows,
// and the demo page they are exercised against.
import { insertComponent, insertEvent, insertTemplate } from "../db/rows";
import { seedDemo } from "./fixtures";
import { adminJson } from "./http";

export interface Targets {
  page: string;
  component: string;
  group: string;
  incident: string;
  update: string;
  resolved: string;
  maintenance: string;
  template: string;
}

export interface AdminRoute {
  method: string;
  /** With `{component}`, `{incident}`, ... where the seeded targets' ids go. */
  path: string;
  /** A body the route accepts; none for routes without one. */
  valid?: Record<string, unknown>;
  /** Every key the route's schema knows. */
  fields?: string[];
  /** The path segment a DELETE consumes: made fresh for each case so the seeded targets stay. */
  fresh?: "component" | "incident" | "template";
}

const PAGE_FIELDS = ["name", "url", "host", "time_zone", "default", "settings"];
const COMPONENT_FIELDS = ["name", "description", "group", "group_id", "status", "showcase", "only_show_if_degraded", "start_date"];
const UPDATE_FIELDS = ["status", "body", "display_at", "components", "deliver_notifications"];
const DAY = 86_400_000;
/** A maintenance window a month ahead of the real clock (the API refuses plans too far ahead). */
const WINDOW = { scheduled_for: new Date(Date.now() + 30 * DAY).toISOString(), scheduled_until: new Date(Date.now() + 30 * DAY + 2 * 3_600_000).toISOString() };

export const ADMIN_ROUTES: AdminRoute[] = [
  { method: "GET", path: "/pages" },
  { method: "POST", path: "/pages", valid: { name: "Fuzz page", url: "https://fuzz.example" }, fields: PAGE_FIELDS },
  { method: "GET", path: "/page" },
  { method: "PATCH", path: "/page", valid: { name: "Blip" }, fields: PAGE_FIELDS },
  { method: "GET", path: "/components" },
  { method: "POST", path: "/components", valid: { name: "Fuzz component" }, fields: COMPONENT_FIELDS },
  { method: "PUT", path: "/components/order", valid: { group_id: "{group}", ids: [] }, fields: ["group_id", "ids"] },
  { method: "GET", path: "/components/{component}" },
  { method: "PATCH", path: "/components/{component}", valid: { description: "Fuzzed" }, fields: COMPONENT_FIELDS.filter((f) => f !== "group") },
  { method: "DELETE", path: "/components/{component}", fresh: "component" },
  { method: "GET", path: "/incidents" },
  {
    method: "POST",
    path: "/incidents",
    valid: { name: "Fuzz incident", body: "Looking." },
    fields: ["name", "status", "body", "impact", "started_at", "display_at", "components", "deliver_notifications"],
  },
  { method: "GET", path: "/incidents/{incident}" },
  { method: "PATCH", path: "/incidents/{incident}", valid: { name: "Open incident" }, fields: ["name", "impact", "started_at"] },
  { method: "DELETE", path: "/incidents/{incident}", fresh: "incident" },
  { method: "POST", path: "/incidents/{incident}/updates", valid: { body: "Still looking." }, fields: UPDATE_FIELDS },
  { method: "PATCH", path: "/incidents/{incident}/updates/{update}", valid: { body: "Corrected." }, fields: ["body"] },
  { method: "PUT", path: "/incidents/{resolved}/postmortem", valid: { body: "What happened." }, fields: ["body", "published_at"] },
  { method: "GET", path: "/maintenances" },
  {
    method: "POST",
    path: "/maintenances",
    valid: { name: "Fuzz maintenance", body: "Planned.", ...WINDOW },
    fields: ["name", "body", "scheduled_for", "scheduled_until", "component_ids", "auto_start", "auto_complete", "deliver_notifications"],
  },
  { method: "GET", path: "/maintenances/{maintenance}" },
  {
    method: "PATCH",
    path: "/maintenances/{maintenance}",
    valid: { name: "Planned maintenance" },
    fields: ["name", "scheduled_for", "scheduled_until", "component_ids", "auto_start", "auto_complete"],
  },
  { method: "POST", path: "/maintenances/{maintenance}/updates", valid: { body: "On schedule." }, fields: UPDATE_FIELDS },
  { method: "POST", path: "/maintenances/{maintenance}/cancel", valid: { body: "Not needed." }, fields: ["body"] },
  { method: "GET", path: "/templates" },
  { method: "POST", path: "/templates", valid: { name: "Fuzz template", status: "identified", body: "Found it." }, fields: ["kind", "name", "status", "body"] },
  { method: "GET", path: "/templates/{template}" },
  { method: "PATCH", path: "/templates/{template}", valid: { body: "Still looking." }, fields: ["name", "status", "body"] },
  { method: "DELETE", path: "/templates/{template}", fresh: "template" },
  { method: "GET", path: "/audit" },
  { method: "POST", path: "/demo" },
  {
    method: "POST",
    path: "/import",
    valid: {
      summary: { page: { id: "fuzzsource01", name: "Fuzz import", url: "https://fuzz-import.example", time_zone: "Etc/UTC" }, components: [] },
      host: "fuzz-import.test",
      dry_run: true,
    },
    fields: ["summary", "incidents", "maintenances", "host", "dry_run"],
  },
  { method: "GET", path: "/jobs" },
];

export const WITH_BODY = ADMIN_ROUTES.filter((r) => r.valid !== undefined);

const ok = async (method: string, path: string, body?: unknown) => {
  const { status, json } = await adminJson(method, path, body);
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
  return json;
};

/**
 * The Blip demo page, served on status.test (so a page another case creates as default does not
 * take its place), with an open incident, a resolved one with a postmortem and a planned maintenance.
 */
export async function seedTargets(): Promise<Targets> {
  const { page } = await seedDemo();
  await ok("PATCH", "/page", { host: "status.test" });
  const components = (await ok("GET", "/components")).components as { id: string; group: boolean; name: string }[];
  const group = components.find((c) => c.group)!;
  const component = components.find((c) => !c.group)!;
  const open = (await ok("POST", "/incidents", { name: "Open incident", body: "Looking.", components: [{ id: component.id, status: "degraded_performance" }] }))
    .incident;
  const resolved = ((await ok("GET", "/incidents")).incidents as { id: string; status: string }[]).find(
    (i) => i.status === "postmortem" || i.status === "resolved",
  )!;
  const maintenance = (await ok("POST", "/maintenances", { name: "Planned maintenance", body: "Planned.", ...WINDOW })).scheduled_maintenance;
  const template = ((await ok("GET", "/templates")).templates as { id: string }[])[0]!;
  return {
    page: page.id,
    component: component.id,
    group: group.id,
    incident: open.id,
    update: open.incident_updates[0].id,
    resolved: resolved.id,
    maintenance: maintenance.id,
    template: template.id,
  };
}

/** A component, an incident or a template of `pageId` for one case to delete (written straight to D1: faster). */
export async function freshTarget(kind: "component" | "incident" | "template", pageId: string): Promise<string> {
  if (kind === "template") return insertTemplate(pageId);
  if (kind === "component") return insertComponent(pageId, "Throwaway", { position: 999 });
  return (await insertEvent(pageId, { status: "resolved", startedAt: Date.parse("2026-01-01T00:00:00Z") })).id;
}

/** The route's path and body with the targets' ids filled in. */
export function fill<T>(value: T, targets: Targets): T {
  return JSON.parse(JSON.stringify(value).replace(/\{(\w+)\}/g, (whole, name: string) => (targets as unknown as Record<string, string>)[name] ?? whole)) as T;
}
