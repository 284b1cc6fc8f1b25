// Property: whatever markdown an operator writes in an update or a postmortem (script URLs in
// every spelling, in links, images, autolinks and reference definitions; raw HTML; attribute
// breakers; random text around them), the HTML it renders to has no tag, event handler or URL
// that could run script, on the pages (headings at h3/h4) and in the feeds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/present/markdown";
import { anyText } from "../helpers/arbitraries";
import { runs } from "../helpers/fuzz";
import { markupProblems, tagsOf } from "../helpers/markup";

const SCRIPT_SCHEMES = [
  "javascript:",
  "JaVaScRiPt:",
  " javascript:",
  "java\tscript:",
  "java&#x09;script:",
  "&#106;avascript:",
  "&#x6A;avascript:",
  "javascript&colon;",
  "jav\u200bascript:",
  "%6Aavascript:",
  "vbscript:",
  "data:text/html,",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "data:image/svg+xml,",
  "DATA:text/html,",
  "livescript:",
];
const CODE = fc.constantFrom("alert(1)", "window.__xss=1", "alert`1`", "//%0aalert(1)", "eval(atob('YWxlcnQoMSk='))");
const url = fc.oneof(
  fc.tuple(fc.constantFrom(...SCRIPT_SCHEMES), CODE).map(([s, c]) => s + c),
  fc.constantFrom(
    "https://example.com/",
    "http://example.com/a?b=c&d=e",
    "mailto:ops@example.com",
    "/relative",
    "#anchor",
    "data:image/png;base64,iVBORw0KGgo=",
  ),
  fc.webUrl(),
);
const text = fc.oneof(anyText(12, { surrogates: false }), fc.constantFrom("x", "click", '"', "'", "`", "<", ">", "&lt;", "&amp;lt;", "\u2028"));
const attrBreaker = fc.constantFrom(
  '" onmouseover="window.__xss=1',
  "' onfocus='window.__xss=1' autofocus '",
  "` onmouseover=window.__xss=1 `",
  '"><img src=x onerror=window.__xss=1>',
);

const fragment = fc.oneof(
  text,
  fc.tuple(text, url).map(([t, u]) => `[${t}](${u})`),
  fc.tuple(text, url).map(([t, u]) => `[${t}](<${u}>)`),
  fc.tuple(text, url, attrBreaker).map(([t, u, a]) => `[${t}](${u} "${a}")`),
  fc.tuple(text, url).map(([t, u]) => `![${t}](${u})`),
  fc.tuple(attrBreaker, url).map(([a, u]) => `![${a}](${u})`),
  url.map((u) => `<${u}>`),
  url,
  fc.tuple(text, url).map(([t, u]) => `[${t}][r]\n\n[r]: ${u}\n`),
  attrBreaker,
  fc.constantFrom(
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    '<a href="javascript:window.__xss=1">x</a>',
    "<iframe src=javascript:window.__xss=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<!--<img src=x onerror=window.__xss=1>-->",
    "]]><script>window.__xss=1</script><![CDATA[",
    "</title><script>window.__xss=1</script>",
    "{{constructor.constructor('window.__xss=1')()}}",
    "```html\n<script>window.__xss=1</script>\n```",
    "`<img src=x onerror=window.__xss=1>`",
    "# <img src=x onerror=window.__xss=1>",
    "| a | <b onclick=x> |\n|---|---|\n| [x](javascript:alert(1)) | c |",
    "> <details open ontoggle=window.__xss=1>",
    "* [x](javascript:alert(1))\n* ![y](javascript:alert(1))",
  ),
);
const markdown = fc.array(fragment, { minLength: 1, maxLength: 8 }).chain((parts) => fc.constantFrom(" ", "\n", "\n\n", "").map((sep) => parts.join(sep)));

describe("renderMarkdown", () => {
  it.each([3, 4] as const)("renders nothing that could run script (headings at h%i)", (level) => {
    fc.assert(
      fc.property(markdown, (source) => {
        const html = renderMarkdown(source, level);
        expect(markupProblems(html), html).toEqual([]);
        // Links keep the referrer and the opener away from the linked site.
        for (const tag of tagsOf(html).filter((t) => t.name === "a")) {
          expect(tag.attrs.find(([n]) => n === "rel")?.[1], html).toBe("nofollow noopener noreferrer");
        }
      }),
      runs(400),
    );
  });
});

describe("the markup check these tests rely on", () => {
  it.each([
    ["<script>x</script>", "unexpected script"],
    ['<p title="a" onclick="x">', "event handler onclick"],
    ["<p/onmouseover=x>", "event handler onmouseover"],
    ['<a href=" jAvAsCrIpT:x">', "javascript: URL"],
    ['<a href="java&#x09;script:x">', "javascript: URL"],
    ['<img src="data:text/html,x">', "data: URL"],
    ["<svg>", "unexpected tag"],
    ['<p title="x"" onload="y">', "broken attribute name"],
    ["<title></title><script>x</script>", "unexpected script"],
  ])("sees %s", (html, problem) => {
    expect(markupProblems(html).join("\n")).toContain(problem);
  });

  it("passes what the pages really contain", () => {
    const html =
      '<a href="https://example.com" rel="nofollow noopener noreferrer">x</a><img src="data:image/png;base64,AA==" alt=""><script src="/local-time.js" defer nonce="abc"></script>';
    expect(markupProblems(html, { scripts: ["/local-time.js"] })).toEqual([]);
  });
});
