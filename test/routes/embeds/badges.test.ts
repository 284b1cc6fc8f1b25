// Badges: /badge.{svg,json}, /components/{id}/badge.{svg,json} and /components/{id}/uptime.{svg,json}.
import { env } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, seedDemo } from "../../helpers/fixtures";
import { call, getJson } from "../../helpers/http";
import { expectEnvelope, expectRefused, MALFORMED_IDS, newSite, type Site, site as siteOn, UNKNOWN_ID } from "../admin/helpers";
import { cachedPage, componentRows, get, text } from "../pages/html";

type Obj = Record<string, any>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

// The colours of shields.io's flat badges, written out here rather than imported from src.
const HEX = { brightgreen: "#4c1", green: "#97ca00", yellow: "#dfb317", orange: "#fe7d37", red: "#e05d44", blue: "#007ec6", lightgrey: "#9f9f9f" } as const;
type Colour = keyof typeof HEX;
const LIGHT_LABEL = "#555";
const DARK_LABEL = "#1f2328";
const SHIELDS_KEYS = ["cacheSeconds", "color", "label", "message", "schemaVersion"];

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ["g", "rect", "text"].includes(name) });

interface Svg {
  width: number;
  height: number;
  labelWidth: number;
  messageWidth: number;
  messageX: number;
  labelFill: string;
  messageFill: string;
  /** The visible texts: [label, message] (each drawn twice, shadow then text; both must agree). */
  label: string;
  message: string;
  title: string;
  ariaLabel: string;
}

// XML 1.0 allows no C0 control character but tab, LF and CR (nor U+FFFE/U+FFFF), even escaped;
// fast-xml-parser's validator does not check characters, so this does.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Parses a badge back, asserting it is well-formed XML with the flat style's structure. */
function readSvg(xml: string): Svg {
  expect(XMLValidator.validate(xml), xml).toBe(true);
  expect(NOT_XML_CHAR.exec(xml)?.[0].charCodeAt(0), `a character XML forbids in ${JSON.stringify(xml)}`).toBeUndefined();
  const svg = parser.parse(xml).svg as Obj;
  expect(svg, xml).toBeDefined();
  expect(svg["@_xmlns"]).toBe("http://www.w3.org/2000/svg");
  const [shapes, words] = svg.g as Obj[];
  const rects = shapes!.rect as Obj[];
  expect(rects).toHaveLength(3);
  const drawn = (words!.text as Obj[]).map((t) => String(t["#text"] ?? ""));
  expect(drawn).toHaveLength(4);
  expect(drawn[0]).toBe(drawn[1]);
  expect(drawn[2]).toBe(drawn[3]);
  return {
    width: Number(svg["@_width"]),
    height: Number(svg["@_height"]),
    labelWidth: Number(rects[0]!["@_width"]),
    messageWidth: Number(rects[1]!["@_width"]),
    messageX: Number(rects[1]!["@_x"]),
    labelFill: rects[0]!["@_fill"],
    messageFill: rects[1]!["@_fill"],
    label: drawn[0]!,
    message: drawn[2]!,
    title: String(svg.title),
    ariaLabel: svg["@_aria-label"],
  };
}

/** GETs a badge SVG that must answer 200, with the headers every badge carries. */
async function svgBadge(path: string): Promise<{ res: Response; xml: string; svg: Svg }> {
  const res = await call(path);
  const xml = await res.text();
  expect(res.status, `${path}: ${xml}`).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^image\/svg\+xml(;|$)/);
  expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
  return { res, xml, svg: readSvg(xml) };
}

/** GETs a shields.io endpoint body, asserting it holds only keys shields.io accepts. */
async function jsonBadge(path: string): Promise<Obj> {
  const res = await call(path);
  const raw = await res.text();
  expect(res.status, `${path}: ${raw}`).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  const json = JSON.parse(raw) as Obj;
  expect(Object.keys(json).sort()).toEqual(SHIELDS_KEYS);
  expect(json.schemaVersion).toBe(1);
  expect(json.cacheSeconds).toBeGreaterThanOrEqual(300);
  return json;
}

