import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { findPageForHost } from "../db/queries/pages";
import type { ComponentRow, PageRow } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";
import { Presenter } from "../public-api/present";
import type { WriteContext } from "../services/context";

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

export function writeContext(c: Context<AppEnv>): WriteContext {
  return { db: c.get("db"), kv: c.env.CACHE, page: c.get("page"), now: c.get("now") };
}

export function presentComponents(page: PageRow, rows: ComponentRow[]) {
  return new Presenter({ page, components: rows, events: [], rollups: [], statusChanges: [], statusBefore: new Map() }).components;
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
    created_at: iso(page.createdAt),
    updated_at: iso(page.updatedAt),
  };
}
