import type { Hono } from "hono";
import { etagMatches, readerWords } from "../cache/serve";
import { strongEtag } from "../cache/store";
import type { AppEnv } from "../env";
import { PUBLIC_CACHE_CONTROL } from "../http/cache-control";
import type { Words } from "../i18n/words";
import { requirePage } from "./require-page";

// `/embed/widget-words.json`: what public/embed/widget.js says, in the reader's language. The widget
// is a static file, so it asks for its words beside the summary; without them it speaks English.

/** The widget's words; it fills in `{page}` and `{count}`. */
export function widgetWords({ locale, t }: Words) {
  const w = t.embed.widget;
  return {
    locale,
    words: {
      statuses: t.core.eventStatus,
      heading: w.heading("{page}"),
      unnamedHeading: w.unnamedHeading,
      update: w.update,
      maintenance: w.maintenance,
      incident: w.incident,
      more: w.more("{count}"),
      dismiss: w.dismiss,
    },
  };
}

/** Adds GET /embed/widget-words.json (`?lang=` as every public surface takes it; else Accept-Language). */
export function registerWidgetWords(app: Hono<AppEnv>): void {
  app.get("/embed/widget-words.json", async (c) => {
    const page = await requirePage(c);
    const body = JSON.stringify(widgetWords(readerWords(c, page.languages)));
    const etag = await strongEtag(body);
    const headers = {
      ETag: etag,
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
    };
    if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
  });
}
