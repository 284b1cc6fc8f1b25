// Hostile text for the XSS tests (test/routes/xss.test.ts in workerd, test/browser/xss.test.ts in
// Chromium). Every payload that could run sets `window.__xss` (or calls alert, which the browser
// test turns into the same tripwire), so "nothing ran" is one flag to read.

/** Names and plain text: each at most 200 characters (the API's limit for a name). */
export const TEXT_PAYLOADS = [
  "<script>window.__xss=1</script>",
  "<script>alert(1)</script>",
  '"><img src=x onerror=window.__xss=1>',
  "'><svg onload=alert(1)>",
  "<svg/onload=window.__xss=1>",
  "]]><script>window.__xss=1</script><![CDATA[",
  "</title><script>window.__xss=1</script>",
  "</textarea></style></noscript><script>window.__xss=1</script>",
  "{{constructor.constructor('window.__xss=1')()}}",
  "${window.__xss=1}",
  "line\u2028separator\u2029paragraph",
  "&lt;script&gt;window.__xss=1&lt;/script&gt; &amp;lt; &#60;b&#62;",
  '" onmouseover="window.__xss=1" x="',
  "' onfocus='window.__xss=1' autofocus x='",
  "` onmouseover=window.__xss=1 x=`",
  '<a href="javascript:window.__xss=1">click</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  "javascript:window.__xss=1",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "<details open ontoggle=window.__xss=1>",
] as const;

/** Markdown tricks for update bodies and postmortems. */
export const MARKDOWN_PAYLOADS = [
  "[click](javascript:window.__xss=1)",
  "[click](JaVaScRiPt:window.__xss=1)",
  "[click](java\tscript:window.__xss=1)",
  "[click](&#106;avascript:window.__xss=1)",
  "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "![img](javascript:window.__xss=1)",
  '![x" onerror="window.__xss=1](https://example.com/x.png)',
  '![x](https://example.com/x.png" onerror="window.__xss=1)',
  "<javascript:window.__xss=1>",
  '<https://example.com/"onmouseover="window.__xss=1>',
  '[a](https://example.com/" onmouseover="window.__xss=1)',
  '[a](https://example.com "title" onmouseover="window.__xss=1")',
  "[ref link][r]\n\n[r]: javascript:window.__xss=1",
  "https://example.com/?q=<script>window.__xss=1</script>",
  "```html\n<script>window.__xss=1</script>\n```",
  "# <img src=x onerror=window.__xss=1>",
  "| a | <b onclick=window.__xss=1>b</b> |\n|---|---|\n| [x](javascript:window.__xss=1) | c |",
] as const;

/** One body holding every payload, as markdown paragraphs. */
export const MARKDOWN_BODY = [...TEXT_PAYLOADS, ...MARKDOWN_PAYLOADS].join("\n\n");

/** Several breakers in one name (at most 200 characters): for the page name and the newest incident. */
export const COMBO = `</title><script>window.__xss=1</script>"'\`><img src=x onerror=window.__xss=1>]]>{{constructor}}\u2028&lt;b&gt;`;

/** Badge labels (1 to 40 characters). */
export const LABEL_PAYLOADS = [
  "<script>window.__xss=1</script>",
  '"><svg onload=window.__xss=1>',
  "]]><script>alert(1)</script>",
  "</title><svg/onload=alert(1)>",
  "' onload='window.__xss=1",
  "&lt;b&gt; &amp; &#60;",
  "{{constructor}}",
  "a\u2028b",
] as const;
