import type { Context } from "hono";
import { eventBodyKey, pageBodyKey } from "../cache/keys";
import { loadSnapshot } from "../db/queries/snapshot";
import type { AppEnv } from "../env";
import { publicEventMayExist, publicPage, type PublicPage, serveCached } from "../cache/serve";
import { ID_PATTERN } from "../lib/ids";
import { ApiError } from "../http/api-error";
import { notFound } from "../lib/errors";
import { type BodyName, buildBodies, buildEventBody } from "./bodies";
import { buildStatsBody, loadStatsFacts } from "./stats";

async function requirePage(c: Context<AppEnv>): Promise<PublicPage> {
  const page = await publicPage(c);
  if (!page) {
    throw new ApiError(404, "page_not_configured", "No status page is configured yet. Create one with POST /api/admin/pages.", [
      { field: "header.host", message: "No page for this host and no default page." },
    ]);
  }
  return page;
}

export async function servePageBody(c: Context<AppEnv>, name: BodyName | "stats"): Promise<Response> {
  const { id: pageId, generation } = await requirePage(c);
  return serveCached(c, {
    key: pageBodyKey(pageId, name),
    generation,
    contentType: "json",
    build: async () => {
      const db = c.get("db");
      const snapshot = await loadSnapshot(db, pageId);
      if (!snapshot) return null;
      if (name === "stats") return JSON.stringify(buildStatsBody(snapshot, await loadStatsFacts(db, pageId, c.get("now")), c.get("now")));
      return JSON.stringify(buildBodies(snapshot, [name]).get(name));
    },
    missing: () => {
      throw new ApiError(404, "page_not_configured", "This page no longer exists.");
    },
  });
}

export async function serveEventBody(c: Context<AppEnv>, id: string, kind: "incident" | "maintenance"): Promise<Response> {
  const page = await requirePage(c);
  const { id: pageId, generation } = page;
  const missing = () => notFound(kind === "incident" ? "Incident" : "Scheduled maintenance");
  if (!ID_PATTERN.test(id)) throw missing();
  return serveCached(c, {
    key: eventBodyKey(pageId, kind, id),
    generation,
    contentType: "json",
    mayExist: () => publicEventMayExist(c, page, kind, id),
    build: async () => {
      const snapshot = await loadSnapshot(c.get("db"), pageId, id);
      const record = snapshot?.events[0];
      if (!snapshot || record?.row.kind !== kind) return null;
      return JSON.stringify(buildEventBody(snapshot, id));
    },
    missing: () => {
      throw missing();
    },
  });
}
