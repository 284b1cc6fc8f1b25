// Tiny local HTTP servers for the embed tests: a customer's site (another origin than the status
// page) and a fake status origin that misbehaves on purpose.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** Starts `handle` on 127.0.0.1 on a free port. */
export function startServer(handle: Handler): Promise<LocalServer> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer((req, res) => {
      try {
        handle(req, res);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections(); // requests left hanging on purpose
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export interface HostPageOptions {
  /** The status page's origin: the badge and the iframe come from there. */
  statusBase: string;
  /** The widget's script src; none for a page without the widget. */
  widget?: string;
  /** data-* attributes for the widget's script tag, without the "data-" prefix. */
  options?: Record<string, string>;
}

/**
 * A customer's page: its own heading, a button whose click changes a text, the status badge, the
 * status line in an iframe and, last, the widget. Its stylesheet is deliberately heavy-handed, to
 * show the widget's styles are isolated from it.
 */
export function hostPage({ statusBase, widget, options = {} }: HostPageOptions): string {
  const data = Object.entries(options)
    .map(([k, v]) => ` data-${k}="${escapeAttr(v)}"`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme shop</title>
<link rel="icon" href="data:,">
<style>
  body { font: 16px/1.5 Georgia, serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #222; background: #fff; }
  a { color: #c0c !important; font-size: 30px !important; }
  div, span, button { text-transform: uppercase; }
</style>
</head>
<body>
<main>
  <h1>Acme shop</h1>
  <p id="out">Not clicked</p>
  <button id="btn" type="button">Click me</button>
  <p><img id="badge" src="${escapeAttr(statusBase)}/badge.svg" alt="Service status"></p>
  <iframe id="frame" src="${escapeAttr(statusBase)}/embed/status" title="Service status" width="320" height="48" style="border:0"></iframe>
  <p style="height: 60rem">The rest of the shop.</p>
</main>
<script>
  document.getElementById("btn").addEventListener("click", function () {
    document.getElementById("out").textContent = "Clicked";
  });
</script>
${widget ? `<script src="${escapeAttr(widget)}" async${data}></script>` : ""}
</body>
</html>`;
}
