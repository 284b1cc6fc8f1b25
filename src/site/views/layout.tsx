import type { Child, FC } from "hono/jsx";
import { NONCE_PLACEHOLDER } from "../../http/html-response";

export interface LayoutProps {
  title: string;
  pageName: string;
  /** "GMT-3 (America/Sao_Paulo)": every page says which zone its times are in. */
  zoneNote: string;
  description?: string;
  /** Scripts this page needs besides /local-time.js, which every page loads. */
  scripts?: string[];
  children?: Child;
}

export const Layout: FC<LayoutProps> = ({ title, pageName, zoneNote, description, scripts = [], children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>{title}</title>
      {description ? <meta name="description" content={description} /> : null}
      <meta name="color-scheme" content="light dark" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <link rel="alternate" type="application/atom+xml" title={`${pageName} status history (Atom)`} href="/history.atom" />
      <link rel="alternate" type="application/rss+xml" title={`${pageName} status history (RSS)`} href="/history.rss" />
      <link rel="stylesheet" href="/styles.css" />
      {["/local-time.js", ...scripts].map((src) => (
        <script src={src} defer nonce={NONCE_PLACEHOLDER}></script>
      ))}
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="wrap">
          <a class="brand" href="/">
            {pageName}
          </a>
          <nav aria-label="Status page">
            <a href="/">Current status</a>
            <a href="/history">History</a>
          </nav>
        </div>
      </header>
      <main id="main" class="wrap">
        {children}
      </main>
      <footer class="wrap foot">
        <p>
          Times are shown in <span data-zone-note>{zoneNote}</span>. Hover a time for UTC.
        </p>
        <p>
          <a href="/history">Incident history</a> · <a href="/api/v2/summary.json">Status JSON API</a> · Powered by Edge Status
        </p>
      </footer>
    </body>
  </html>
);