/** Asserts the SVG and the JSON form of one badge say the same thing in the same colour. */
async function expectBadge(base: string, label: string, message: string, colour: Colour): Promise<Svg> {
  const { svg } = await svgBadge(`${base}.svg`);
  expect({ label: svg.label, message: svg.message, fill: svg.messageFill }, `${base}.svg`).toEqual({ label, message, fill: HEX[colour] });
  expect(svg.title).toBe(`${label}: ${message}`);
  expect(svg.ariaLabel).toBe(`${label}: ${message}`);
  const json = await jsonBadge(`${base}.json`);
  expect({ label: json.label, message: json.message, color: json.color }, `${base}.json`).toEqual({ label, message, color: colour });
  return svg;
}

let ids: Record<string, string>;

beforeAll(async () => {
  await seedDemo();
  const { json } = await getJson("/api/v2/components.json");
  ids = Object.fromEntries(json.components.map((c: Obj) => [c.name, c.id]));
});

describe("the demo's page badge, all quiet", () => {
  let res: Response;
  let xml: string;
  let svg: Svg;

  beforeAll(async () => {
    ({ res, xml, svg } = await svgBadge("/badge.svg"));
  });

  it("is an SVG image any site may embed, cacheable for a short while", () => {
    expect(res.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    const cacheControl = res.headers.get("Cache-Control") ?? "";
    const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl);
    expect(maxAge, cacheControl).not.toBeNull();
    expect(Number(maxAge![1])).toBeGreaterThan(0);
    expect(cacheControl).toMatch(/^public\b/);
  });

  it("is well-formed XML reading 'status' then 'operational' on brightgreen", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(svg.label).toBe("status");
    expect(svg.message).toBe("operational");
    expect(svg.messageFill).toBe(HEX.brightgreen);
    expect(svg.labelFill).toBe(LIGHT_LABEL);
    expect(svg.title).toBe("status: operational");
    expect(svg.height).toBe(20);
  });

  it("is exactly as wide as its two halves, the message starting where the label ends", () => {
    expect(svg.width).toBe(svg.labelWidth + svg.messageWidth);
    expect(svg.messageX).toBe(svg.labelWidth);
    expect(svg.labelWidth).toBeGreaterThan(0);
    expect(svg.messageWidth).toBeGreaterThan(svg.labelWidth);
  });

  it("answers 304 with no body to its own ETag, strong or weak, alone or in a list", async () => {
    const etag = res.headers.get("ETag");
    expect(etag).toMatch(/^"[^"]+"$/);
    for (const header of [etag!, `W/${etag}`, `"something-else", ${etag}`]) {
      const again = await call("/badge.svg", { headers: { "If-None-Match": header } });
      expect(again.status, header).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);
    }
    const other = await call("/badge.svg", { headers: { "If-None-Match": '"not-this-one"' } });
    expect(other.status).toBe(200);
  });

  it("gives each variant (format, theme, label) its own ETag, so a cache never mixes them", async () => {
    const paths = ["/badge.svg", "/badge.json", "/badge.svg?theme=dark", "/badge.svg?label=api", "/badge.json?label=api"];
    const tags = await Promise.all(paths.map(async (p) => (await call(p)).headers.get("ETag")));
    expect(new Set(tags).size).toBe(paths.length);
    // The SVG's ETag does not validate the JSON of the same data.
    const json = await call("/badge.json", { headers: { "If-None-Match": res.headers.get("ETag")! } });
    expect(json.status).toBe(200);
  });

  it("gives the same answer to the same request", async () => {
    const again = await call("/badge.svg");
    expect(await again.text()).toBe(xml);
    expect(again.headers.get("ETag")).toBe(res.headers.get("ETag"));
  });

  it("says 'operational' in brightgreen as shields.io endpoint JSON, with exactly the schema's keys", async () => {
    const json = await jsonBadge("/badge.json");
    expect(json).toEqual({ schemaVersion: 1, label: "status", message: "operational", color: "brightgreen", cacheSeconds: json.cacheSeconds });
    const res = await call("/badge.json");
    expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    expect(res.headers.get("ETag")).toMatch(/^"[^"]+"$/);
  });
});

