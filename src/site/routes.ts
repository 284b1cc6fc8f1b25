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
import { ENGLISH_VOICE, type Voice } from "../i18n/words";
import { loadHomeSnapshot } from "../present/home-data";
import { EVENT_SEGMENT } from "../present/links";

type ErrorWords = Voice["t"]["page"]["errors"];

/**
 * A 404 named after the page from the routing record, in the reader's language: a stranger's loop
 * of bad addresses never reaches D1.
 */
async function notFoundPage(c: Context<AppEnv>, page: PublicPage | null, message: (say: ErrorWords) => string | Promise<string>): Promise<Response> {
  const voice = page ? readerWords(c, page.languages) : ENGLISH_VOICE;
  const say = voice.t.page.errors;
  const identity = page ? pageIdentity(await publicSite(c), page.id) : null;
  // The language switch leads to the same address without its query: an error page never echoes what it was asked.
  const path = new URL(c.req.url).pathname;
  return sendHtml(c, errorHtml(say.notFound, await message(say), identity, c.get("now"), voice, path), { status: 404 });
}

/**
 * Serves one cached HTML page of the host's status page, building it from D1 on a miss unless
 * `mayExist` says KV already knows it does not exist.
 */
export async function serveHtml(
  c: Context<AppEnv>,
  name: HtmlName,
  build: (pageId: string, voice: Voice) => Promise<string | null>,
  missing: (say: ErrorWords) => string | Promise<string>,
  mayExist?: (page: PublicPage) => Promise<boolean>,
) {
  const page = await publicPage(c);
  if (!page) return notFoundPage(c, null, (say) => say.noPage);
  const voice = readerWords(c, page.languages);
  return serveCached(c, {
    key: htmlKey(page.id, name, voice.locale),
    generation: page.generation,
    contentType: "html",
    ...(voice.locale === page.languages[0] ? {} : { standIn: htmlKey(page.id, name, page.languages[0]!) }),
    build: () => build(page.id, voice),
    ...(mayExist ? { mayExist: () => mayExist(page) } : {}),
    missing: () => notFoundPage(c, page, missing),
  });
}

export function pagesApp() {
  const app = new Hono<AppEnv>();

  app.get("/", (c) =>
    serveHtml(
      c,
      "home",
      async (pageId, voice) => {
        const snapshot = await loadHomeSnapshot(c.get("db"), pageId, c.get("now"));
        return snapshot ? homeHtml(snapshot, c.get("now"), voice) : null;
      },
      (say) => say.pageGone,
    ),
  );

  for (const kind of ["incident", "maintenance"] as const) {
    app.get(`/${EVENT_SEGMENT[kind]}/:id`, (c) => {
      const id = c.req.param("id");
      const missing = (say: ErrorWords) => (kind === "incident" ? say.noIncident : say.noMaintenance);
      if (!ID_PATTERN.test(id)) return publicPage(c).then((page) => notFoundPage(c, page, missing));
      return serveHtml(
        c,
        `${kind}:${id}`,
        async (pageId, voice) => {
          const snapshot = await loadSnapshot(c.get("db"), pageId, id);
          return snapshot?.events[0]?.row.kind === kind ? eventHtml(snapshot, id, c.get("now"), voice) : null;
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
    if (!page) return notFoundPage(c, null, (say) => say.noPage);
    const pageId = page.id;
    const thisYear = localYear(now, page.timeZone);
    const year = raw === undefined ? thisYear : Number(raw);
    // The page's first year (its first event or its creation) from the "not found" index; without
    // a current index, any year from 2000 is built from D1. Asked only when the year is not cached.
    const firstYear = async () => Math.min((await publicEventIndex(c, page))?.firstYear ?? 2000, thisYear);
    // Never the query's own text: the page says which years it can show.
    const outOfRange = async (say: ErrorWords) => say.noHistory(await firstYear(), thisYear);
    if (!/^\d{4}$/.test(raw ?? String(thisYear)) || year < 2000 || year > thisYear) return notFoundPage(c, page, outOfRange);
    return serveHtml(
      c,
      `history:${year}`,
      (_, voice) => buildHistoryHtml(c.get("db"), pageId, page.timeZone, year, now, voice),
      outOfRange,
      async () => year >= (await firstYear()),
    );
  });

  return app;
}
