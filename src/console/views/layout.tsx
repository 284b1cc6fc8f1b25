import type { Child, FC } from "hono/jsx";
import type { PageRow } from "../../db/schema";
import { zoneLabel } from "../../domain/time";
import { NONCE_PLACEHOLDER } from "../../http/html-response";
import { consolePath } from "../paths";

export interface ConsoleChrome {
  /** The page being administered; null on sign-in and before any page exists. */
  page: PageRow | null;
  pages: readonly PageRow[];
  /** Who is signed in, as the audit log names them; null when nobody is. */
  actor: string | null;
  /** Whether the operator can sign out here (token sessions; Access signs out at Access). */
  canSignOut: boolean;
  now: number;
}

const SECTIONS = [
  ["", "Dashboard"],
  ["/incidents", "Incidents"],
  ["/maintenances", "Maintenances"],
  ["/components", "Components"],
  ["/templates", "Templates"],
  ["/subscribers", "Subscribers"],
  ["/mail", "Mail"],
  ["/audit", "Audit log"],
  ["/settings", "Settings"],
] as const;

const PageSwitcher: FC<{ chrome: ConsoleChrome }> = ({ chrome }) =>
  chrome.pages.length > 1 && chrome.page ? (
    <form method="get" action="/admin/switch" class="switcher">
      <label for="page-switch">Page</label>
      <select id="page-switch" name="page">
        {chrome.pages.map((p) => (
          <option value={p.id} selected={p.id === chrome.page?.id}>
            {p.host ? `${p.name} (${p.host})` : p.name}
          </option>
        ))}
      </select>
      <button type="submit">Switch</button>
    </form>
  ) : null;

export const ConsoleLayout: FC<{ title: string; chrome: ConsoleChrome; section?: string; children?: Child }> = ({ title, chrome, section, children }) => {
  const { page } = chrome;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${page?.name ?? "Edge Status"} console`}</title>
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/styles.css" />
        <link rel="stylesheet" href="/console.css" />
        <script src="/console.js" defer nonce={NONCE_PLACEHOLDER}></script>
      </head>
      <body class="console">
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href={page ? consolePath(page.id) : "/admin"}>
              {page ? `${page.name} console` : "Edge Status console"}
            </a>
            <PageSwitcher chrome={chrome} />
            {chrome.actor ? (
              <div class="who">
                <span class="meta">Signed in as {chrome.actor}</span>
                {chrome.canSignOut ? (
                  <form method="post" action="/admin/sign-out">
                    <button type="submit" class="link">
                      Sign out
                    </button>
                  </form>
                ) : (
                  <a href="/cdn-cgi/access/logout">Sign out</a>
                )}
              </div>
            ) : null}
          </div>
          {page ? (
            <nav class="wrap sections" aria-label="Console">
              {SECTIONS.map(([suffix, label]) => (
                <a href={consolePath(page.id, suffix)} aria-current={section === label ? "page" : undefined}>
                  {label}
                </a>
              ))}
              <a href={page.url}>Public page</a>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        {page ? (
          <footer class="wrap foot">
            <p>
              Times are in the page's time zone: {zoneLabel(chrome.now, page.timeZone)} ({page.timeZone}).
            </p>
          </footer>
        ) : null}
      </body>
    </html>
  );
};
