import { describe, expect, it } from "vitest";
import { NONCE_PLACEHOLDER, pageTemplate, renderPage } from "../../src/http/page-template";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const page = [
  `<!doctype html><html><head><title>Literal ${NONCE_PLACEHOLDER} — Zürich ✓</title>`,
  `<script src="/a.js" nonce="${NONCE_PLACEHOLDER}"></script><script src="/b.js" nonce="${NONCE_PLACEHOLDER}"></script></head>`,
  `<body><main id="main" class="wrap"><h1>Status — Zürich ✓</h1><p nonce="${NONCE_PLACEHOLDER}">body text</p></main>`,
  "<footer><p>One</p></footer><footer><p>Last</p></footer></body></html>",
].join("");

describe("a page rendered once and filled per response", () => {
  it("puts the nonce in every head attribute, the notices first in <main>, the footer line at the end of the last footer", () => {
    const html = decode(renderPage(pageTemplate(page), { nonce: "N0nce+/=", notices: "<p>Late!</p>", footer: "<p>Beat</p>" }));
    expect(html).toBe(
      page
        .replace(`<script src="/a.js" nonce="${NONCE_PLACEHOLDER}">`, '<script src="/a.js" nonce="N0nce+/=">')
        .replace(`<script src="/b.js" nonce="${NONCE_PLACEHOLDER}">`, '<script src="/b.js" nonce="N0nce+/=">')
        .replace('<main id="main" class="wrap">', '<main id="main" class="wrap"><p>Late!</p>')
        .replace("<p>Last</p></footer>", "<p>Last</p><p>Beat</p></footer>"),
    );
  });

  it("leaves the placeholder alone outside <head> and in escaped text (a title), and keeps multi-byte text intact", () => {
    const html = decode(renderPage(pageTemplate(page), { nonce: "x", notices: "", footer: "" }));
    expect(html).toContain(`<title>Literal ${NONCE_PLACEHOLDER} — Zürich ✓</title>`.replace(`nonce="${NONCE_PLACEHOLDER}"`, 'nonce="x"'));
    expect(html).toContain(`<p nonce="${NONCE_PLACEHOLDER}">body text</p>`);
    expect(html).toContain("<h1>Status — Zürich ✓</h1>");
  });

  it("gives each response its own values from one template", () => {
    const template = pageTemplate(page);
    const first = decode(renderPage(template, { nonce: "first", notices: "", footer: "" }));
    const second = decode(renderPage(template, { nonce: "second", notices: "", footer: "" }));
    expect(first).toContain('nonce="first"');
    expect(first).not.toContain('nonce="second"');
    expect(second).toContain('nonce="second"');
  });
});
