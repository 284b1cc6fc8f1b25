import { type Context, Hono } from "hono";
import { buildHistoryHtml } from "./history-data";
import { htmlKey, type HtmlName } from "../cache/keys";
import { loadSnapshot } from "../db/queries/snapshot";
import { localYear } from "../domain/time";
import type { AppEnv } from "../env";
import { pageIdentity, publicEventIndex, publicEventMayExist, publicPage, publicSite, type PublicPage, readerWords, serveCached } from "../cache/serve";
import { sendHtml } from "../http/html-response";
import { ID_PATTERN } from "../lib/ids";
import { errorHtml, eventHtml, homeHtml } from "./build";
import { loadHomeSnapshot } from "../present/home-data";
import { EVENT_SEGMENT } from "../present/links";

/** A 404 named after the page from the routing record: a stranger's loop of bad addresses never reaches D1. */
async function notFoundPage(c: Context<AppEnv>, pageId: string | null, message: string): Promise<Response> {
  const page = pageId ? pageIdentity(await publicSite(c), pageId) : null;
  return sendHtml(c, errorHtml("Page not found", message, page, c.get("now")), { status: 404 });
}

/**
 * Serves one cached HTML page of the host's status page, building it from D1 on a miss unless
 * `mayExist` says KV already knows it does not exist.
 */
export async function serveHtml(
  c: Context<AppEnv>,
  name: (pageId: string) => HtmlName,
  build: (pageId: string) => Promise<string | null>,
  missing: string | (() => Promise<string>),
  mayExist?: (page: PublicPage) => Promise<boolean>,
) {
  const page = await publicPage(c);
  if (!page) return notFoundPage(c, null, "No status page is configured for this address yet.");
  const pageId = page.id;
  const words = readerWords(c, page.languages);
  return serveCached(c, {
    key: htmlKey(pageId, name(pageId), words.locale),
    generation: page.generation,
    contentType: "html",
    build: () => build(pageId),
    ...(mayExist ? { mayExist: () => mayExist(page) } : {}),
    missing: async () => notFoundPage(c, pageId, typeof missing === "string" ? missing : await missing()),
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
      const missing = `There is no ${what} at this address.`;
      if (!ID_PATTERN.test(id)) return publicPage(c).then((page) => notFoundPage(c, page?.id ?? null, missing));
      return serveHtml(
        c,
        () => `${kind}:${id}`,
        async (pageId) => {
          const snapshot = await loadSnapshot(c.get("db"), pageId, id);
          return snapshot?.events[0]?.row.kind === kind ? eventHtml(snapshot, id, c.get("now")) : null;
        },
        missing,
        (page) => publicEventMayExist(c, page, kind, id),
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
    // The page's first year (its first event or its creation) from the "not found" index; without
    // a current index, any year from 2000 is built from D1. Asked only when the year is not cached.
    const firstYear = async () => Math.min((await publicEventIndex(c, page))?.firstYear ?? 2000, thisYear);
    // Never the query's own text: the page says which years it can show.
    const outOfRange = async () => {
      const first = await firstYear();
      return `There is no history for that year: this page can show ${first === thisYear ? `only ${thisYear}` : `${first} to ${thisYear}`}.`;
    };
    if (!/^\d{4}$/.test(raw ?? String(thisYear)) || year < 2000 || year > thisYear) return notFoundPage(c, pageId, await outOfRange());
    return serveHtml(
      c,
      () => `history:${year}`,
      () => buildHistoryHtml(c.get("db"), pageId, page.timeZone, year, now),
      outOfRange,
      async () => year >= (await firstYear()),
    );
  });

  return app;
}
