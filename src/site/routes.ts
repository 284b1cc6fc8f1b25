import { type Context, Hono } from "hono";
import { buildHistoryHtml } from "./history-data";
import { htmlKey, type HtmlName } from "../cache/keys";
import { getPage } from "../db/queries/pages";
import { loadSnapshot } from "../db/queries/snapshot";
import { localYear } from "../domain/time";
import type { AppEnv } from "../env";
import { publicPage, publicPageId, serveCached } from "../cache/serve";
import { sendHtml } from "../http/html-response";
import { ID_PATTERN } from "../lib/ids";
import { errorHtml, eventHtml, homeHtml } from "./build";
import { loadHomeSnapshot } from "../present/home-data";
import { EVENT_SEGMENT } from "../present/links";

async function notFoundPage(c: Context<AppEnv>, pageId: string | null, message: string): Promise<Response> {
  // The page's name is a nicety: with D1 down the 404 still answers, unnamed.
  const page = pageId ? ((await getPage(c.get("db"), pageId).catch(() => undefined)) ?? null) : null;
  return sendHtml(c, errorHtml("Page not found", message, page, c.get("now")), { status: 404 });
}

/** Serves one cached HTML page of the host's status page, building it from D1 on a miss. */
export async function serveHtml(c: Context<AppEnv>, name: (pageId: string) => HtmlName, build: (pageId: string) => Promise<string | null>, missing: string) {
  const page = await publicPage(c);
  if (!page) return notFoundPage(c, null, "No status page is configured for this address yet.");
  const pageId = page.id;
  return serveCached(c, {
    key: htmlKey(pageId, name(pageId)),
    generation: page.generation,
    contentType: "html",
    build: () => build(pageId),
    missing: () => notFoundPage(c, pageId, missing),
  });
}

export function pagesApp() {
  const app = new Hono<AppEnv>();

  app.get("/", (c) =>
    serveHtml(
      c,
      () => "home",
      async (pageId) => {
        const snapshot = await loadHomeSnapshot(c.get("db"), pageId, c.get("now"));
        return snapshot ? homeHtml(snapshot, c.get("now")) : null;
      },
      "This status page no longer exists.",
    ),
  );

  for (const kind of ["incident", "maintenance"] as const) {
    app.get(`/${EVENT_SEGMENT[kind]}/:id`, (c) => {
      const id = c.req.param("id");
      const what = kind === "incident" ? "incident" : "scheduled maintenance";
      if (!ID_PATTERN.test(id)) return publicPageId(c).then((pageId) => notFoundPage(c, pageId, `There is no ${what} at this address.`));
      return serveHtml(
        c,
        () => `${kind}:${id}`,
        async (pageId) => {
          const snapshot = await loadSnapshot(c.get("db"), pageId, id);
          return snapshot?.events[0]?.row.kind === kind ? eventHtml(snapshot, id, c.get("now")) : null;
        },
        `There is no ${what} at this address.`,
      );
    });
  }

  app.get("/history", async (c) => {
    const now = c.get("now");
    const raw = c.req.query("year");
    const page = await publicPage(c);
    if (!page) return notFoundPage(c, null, "No status page is configured for this address yet.");
    const pageId = page.id;
    const thisYear = localYear(now, page.timeZone);
    const year = raw === undefined ? thisYear : Number(raw);
    // Never the query's own text: the page says which years it can show.
    if (!/^\d{4}$/.test(raw ?? String(thisYear)) || year < 2000 || year > thisYear) {
      return notFoundPage(c, pageId, `There is no history for that year: this page can show 2000 to ${thisYear}.`);
    }
    return serveHtml(
      c,
      () => `history:${year}`,
      () => buildHistoryHtml(c.get("db"), pageId, page.timeZone, year, now),
      "This status page no longer exists.",
    );
  });

  return app;
}
