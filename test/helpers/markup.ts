// A static reading of server-rendered HTML for the XSS tests (workerd has no DOM). The server
// escapes every `<` of text, so each `<` followed by a letter is a tag; this reads tags and their
// attributes the way a browser's tokenizer would, closely enough to see an attribute or a tag
// that a payload smuggled in.

export interface Tag {
  name: string;
  attrs: [name: string, value: string][];
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", tab: "\t", newline: "\n" };

/** Decodes character references (named ones the server or a payload could use, and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const SPACE = /[\t\n\f\r ]/;

/** Every start tag of `html`, in order, with its attributes (values decoded). */
export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while ((i = html.indexOf("<", i)) !== -1) {
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (!/[a-zA-Z]/.test(html[i + 1] ?? "")) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < html.length && !SPACE.test(html[j]!) && html[j] !== "/" && html[j] !== ">") j++;
    const tag: Tag = { name: html.slice(i + 1, j).toLowerCase(), attrs: [] };
    while (j < html.length && html[j] !== ">") {
      if (SPACE.test(html[j]!) || html[j] === "/") {
        j++;
        continue;
      }
      const start = j;
      j++; // a first "=" belongs to the name, as in a browser
      while (j < html.length && !SPACE.test(html[j]!) && !"/>=".includes(html[j]!)) j++;
      const name = html.slice(start, j).toLowerCase();
      while (SPACE.test(html[j] ?? "")) j++;
      let value = "";
      if (html[j] === "=") {
        j++;
        while (SPACE.test(html[j] ?? "")) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end === -1 ? html.length : end);
          j = end === -1 ? html.length : end + 1;
        } else {
          const from = j;
          while (j < html.length && !SPACE.test(html[j]!) && html[j] !== ">") j++;
          value = html.slice(from, j);
        }
      }
      tag.attrs.push([name, decodeEntities(value)]);
    }
    tags.push(tag);
    // Raw-text elements: their content is not markup.
    if (tag.name === "script" || tag.name === "style" || tag.name === "title" || tag.name === "textarea") {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, j);
      i = close === -1 ? html.length : close + 2;
    } else {
      i = j + 1;
    }
  }
  return tags;
}

/** Tags our pages and markdown (markdown-it's default preset) may produce. */
const SAFE_TAGS = new Set(
  (
    "html head body meta title link a abbr article aside b blockquote br code dd del details div dl dt em footer h1 h2 h3 h4 h5 h6 " +
    "header hr i img li main nav ol p pre s section small span strong sub summary sup table tbody td th thead time tr ul " +
    // The subscribe form: a fixed form of the page itself, never built from operator text.
    "form label input button fieldset legend"
  ).split(" "),
);
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "ping", "srcset", "cite"]);
const LINK_RELS = new Set(["icon", "alternate", "stylesheet"]);
/** Images markdown-it lets through as data: URLs (in links and images); they cannot run script. */
export const isSafeDataImage = (value: string) => /^data:image\/(gif|png|jpeg|webp);/.test(value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase());

/** How a browser reads a URL attribute's scheme: control characters and white space dropped. */
export function urlScheme(value: string): string {
  const squashed = value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  const found = /^([a-z][a-z0-9+.-]*):/.exec(squashed);
  return found ? found[1]! : "";
}

export interface MarkupRules {
  /** `src` values allowed on <script> (every other script is a finding). */
  scripts?: string[];
  /** Whether inline <style> elements are expected (the /embed/status page has one, a constant). */
  styles?: boolean;
}

/** Every way `html` could run script: unexpected tags, event handlers, script URLs. Empty when safe. */
export function markupProblems(html: string, rules: MarkupRules = {}): string[] {
  const problems: string[] = [];
  for (const tag of tagsOf(html)) {
    const where = `<${tag.name} ${tag.attrs.map(([n, v]) => `${n}="${v.slice(0, 60)}"`).join(" ")}>`;
    const attr = (name: string) => tag.attrs.find(([n]) => n === name)?.[1];
    if (tag.name === "script") {
      if (!rules.scripts?.includes(attr("src") ?? "")) problems.push(`unexpected script ${where}`);
    } else if (tag.name === "style") {
      if (!rules.styles) problems.push(`unexpected style ${where}`);
    } else if (!SAFE_TAGS.has(tag.name)) {
      problems.push(`unexpected tag ${where}`);
    }
    if (tag.name === "meta" && attr("http-equiv") !== undefined) problems.push(`meta http-equiv ${where}`);
    if (tag.name === "link" && !LINK_RELS.has(attr("rel") ?? "")) problems.push(`unexpected link ${where}`);
    for (const [name, value] of tag.attrs) {
      if (name.startsWith("on")) problems.push(`event handler ${name} in ${where}`);
      if (/["'`<=]/.test(name)) problems.push(`broken attribute name ${JSON.stringify(name)} in ${where}`);
      if (name === "style" && /expression\s*\(|url\s*\(|javascript:/i.test(value)) problems.push(`style attribute ${where}`);
      if (URL_ATTRS.has(name)) {
        const scheme = urlScheme(value);
        if (scheme === "javascript" || scheme === "vbscript" || (scheme === "data" && !isSafeDataImage(value))) problems.push(`${scheme}: URL in ${where}`);
      }
    }
  }
  return problems;
}

/** The text a reader sees: tags dropped, references decoded, white space collapsed. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[a-zA-Z!/][^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** White space collapsed as HTML shows it; for comparing a payload with what a page shows. */
export const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** `text` as UTF-8 can carry it: a lone surrogate becomes U+FFFD (what D1 and any encoder store). */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

// XML 1.0 cannot carry these even as character references.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** What an XML document can say of `text`: forbidden characters dropped, line ends as a parser reads them. */
export const asXmlText = (text: string) => wellFormed(text).replace(NOT_XML, "").replace(/\r\n?/g, "\n");
