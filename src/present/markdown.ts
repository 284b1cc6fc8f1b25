import MarkdownIt from "markdown-it";

// html: false escapes raw HTML; markdown-it's link validator refuses javascript:, vbscript: and data: links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow noopener noreferrer");
  return self.renderToken(tokens, idx, options);
};

/** Markdown to safe HTML, every heading at `headingLevel` so the page's heading order stays intact. */
export function renderMarkdown(source: string, headingLevel: 3 | 4): string {
  const tokens = md.parse(source, {});
  for (const token of tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${headingLevel}`;
  }
  return md.renderer.render(tokens, md.options, {});
}
