import { PUBLIC_CACHE_CONTROL } from "../http/cache-control";
import type { Context, Hono } from "hono";
import type { Child, FC } from "hono/jsx";
import { pageBodyKey } from "../cache/keys";
import { strongEtag } from "../cache/store";
import { loadSnapshot } from "../db/queries/snapshot";
import type { AppEnv } from "../env";
import { etagMatches, foundHeaders, publicPage, readerWords, readThrough } from "../cache/serve";
import { localDateTime } from "../i18n/format";
import { type Locale, matchLocale } from "../i18n/locales";
import { withLanguage, type Words } from "../i18n/words";
import { utcStamp } from "../present/notices";
import { buildBodies } from "../public-api/bodies";

// `/embed/status`: a one-line status for an <iframe> on any site. Built from the cached summary
// body (one KV read when warm, like the JSON API), no JavaScript, no external stylesheet.

// Like every public page: browsers and the edge may reuse it briefly; admin writes refresh KV at once.
// The only route any site may frame. Nothing to load but inline CSS; no script may run.
const CSP = "frame-ancestors *; default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

type Theme = "auto" | "light" | "dark";
const INDICATORS = ["none", "minor", "major", "critical", "maintenance"] as const;
type Indicator = (typeof INDICATORS)[number];

interface SummaryEvent {
  name: string;
  status: string;
}
interface Summary {
  page: { name: string };
  status: { indicator: string; description: string };
  incidents?: SummaryEvent[];
  scheduled_maintenances?: SummaryEvent[];
}

const LIGHT = "--bg:#fff;--fg:#1f2328;--muted:#59636e;--none:#1a7f37;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--maintenance:#0969da";
const DARK = "--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--none:#3fb950;--minor:#d29922;--major:#f0883e;--critical:#f85149;--maintenance:#58a6ff";
// A constant, never data: it is inserted raw because CSS must not be HTML-escaped.
const CSS = [
  `html{color-scheme:light dark;${LIGHT}}`,
  `@media (prefers-color-scheme:dark){html.auto{${DARK}}}`,
  `html.light{color-scheme:light}html.dark{color-scheme:dark;${DARK}}`,
  'body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
  "a,p{display:flex;align-items:center;gap:.5em;margin:0;padding:.75em;color:inherit;text-decoration:none;white-space:nowrap;overflow:hidden}",
  "a:hover strong,a:focus-visible strong{text-decoration:underline}",
  "a:focus-visible{outline:2px solid var(--fg);outline-offset:-2px}",
  ".dot{flex:none;width:.75em;height:.75em;border-radius:50%;background:var(--c)}",
  ".t{overflow:hidden;text-overflow:ellipsis}.m{color:var(--muted)}",
  ...INDICATORS.map((i) => `.i-${i}{--c:var(--${i})}`),
].join("");

const ACTIVE_MAINTENANCE = new Set(["in_progress", "verifying"]);

/** The open incident (or else the active maintenance) the line names after the overall status. */
function detail(summary: Summary, { t }: Words): string | null {
  const open = summary.incidents ?? [];
  const events = open.length > 0 ? open : (summary.scheduled_maintenances ?? []).filter((m) => ACTIVE_MAINTENANCE.has(m.status));
  const first = events[0];
  if (!first) return null;
  return events.length > 1 ? t.embed.frame.andMore(first.name, events.length - 1) : first.name;
}

/** The summary's overall status in the reader's language (as the API gave it if it is not one the catalog knows). */
function headline(description: string, { t }: Words): string {
  const known: Record<string, string> = t.core.pageStatus;
  return Object.hasOwn(known, description) ? known[description]! : description;
}

/** When a last known good copy is from: English keeps the page's "Dec 1, 14:05 UTC". */
function stamp(asOf: number, now: number, locale: Locale): string {
  if (locale === "en") return utcStamp(asOf, now);
  return localDateTime(asOf, "Etc/UTC", locale);
}

