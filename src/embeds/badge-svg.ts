import { escapeXml } from "../lib/escape";

// Verdana advance widths (units per 2048-unit em) for the characters badges use; the flat style
// sets its text in 11 px Verdana, so this gives widths within a pixel of the rendered text.
const WIDTHS: Record<string, number> = {
  " ": 720,
  a: 1229,
  b: 1276,
  c: 1067,
  d: 1276,
  e: 1220,
  f: 720,
  g: 1276,
  h: 1296,
  i: 562,
  j: 705,
  k: 1208,
  l: 562,
  m: 1992,
  n: 1296,
  o: 1243,
  p: 1276,
  q: 1276,
  r: 874,
  s: 1067,
  t: 807,
  u: 1296,
  v: 1208,
  w: 1677,
  x: 1208,
  y: 1208,
  z: 1051,
  A: 1401,
  B: 1405,
  C: 1430,
  D: 1577,
  E: 1294,
  F: 1178,
  G: 1587,
  H: 1540,
  I: 862,
  J: 922,
  K: 1423,
  L: 1145,
  M: 1739,
  N: 1532,
  O: 1612,
  P: 1235,
  Q: 1612,
  R: 1428,
  S: 1403,
  T: 1266,
  U: 1511,
  V: 1401,
  W: 2025,
  X: 1403,
  Y: 1266,
  Z: 1403,
  "%": 2210,
  ".": 745,
  ",": 745,
  "-": 856,
  "|": 1071,
  ":": 854,
  "(": 1024,
  ")": 1024,
  "/": 1063,
  _: 1302,
  "'": 550,
  "&": 1565,
};
const DIGIT = 1302;
const WIDE = 1400;

/** Verdana draws an accented letter ("ç", "ã", "ñ") as wide as its base letter. */
const advance = (ch: string) => WIDTHS[ch] ?? WIDTHS[ch.normalize("NFD")[0]!] ?? (ch >= "0" && ch <= "9" ? DIGIT : WIDE);

/** The rendered width in pixels of `text` in 11 px Verdana. */
export function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += advance(ch);
  return (units / 2048) * 11;
}

export const BADGE_COLOURS = {
  brightgreen: "#4c1",
  green: "#97ca00",
  yellow: "#dfb317",
  orange: "#fe7d37",
  red: "#e05d44",
  blue: "#007ec6",
  lightgrey: "#9f9f9f",
} as const;
export type BadgeColour = keyof typeof BADGE_COLOURS;

export interface Badge {
  label: string;
  message: string;
  colour: BadgeColour;
  theme: "light" | "dark";
}

const LABEL_BG = { light: "#555", dark: "#1f2328" };
const PAD = 6;

/** A badge in the familiar flat style: grey label, coloured message, 20 px high. */
export function badgeSvg({ label, message, colour, theme }: Badge): string {
  const lw = Math.round(textWidth(label)) + 2 * PAD;
  const mw = Math.round(textWidth(message)) + 2 * PAD;
  const w = lw + mw;
  const title = escapeXml(`${label}: ${message}`);
  const text = (x: number, s: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(s)}</text><text x="${x}" y="14">${escapeXml(s)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="${LABEL_BG[theme]}"/><rect x="${lw}" width="${mw}" height="20" fill="${BADGE_COLOURS[colour]}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">${text(lw / 2, label)}${text(lw + mw / 2, message)}</g>`,
    `</svg>`,
  ].join("");
}