describe("badge options", () => {
  it("?label= replaces the label, in the SVG, its title and the JSON; the badge widens with it", async () => {
    const plain = (await svgBadge("/badge.svg")).svg;
    const api = (await svgBadge("/badge.svg?label=api")).svg;
    expect(api.label).toBe("api");
    expect(api.title).toBe("api: operational");
    expect(api.message).toBe("operational");
    expect(api.labelWidth).toBeLessThan(plain.labelWidth);
    expect(api.messageWidth).toBe(plain.messageWidth);
    const long = (await svgBadge("/badge.svg?label=Blip%20platform%20status")).svg;
    expect(long.label).toBe("Blip platform status");
    expect(long.labelWidth).toBeGreaterThan(plain.labelWidth);
    expect(long.width).toBe(long.labelWidth + long.messageWidth);
    expect((await jsonBadge("/badge.json?label=api")).label).toBe("api");
    expect((await jsonBadge(`/components/${ids.Desk}/badge.json?label=desk`)).label).toBe("desk");
    expect((await jsonBadge(`/components/${ids.Desk}/uptime.json?label=desk%20uptime`)).label).toBe("desk uptime");
  });

  it("trims the label, and accepts one of exactly 40 characters", async () => {
    expect((await svgBadge("/badge.svg?label=%20%20api%20")).svg.label).toBe("api");
    const forty = "x".repeat(40);
    expect((await svgBadge(`/badge.svg?label=${forty}`)).svg.label).toBe(forty);
  });

  it("escapes a label with XML's special characters: the SVG stays well-formed and reads it back exactly", async () => {
    const label = `a<b & "c" 'd'>`;
    const { xml, svg } = await svgBadge(`/badge.svg?label=${encodeURIComponent(label)}`);
    expect(xml).not.toContain("<b ");
    expect(svg.label).toBe(label);
    expect(svg.title).toBe(`${label}: operational`);
    expect(svg.ariaLabel).toBe(`${label}: operational`);
    expect((await jsonBadge(`/badge.json?label=${encodeURIComponent(label)}`)).label).toBe(label);
  });

  it("never draws a label XML cannot carry: one with a control character is refused or drawn without it", async () => {
    for (const label of ["a\u0001b", "tab\u0008bed", "x\u001fy"]) {
      const path = `/badge.svg?label=${encodeURIComponent(label)}`;
      const res = await call(path);
      if (res.status === 400) {
        await expectEnvelope(res, { status: 400, code: "validation_failed", field: "query.label" });
        continue;
      }
      expect(res.status, path).toBe(200);
      readSvg(await res.text());
    }
  });

  it("?theme=dark darkens the label's background only; ?theme=light is the default", async () => {
    const light = (await svgBadge("/badge.svg?theme=light")).svg;
    const dark = (await svgBadge("/badge.svg?theme=dark")).svg;
    expect(light.labelFill).toBe(LIGHT_LABEL);
    expect(dark.labelFill).toBe(DARK_LABEL);
    expect(dark.messageFill).toBe(HEX.brightgreen);
    expect({ ...dark, labelFill: LIGHT_LABEL }).toEqual(light);
    expect((await svgBadge(`/components/${ids.Desk}/uptime.svg?theme=dark&label=desk`)).svg.labelFill).toBe(DARK_LABEL);
  });

  const REFUSED: [string, string][] = [
    ["an unknown option", "?colour=red"],
    ["an empty label", "?label="],
    ["a label of blanks", "?label=%20%20%20"],
    ["a 41-character label", `?label=${"x".repeat(41)}`],
    ["an unknown theme", "?theme=blue"],
  ];
  const ROUTES = () => ["/badge.svg", "/badge.json", `/components/${ids.Portal}/badge.svg`, `/components/${ids.Portal}/uptime.json`];

  it.each(REFUSED)("refuses %s with a 400 validation envelope naming the query, writing nothing", async (_what, query) => {
    for (const route of ROUTES()) {
      const error = await expectRefused((b) => call(`${route}${query}`, {}, b), { status: 400, code: "validation_failed" });
      expect(error.details.length, route).toBeGreaterThan(0);
      for (const d of error.details) expect(d.field, `${route}${query}`).toMatch(/^query(\.|$)/);
    }
  });

  it("names the offending option in the details", async () => {
    const field = async (query: string) =>
      (await expectRefused((b) => call(`/badge.svg${query}`, {}, b), { status: 400, code: "validation_failed" })).details.map((d) => d.field);
    expect(await field("?label=")).toEqual(["query.label"]);
    expect(await field(`?label=${"x".repeat(41)}`)).toEqual(["query.label"]);
    expect(await field("?theme=blue")).toEqual(["query.theme"]);
    expect((await field("?colour=red")).every((f) => f.startsWith("query"))).toBe(true);
  });
});

