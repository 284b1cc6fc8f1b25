/** A page's console URLs: /admin/<page id>/<section>. */
export const consolePath = (pageId: string, suffix = "") => `/admin/${pageId}${suffix}`;

export const incidentPath = (pageId: string, id: string, suffix = "") => consolePath(pageId, `/incidents/${id}${suffix}`);
export const maintenancePath = (pageId: string, id: string, suffix = "") => consolePath(pageId, `/maintenances/${id}${suffix}`);