const Document: FC<{ theme: Theme; title: string; locale: Locale; children?: Child }> = ({ theme, title, locale, children }) => (
  <html lang={locale} class={theme}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <meta name="color-scheme" content={theme === "auto" ? "light dark" : theme} />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>{children}</body>
  </html>
);

interface Line {
  theme: Theme;
  words: Words;
  /** Where the line links: the page, in the language a link chose. */
  href: string;
  /** The summary is a last known good copy from `asOf` (D1 failed). */
  stale?: { asOf: number; now: number };
}

export function statusLineHtml(summary: Summary, { theme, words, href, stale }: Line): string {
  const indicator: Indicator = (INDICATORS as readonly string[]).includes(summary.status.indicator) ? (summary.status.indicator as Indicator) : "none";
  const { t, locale } = words;
  const description = headline(summary.status.description, words);
  const more = detail(summary, words);
  const title = `${t.embed.frame.title(summary.page.name, description)}${more ? ` · ${more}` : ""}`;
  return `<!doctype html>${String(
    <Document theme={theme} title={title} locale={locale}>
      <a class={`i-${indicator}`} href={href} target="_blank" rel="noopener" title={t.embed.frame.opensInNewTab(title)}>
        <span class="dot" aria-hidden="true"></span>
        <span class="t">
          <strong>{description}</strong>
          {more ? <span class="m"> · {more}</span> : null}
          {stale ? <span class="m"> · {t.embed.frame.asOf(stamp(stale.asOf, stale.now, locale))}</span> : null}
        </span>
      </a>
    </Document>,
  )}`;
}

function notConfiguredHtml(theme: Theme): string {
  return `<!doctype html>${String(
    <Document theme={theme} title="Status unavailable" locale="en">
      <p class="m">No status page is configured for this address.</p>
    </Document>,
  )}`;
}

const themeOf = (c: Context<AppEnv>): Theme => {
  const theme = c.req.query("theme");
  return theme === "light" || theme === "dark" ? theme : "auto";
};

/** `cache`: what the summary read said (Cache-Control, Cache-Status, stale marker); the ETag is this line's own. */
async function respond(
  c: Context<AppEnv>,
  html: string,
  status: 200 | 404,
  cache: Record<string, string> = { "Cache-Control": PUBLIC_CACHE_CONTROL },
): Promise<Response> {
  const etag = await strongEtag(html);
  const headers: Record<string, string> = {
    ...cache,
    ETag: etag,
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
  };
  if (status === 200 && etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
  return c.body(html, status, { ...headers, "Content-Type": "text/html; charset=utf-8" });
}

/** Adds GET /embed/status (optional `?theme=light|dark`; anything else follows the reader's preference). */
export function registerFrame(app: Hono<AppEnv>): void {
  app.get("/embed/status", async (c) => {
    const theme = themeOf(c);
    const page = await publicPage(c);
    if (!page) return respond(c, notConfiguredHtml(theme), 404);
    const pageId = page.id;
    const words = readerWords(c, page.languages);
    // A link that chose the language keeps it; otherwise the page negotiates it again.
    const href = matchLocale(c.req.query("lang"), page.languages) ? withLanguage("/", words.locale) : "/";
    // The summary body the JSON API serves: from KV when warm, else built exactly as servePageBody does.
    const found = await readThrough(c, {
      key: pageBodyKey(pageId, "summary"),
      generation: page.generation,
      contentType: "json",
      build: async () => {
        const snapshot = await loadSnapshot(c.get("db"), pageId);
        return snapshot ? JSON.stringify(buildBodies(snapshot, ["summary"]).get("summary")) : null;
      },
    });
    if (!found) return respond(c, notConfiguredHtml(theme), 404);
    const summary = JSON.parse(found.cached.body) as Summary;
    const stale = found.stale ? { asOf: found.cached.generatedAt, now: c.get("now") } : undefined;
    const { ETag: _summaryTag, ...cache } = foundHeaders(found, PUBLIC_CACHE_CONTROL);
    return respond(c, statusLineHtml(summary, { theme, words, href, stale }), 200, cache);
  });
}