describe("component badges of the demo, all quiet", () => {
  it("say 'operational' in brightgreen for every component", async () => {
    for (const name of ["Desk", "CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"]) {
      await expectBadge(`/components/${ids[name]}/badge`, "status", "operational", "brightgreen");
    }
  });

  it("show 100.00% uptime in brightgreen for every component (no downtime in the last 90 days)", async () => {
    for (const name of ["Desk", "CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"]) {
      const svg = await expectBadge(`/components/${ids[name]}/uptime`, "uptime", "100.00%", "brightgreen");
      expect(svg.width).toBe(svg.labelWidth + svg.messageWidth);
    }
  });

  it("are not drawn for a group (only leaf components have a status of their own)", async () => {
    await expectEnvelope(await call(`/components/${ids["Take Blip Platform"]}/badge.svg`), { status: 404, code: "not_found" });
  });
});

describe("unknown and malformed component ids", () => {
  const KINDS = ["badge.svg", "badge.json", "uptime.svg", "uptime.json"];

  it.each(KINDS)("/components/{unknown}/%s answers the 404 JSON envelope", async (kind) => {
    const error = await expectEnvelope(await call(`/components/${UNKNOWN_ID}/${kind}`), { status: 404, code: "not_found" });
    expect(error.details.map((d) => d.field)).toEqual(["path.id"]);
  });

  it.each(MALFORMED_IDS)("/components/%s/badge.* answers 404", async (id) => {
    for (const kind of KINDS) await expectEnvelope(await call(`/components/${encodeURIComponent(id)}/${kind}`), { status: 404, code: "not_found" });
  });

  it("answers 404 for a component of another page", async () => {
    const other = await newSite("badges-other.test");
    const foreign = await other.component({ name: "Elsewhere" });
    await expectBadge(`${other.origin}/components/${foreign.id}/badge`, "status", "operational", "brightgreen");
    await expectEnvelope(await call(`/components/${foreign.id}/badge.svg`), { status: 404, code: "not_found" });
    await expectEnvelope(await call(`${other.origin}/components/${ids.Desk}/uptime.json`), { status: 404, code: "not_found" });
  });
});

describe("colours by status", () => {
  let site: Site;
  let a: string;
  let b: string;

  beforeAll(async () => {
    site = await newSite("badges-colours.test");
    a = (await site.component({ name: "API" })).id;
    b = (await site.component({ name: "Web" })).id;
  });

  /** Puts both components in these states through the admin API. */
  async function set(statusA: string, statusB: string) {
    await site.ok("PATCH", `/components/${a}`, { status: statusA });
    await site.ok("PATCH", `/components/${b}`, { status: statusB });
    const { json } = await getJson(`${site.origin}/api/v2/components.json`);
    expect(json.components.map((c: Obj) => c.status)).toEqual([statusA, statusB]);
  }

  // [status of A, status of B, A's badge message and colour, the page indicator, the page badge]
  const CASES: [string, string, string, Colour, string, string, Colour][] = [
    ["degraded_performance", "operational", "degraded performance", "yellow", "minor", "minor outage", "yellow"],
    ["partial_outage", "operational", "partial outage", "orange", "minor", "minor outage", "yellow"],
    ["major_outage", "operational", "major outage", "red", "major", "major outage", "orange"],
    ["major_outage", "major_outage", "major outage", "red", "critical", "critical outage", "red"],
    ["under_maintenance", "operational", "maintenance", "blue", "maintenance", "maintenance", "blue"],
    ["operational", "operational", "operational", "brightgreen", "none", "operational", "brightgreen"],
  ];

  it.each(CASES)(
    "A %s, B %s: A's badge reads '%s' in %s; the page (%s) reads '%s' in %s",
    async (sa, sb, message, colour, indicator, pageMessage, pageColour) => {
      await set(sa, sb);
      const { json } = await getJson(`${site.origin}/api/v2/status.json`);
      expect(json.status.indicator).toBe(indicator);
      await expectBadge(`${site.origin}/components/${a}/badge`, "status", message, colour);
      await expectBadge(`${site.origin}/badge`, "status", pageMessage, pageColour);
    },
  );

  it("widens with a longer message: 'major outage' is wider than 'operational', the label unchanged", async () => {
    await set("operational", "operational");
    const quiet = (await svgBadge(`${site.origin}/components/${a}/badge.svg`)).svg;
    const quietPage = (await svgBadge(`${site.origin}/badge.svg`)).svg;
    await set("major_outage", "operational");
    const down = (await svgBadge(`${site.origin}/components/${a}/badge.svg`)).svg;
    const downPage = (await svgBadge(`${site.origin}/badge.svg`)).svg;
    expect(quiet.message).toBe("operational");
    expect(down.message).toBe("major outage");
    expect(downPage.message).toBe("major outage");
    for (const [short, long] of [
      [quiet, down],
      [quietPage, downPage],
    ] as const) {
      expect(long.width).toBeGreaterThan(short.width);
      expect(long.messageWidth).toBeGreaterThan(short.messageWidth);
      expect(long.labelWidth).toBe(short.labelWidth);
      expect(long.width).toBe(long.labelWidth + long.messageWidth);
    }
    // "degraded performance" is longer still.
    await set("degraded_performance", "operational");
    const slow = (await svgBadge(`${site.origin}/components/${a}/badge.svg`)).svg;
    expect(slow.messageWidth).toBeGreaterThan(down.messageWidth);
    await set("operational", "operational");
  });

  it("an open incident on all-operational components colours the page badge by its impact", async () => {
    await set("operational", "operational");
    const incident = await site.incident({ name: "Logins slow", impact: "critical" });
    await expectBadge(`${site.origin}/badge`, "status", "critical outage", "red");
    await expectBadge(`${site.origin}/components/${a}/badge`, "status", "operational", "brightgreen");
    await site.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
    await expectBadge(`${site.origin}/badge`, "status", "operational", "brightgreen");
  });
});

