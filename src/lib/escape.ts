// XML 1.0 cannot carry these even as character references (pasted text brings \v and friends).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" };

const escapeWith = (apostrophe: string) => (text: string) => text.replace(NOT_XML, "").replace(/[<>&'"]/g, (ch) => (ch === "'" ? apostrophe : ENTITIES[ch]!));

/** Text (or an attribute value) for XML built as a string: feeds and badges. */
export const escapeXml = escapeWith("&apos;");

/** The same for HTML built as a string (mails): "&#39;", which HTML 4 mail clients know, not "&apos;". */
export const escapeHtml = escapeWith("&#39;");
