import { BADGE_CACHE_CONTROL } from "../http/cache-control";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { pageBodyKey } from "../cache/keys";
import { loadSnapshot } from "../db/queries/snapshot";
import type { AppEnv } from "../env";
import { zodDetails } from "../http/errors";
import { etagMatches, type Found, foundHeaders, type PublicPage, readerWords, readThrough, serveCached } from "../cache/serve";
import { ApiError } from "../http/api-error";
import { notFound } from "../lib/errors";
import type { Words } from "../i18n/words";
import { ID_PATTERN } from "../lib/ids";
import { loadHomeSnapshot } from "../present/home-data";
import { type BadgeData, badgeData, componentMessage, pageMessage, uptimeMessage } from "./badge-data";
import { type BadgeColour, badgeSvg } from "./badge-svg";
import { atomFeed, rssFeed } from "./feeds";
import { registerFrame } from "./frame";
import { requirePage } from "./require-page";
import { registerWidgetWords } from "./widget-words";

// READMEs embed badges through caching proxies (GitHub's camo): short enough to follow an outage.
// Shields.io caches endpoint badges for at least this long anyway.
const SHIELDS_CACHE_SECONDS = 300;

const BadgeQuery = z.strictObject({
  label: z
    .string()
    .trim()
    .min(1, "Give a label of 1 to 40 characters.")
    .max(40, "Give a label of 1 to 40 characters.")
    .regex(/^[^\u0000-\u001F\u007F]*$/, "Control characters cannot be drawn.")
    .optional(),
  theme: z.enum(["light", "dark"]).optional(),
  // As on every public surface: the page's language if it speaks this one, else ignored (see readerWords).
  lang: z.string().optional(),
});

function badgeQuery(c: Context<AppEnv>) {
  const parsed = BadgeQuery.safeParse(c.req.query());
  if (!parsed.success)
    throw new ApiError(400, "validation_failed", "The badge options did not pass validation; see details.", zodDetails(parsed.error, "query"));
  return { label: parsed.data.label, theme: parsed.data.theme ?? "light" };
}

async function loadBadgeData(c: Context<AppEnv>, page: PublicPage): Promise<{ data: BadgeData; found: Found }> {
  const { id: pageId, generation } = page;
  const found = await readThrough(c, {
    key: pageBodyKey(pageId, "badges"),
    generation,
    contentType: "json",
    build: async () => {
      const snapshot = await loadHomeSnapshot(c.get("db"), pageId, c.get("now"));
      return snapshot ? JSON.stringify(badgeData(snapshot, c.get("now"))) : null;
    },
  });
  if (!found) throw notFound("Status page", "header.host");
  return { data: JSON.parse(found.cached.body) as BadgeData, found };
}

type Pick = (data: BadgeData, words: Words) => { label: string; message: [string, BadgeColour] };

/**
 * One badge as SVG or shields.io endpoint JSON, in the reader's language, with an ETag that changes
 * with the data, the options and the language.
 */
function badgeRoute(pick: Pick, format: "svg" | "json") {
  return async (c: Context<AppEnv>) => {
    const options = badgeQuery(c);
    const page = await requirePage(c);
    const words = readerWords(c, page.languages);
    const { data, found } = await loadBadgeData(c, page);
    const { ETag: etag, ...cacheHeaders } = foundHeaders(found, BADGE_CACHE_CONTROL);
    const { label, message } = pick(data, words);
    const text = options.label ?? label;
    // The language before the label: a long label is cut from the tag, the language never is.
    const variant = `${etag.slice(1, -1)}-${format}-${options.theme}-${words.locale}-${encodeURIComponent(text)}`;
    const tag = `"${variant.length > 120 ? variant.slice(0, 120) : variant}"`;
    const headers = { ...cacheHeaders, ETag: tag, "Cross-Origin-Resource-Policy": "cross-origin", "Access-Control-Allow-Origin": "*" };
    if (etagMatches(c.req.header("if-none-match"), tag)) return c.body(null, 304, headers);
    if (format === "json") {
      // Shields refuses unknown keys: these are all in its endpoint schema.
      const body = { schemaVersion: 1, label: text, message: message[0], color: message[1], cacheSeconds: SHIELDS_CACHE_SECONDS };
      return c.json(body, 200, headers);
    }
    return c.body(badgeSvg({ label: text, message: message[0], colour: message[1], theme: options.theme }), 200, {
      ...headers,
      "Content-Type": "image/svg+xml; charset=utf-8",
    });
  };
}

function component(data: BadgeData, id: string) {
  const found = ID_PATTERN.test(id) ? data.components[id] : undefined;
  if (!found) throw notFound("Component");
  return found;
}

export function embedsApp() {
  const app = new Hono<AppEnv>();
  for (const format of ["svg", "json"] as const) {
    app.get(
      `/badge.${format}`,
      badgeRoute((d, w) => ({ label: w.t.embed.badge.statusLabel, message: pageMessage(d.indicator, w) }), format),
    );
    app.get(`/components/:id/badge.${format}`, (c) =>
      badgeRoute((d, w) => ({ label: w.t.embed.badge.statusLabel, message: componentMessage(component(d, c.req.param("id")).status, w) }), format)(c),
    );
    app.get(`/components/:id/uptime.${format}`, (c) =>
      badgeRoute((d, w) => ({ label: w.t.embed.badge.uptimeLabel, message: uptimeMessage(component(d, c.req.param("id")).uptime, w) }), format)(c),
    );
  }
  for (const [name, kind, build] of [
    ["history.atom", "atom", atomFeed],
    ["history.rss", "rss", rssFeed],
  ] as const) {
    app.get(`/${name}`, async (c) => {
      const { id: pageId, generation } = await requirePage(c);
      return serveCached(c, {
        key: pageBodyKey(pageId, name),
        generation,
        contentType: kind,
        build: async () => {
          const snapshot = await loadSnapshot(c.get("db"), pageId);
          return snapshot ? build(snapshot) : null;
        },
        missing: () => {
          throw notFound("Status page", "header.host");
        },
      });
    });
  }
  registerFrame(app);
  registerWidgetWords(app);
  return app;
}