describe("a badge after an admin write", () => {
  let site: Site;
  let id: string;

  beforeAll(async () => {
    site = await newSite("badges-warm.test");
    id = (await site.component({ name: "Queue" })).id;
  });

  const paths = () => [
    "/badge.svg",
    "/badge.json",
    `/components/${id}/badge.svg`,
    `/components/${id}/badge.json`,
    `/components/${id}/uptime.svg`,
    `/components/${id}/uptime.json`,
  ];

  it("is served from the badge data the write stored in KV, without a single D1 query", async () => {
    const before = await call(`${site.origin}/components/${id}/badge.svg`);
    await before.arrayBuffer();
    await site.ok("PATCH", `/components/${id}`, { status: "partial_outage" });
    for (const path of paths()) {
      const counting = countingEnv();
      const res = await call(`${site.origin}${path}`, {}, counting.env);
      const body = await res.text();
      expect(res.status, `${path}: ${body}`).toBe(200);
      expect(counting.d1(), `${path}: D1 queries`).toBe(0);
      expect(counting.kvWrites(), `${path}: KV writes`).toBe(0);
      if (path.includes("/badge.")) expect(body).toContain(path.startsWith("/components") ? "partial outage" : "minor outage");
    }
    // And the data changed with the write, so did the ETag: the old one no longer validates.
    const after = await call(`${site.origin}/components/${id}/badge.svg`, { headers: { "If-None-Match": before.headers.get("ETag")! } });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
  });

  it("fills a cold cache from D1 once, then serves the same badge from KV", async () => {
    const { keys } = await env.CACHE.list();
    const badgeKeys = keys.map((k) => k.name).filter((k) => k.endsWith(":badges"));
    expect(badgeKeys.length).toBeGreaterThan(0);
    await Promise.all(badgeKeys.map((k) => env.CACHE.delete(k)));
    const cold = countingEnv();
    const first = await call(`${site.origin}/components/${id}/badge.json`, {}, cold.env);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(cold.d1()).toBeGreaterThan(0);
    const warm = countingEnv();
    const again = await call(`${site.origin}/components/${id}/badge.json`, {}, warm.env);
    expect(again.status).toBe(200);
    expect(warm.d1()).toBe(0);
    expect(await again.text()).toBe(firstBody);
    expect(JSON.parse(firstBody).message).toBe("partial outage");
  });
});

