import type { Child, FC } from "hono/jsx";
import { NONCE_PLACEHOLDER } from "../../http/html-response";
import { LANGUAGE_NAMES } from "../../i18n/locales";
import { localHref, withLanguage } from "../../i18n/words";
import { useVoice } from "./voice";

export interface LayoutProps {
  title: string;
  pageName: string;
  /** "GMT-3 (America/Sao_Paulo)": every page says which zone its times are in. */
  zoneNote: string;
  description?: string;
  /** Scripts this page needs besides /local-time.js, which every page loads. */
  scripts?: string[];
  /** This page's own address, for the links to it in the page's other languages. */
  path?: string;
  /** The status page's public URL: given, the head lists this page's address in each language for search engines (absolute, as they need). */
  site?: string;
  children?: Child;
}

/** The page's other languages, each named in itself, when it speaks several. */
const LanguageSwitch: FC<{ path: string }> = ({ path }) => {
  const { locale, languages, t } = useVoice();
  if (languages.length < 2) return null;
  return (
    <nav class="langs" aria-label={t.page.layout.languages}>
      {languages.map((l) =>
        l === locale ? (
          <span aria-current="true" lang={l}>
            {LANGUAGE_NAMES[l]}
          </span>
        ) : (
          <a href={withLanguage(path, l)} hreflang={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </a>
        ),
      )}
    </nav>
  );
};

/** This page's address in each language, and the one that negotiates (x-default). */
const Alternates: FC<{ site: string; path: string }> = ({ site, path }) => {
  const { languages } = useVoice();
  if (languages.length < 2) return null;
  const at = (href: string) => new URL(href, site).href;
  return (
    <>
      {languages.map((l) => (
        <link rel="alternate" hreflang={l} href={at(withLanguage(path, l))} />
      ))}
      <link rel="alternate" hreflang="x-default" href={at(path)} />
    </>
  );
};

export const Layout: FC<LayoutProps> = ({ title, pageName, zoneNote, description, scripts = [], path = "/", site, children }) => {
  const voice = useVoice();
  const say = voice.t.page.layout;
  const here = (to: string) => localHref(to, voice);
  return (
    <html lang={voice.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/atom+xml" title={say.feedTitle(pageName, "Atom")} href="/history.atom" />
        <link rel="alternate" type="application/rss+xml" title={say.feedTitle(pageName, "RSS")} href="/history.rss" />
        {site ? <Alternates site={site} path={path} /> : null}
        <link rel="stylesheet" href="/styles.css" />
        {["/local-time.js", ...scripts].map((src) => (
          <script src={src} defer nonce={NONCE_PLACEHOLDER}></script>
        ))}
      </head>
      {/* What the page's scripts say, in its language: an attribute, so the page keeps no inline script. */}
      <body data-words={JSON.stringify(voice.t.page.script)}>
        <a class="skip" href="#main">
          {say.skip}
        </a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href={here("/")}>
              {pageName}
            </a>
            <nav aria-label={say.nav}>
              <a href={here("/")}>{say.currentStatus}</a>
              <a href={here("/history")}>{say.history}</a>
            </nav>
            <LanguageSwitch path={path} />
          </div>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="wrap foot">
          <p>
            {say.timesIn} <span data-zone-note>{zoneNote}</span>. {say.hoverForUtc}
          </p>
          <p>
            <a href={here("/history")}>{say.incidentHistory}</a> · <a href="/api/v2/summary.json">{say.api}</a> · {say.poweredBy}
          </p>
        </footer>
      </body>
    </html>
  );
};
