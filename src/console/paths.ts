/** A page's console URLs: /admin/<page id>/<section>. */
export const consolePath = (pageId: string, suffix = "") => `/admin/${pageId}${suffix}`;

export const incidentPath = (pageId: string, id: string, suffix = "") => consolePath(pageId, `/incidents/${id}${suffix}`);
export const maintenancePath = (pageId: string, id: string, suffix = "") => consolePath(pageId, `/maintenances/${id}${suffix}`);
export const subscriberPath = (pageId: string, id: string, suffix = "") => consolePath(pageId, `/subscribers/${id}${suffix}`);

/** Where the console shows a written resource ("incident:abc…", as an Idempotency-Key's claim names it). */
export function resourcePath(pageId: string, resource: string | null): string {
  const [type = "", id = ""] = (resource ?? "").split(":");
  if (type === "incident") return incidentPath(pageId, id);
  if (type === "maintenance") return maintenancePath(pageId, id);
  if (type === "subscriber" || type === "subscriber-secret") return subscriberPath(pageId, id);
  if (type === "page") return consolePath(id);
  if (type === "template") return consolePath(pageId, "/templates");
  if (type === "component" || type === "components") return consolePath(pageId, "/components");
  return consolePath(pageId);
}
