/** Rendered into cached pages where a script's nonce goes; filled per response, only inside <head>. */
export const NONCE_PLACEHOLDER = "__edge_status_nonce__";
const MAIN_OPEN = '<main id="main" class="wrap">';
const FOOTER_CLOSE = "</footer>";

export type Slot = "nonce" | "notices" | "footer";

/**
 * A page rendered once for every reader, cut where each response puts its own nonce, notices and
 * heartbeat line, its parts already UTF-8: a response copies bytes instead of searching, slicing and
 * encoding a 150 KB string.
 */
export interface PageTemplate {
  parts: Uint8Array<ArrayBuffer>[];
  /** What goes between parts[i] and parts[i + 1]. */
  slots: Slot[];
}

const encoder = new TextEncoder();
// encode() always returns a fresh ArrayBuffer-backed array; the types allow a shared one.
export const utf8 = (text: string) => encoder.encode(text) as Uint8Array<ArrayBuffer>;

export function pageTemplate(html: string): PageTemplate {
  const cuts: { at: number; skip: number; slot: Slot }[] = [];
  const headEnd = html.indexOf("</head>");
  // Only the attribute: escaped text (a <title> naming the placeholder) can never contain its quote.
  const attribute = `nonce="${NONCE_PLACEHOLDER}"`;
  for (let at = html.indexOf(attribute); at >= 0 && at < headEnd; at = html.indexOf(attribute, at + attribute.length)) {
    cuts.push({ at: at + 'nonce="'.length, skip: NONCE_PLACEHOLDER.length, slot: "nonce" });
  }
  const main = html.indexOf(MAIN_OPEN);
  if (main >= 0) cuts.push({ at: main + MAIN_OPEN.length, skip: 0, slot: "notices" });
  const footer = html.lastIndexOf(FOOTER_CLOSE);
  if (footer >= 0) cuts.push({ at: footer, skip: 0, slot: "footer" });
  cuts.sort((a, b) => a.at - b.at);

  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(utf8(html.slice(from, cut.at)));
    from = cut.at + cut.skip;
  }
  parts.push(utf8(html.slice(from)));
  return { parts, slots: cuts.map((cut) => cut.slot) };
}

/** The page for one response: the template's parts with this response's values in their slots. */
export function renderPage(template: PageTemplate, values: Record<Slot, string>): Uint8Array<ArrayBuffer> {
  const fills = template.slots.map((slot) => utf8(values[slot]));
  let length = 0;
  for (const part of template.parts) length += part.length;
  for (const fill of fills) length += fill.length;
  const page = new Uint8Array(length);
  let at = 0;
  template.parts.forEach((part, i) => {
    page.set(part, at);
    at += part.length;
    const fill = fills[i];
    if (fill) {
      page.set(fill, at);
      at += fill.length;
    }
  });
  return page;
}