describe("uptime badges after back-dated outages on the demo", () => {
  // Each resolved major outage, `hours` long, started `daysAgo` days ago; the colour its 90-day uptime earns.
  const OUTAGES: { name: string; daysAgo: number; hours: number; colour: Colour }[] = [
    { name: "CRM", daysAgo: 20, hours: 1, colour: "brightgreen" },
    { name: "Core", daysAgo: 30, hours: 5, colour: "green" },
    { name: "Analytics", daysAgo: 40, hours: 72, colour: "yellow" },
    { name: "Artificial Intelligence", daysAgo: 50, hours: 240, colour: "red" },
  ];
  let home: string;

  beforeAll(async () => {
    const { ok } = siteOn();
    for (const o of OUTAGES) {
      const startedAt = Math.floor(Date.now() / MINUTE) * MINUTE - o.daysAgo * DAY;
      const component = ids[o.name]!;
      const incident = (
        await ok("POST", "/incidents", {
          name: `${o.name} down`,
          status: "investigating",
          body: "Down.",
          started_at: iso(startedAt),
          display_at: iso(startedAt),
          components: [{ id: component, status: "major_outage" }],
        })
      ).incident;
      await ok("POST", `/incidents/${incident.id}/updates`, {
        status: "resolved",
        body: "Back.",
        display_at: iso(startedAt + o.hours * HOUR),
        components: [{ id: component, status: "operational" }],
      });
    }
    home = await cachedPage("/");
  });

  /** "99.76 % uptime" as the home page shows it under the component's bars. */
  function homeFigure(name: string): string {
    const row = componentRows(home).get(name);
    expect(row, name).toBeDefined();
    const found = /(\d{1,3}\.\d{2}) % uptime/.exec(text(row!));
    expect(found, `${name}: ${text(row!)}`).not.toBeNull();
    return `${found![1]}%`;
  }

  it.each(OUTAGES)("$name ($hours h down $daysAgo days ago) drops below 100% in $colour, as the home page says", async ({ name, hours, colour }) => {
    const figure = homeFigure(name);
    expect(figure).not.toBe("100.00%");
    // Downtime over between 89 and 90 observed days (the window's first day to now).
    const ratio = Number(figure.slice(0, -1)) / 100;
    expect(ratio).toBeGreaterThanOrEqual(1 - hours / (89 * 24) - 0.0001);
    expect(ratio).toBeLessThanOrEqual(1 - hours / (90 * 24) + 0.0001);
    await expectBadge(`/components/${ids[name]}/uptime`, "uptime", figure, colour);
    // The status badge is back to operational.
    await expectBadge(`/components/${ids[name]}/badge`, "status", "operational", "brightgreen");
  });

  it("leaves the untouched components at 100.00%", async () => {
    for (const name of ["Desk", "Portal", "Cloud Infrastructure"]) {
      expect(homeFigure(name)).toBe("100.00%");
      await expectBadge(`/components/${ids[name]}/uptime`, "uptime", "100.00%", "brightgreen");
    }
  });

  it("draws a shorter figure ('99.95%') narrower than '100.00%', the width still the sum of its halves", async () => {
    const full = (await svgBadge(`/components/${ids.Desk}/uptime.svg`)).svg;
    const crm = (await svgBadge(`/components/${ids.CRM}/uptime.svg`)).svg;
    expect(crm.message).toBe("99.95%");
    expect(crm.messageWidth).toBeLessThan(full.messageWidth);
    expect(crm.width).toBe(crm.labelWidth + crm.messageWidth);
  });
});

describe("uptime of components with nothing observed yet", () => {
  let site: Site;

  beforeAll(async () => {
    site = await newSite("badges-nodata.test");
  });

  it("reads 'no data' in lightgrey for a component whose start date is still ahead, as the home page says 'No uptime data yet'", async () => {
    const inTwoDays = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const later = await site.component({ name: "Later", start_date: inTwoDays });
    await expectBadge(`${site.origin}/components/${later.id}/uptime`, "uptime", "no data", "lightgrey");
    const { html } = await get(`${site.origin}/`);
    const row = componentRows(html).get("Later");
    expect(row).toBeDefined();
    expect(text(row!)).toContain("No uptime data yet");
  });

  it("reads 'no data' for a component created just now with no start date: the write that stored it observed nothing yet", async () => {
    const fresh = await site.component({ name: "Fresh" });
    await expectBadge(`${site.origin}/components/${fresh.id}/uptime`, "uptime", "no data", "lightgrey");
    // The home page built by the same write says the same.
    const row = componentRows((await get(`${site.origin}/`)).html).get("Fresh");
    expect(row).toBeDefined();
    expect(text(row!)).toContain("No uptime data yet");
    expect(text(row!)).not.toMatch(/\d %/);
  });
});
