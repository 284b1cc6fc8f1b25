// Stored XSS, checked statically in workerd: a page whose every operator-written text is a payload
// (page, group and component names and descriptions, incident names, update bodies, edited
// updates, postmortems, maintenance names, bodies and cancellation notes), created through the
// admin API and read back from every surface: the HTML pages, the embed status line, the Atom and
// RSS feeds, the SVG and JSON badges (with hostile ?label= too) and the JSON APIs. Markup must
// carry no tag, handler or script URL a payload smuggled in; text must read back as typed; JSON
// must return it exactly as data. test/browser/xss.test.ts runs the same payloads in Chromium.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { adminJson, call } from "../helpers/http";
import { asXmlText, markupProblems, squash, tagsOf, visibleText } from "../helpers/markup";
import { COMBO, LABEL_PAYLOADS, MARKDOWN_BODY, MARKDOWN_PAYLOADS, TEXT_PAYLOADS } from "../helpers/xss-payloads";
import { site } from "./admin/helpers";

const HOST = "xss.test";
const xss = site(HOST);
const PAGE_SCRIPTS = { scripts: ["/local-time.js", "/uptime-bars.js"] };
const DAY = 86_400_000;
const SVG_TAGS = new Set(["svg", "title", "lineargradient", "stop", "clippath", "rect", "g", "text"]);
const FEED_TAGS = new Set([
  "feed",
  "id",
  "title",
  "link",
  "updated",
  "author",
  "name",
  "entry",
  "published",
  "content",
  "rss",
  "channel",
  "description",
  "atom:link",
  "lastBuildDate",
  "language",
  "item",
  "guid",
  "pubDate",
]);

interface Made {
  components: { id: string; name: string; description: string }[];
  incidents: { id: string; name: string; bodies: string[]; postmortem?: string }[];
  maintenances: { id: string; name: string; bodies: string[] }[];
}
const made: Made = { components: [], incidents: [], maintenances: [] };

async function get(path: string) {
  const res = await call(`http://${HOST}${path}`);
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  return { res, text };
}

const soon = (days: number) => new Date(Date.now() + days * DAY).toISOString();

beforeAll(async () => {
  const page = await adminJson("POST", "/pages", { name: COMBO, url: "https://xss.example", host: HOST, time_zone: "Etc/UTC" });
  expect(page.status, JSON.stringify(page.json)).toBe(201);

  const group = await xss.component({ name: TEXT_PAYLOADS[2], description: TEXT_PAYLOADS[12], group: true });
  made.components.push({ id: group.id, name: TEXT_PAYLOADS[2], description: TEXT_PAYLOADS[12] });
  for (const [i, name] of TEXT_PAYLOADS.entries()) {
    const description = TEXT_PAYLOADS[(i + 7) % TEXT_PAYLOADS.length]!;
    const c = await xss.component({ name, description, showcase: true, ...(i % 3 === 0 ? { group_id: group.id } : {}) });
    made.components.push({ id: c.id, name, description });
  }
  const leaf = (i: number) => made.components[1 + (i % TEXT_PAYLOADS.length)]!.id;

  // Open incidents, one per payload, each with a markdown trick in its first update.
  for (const [i, name] of TEXT_PAYLOADS.entries()) {
    const body = `${MARKDOWN_PAYLOADS[i % MARKDOWN_PAYLOADS.length]}\n\n${name}`;
    const incident = await xss.incident({ name, body, components: [{ id: leaf(i), status: "degraded_performance" }] });
    made.incidents.push({ id: incident.id, name, bodies: [body] });
  }
  // One open incident with every payload in a posted update and in an edited one.
  const full = await xss.incident({ name: MARKDOWN_PAYLOADS[0], body: MARKDOWN_BODY, components: [{ id: leaf(0), status: "partial_outage" }] });
  const posted = await xss.ok("POST", `/incidents/${full.id}/updates`, { status: "identified", body: MARKDOWN_BODY });
  const edited = TEXT_PAYLOADS.join("\n");
  await xss.ok("PATCH", `/incidents/${full.id}/updates/${posted.incident.incident_updates[0].id}`, { body: edited }, 200);
  made.incidents.push({ id: full.id, name: MARKDOWN_PAYLOADS[0], bodies: [MARKDOWN_BODY, edited] });
  // A resolved one with a postmortem.
  const resolved = await xss.incident({ name: TEXT_PAYLOADS[6], body: MARKDOWN_BODY });
  await xss.ok("POST", `/incidents/${resolved.id}/updates`, { status: "resolved", body: TEXT_PAYLOADS[1] });
  await xss.ok("PUT", `/incidents/${resolved.id}/postmortem`, { body: MARKDOWN_BODY }, 200);
  made.incidents.push({ id: resolved.id, name: TEXT_PAYLOADS[6], bodies: [MARKDOWN_BODY, TEXT_PAYLOADS[1]], postmortem: MARKDOWN_BODY });
  // The newest open incident: the one the embed status line and the widget name first.
  const newest = await xss.incident({ name: COMBO, body: COMBO, components: [{ id: leaf(1), status: "major_outage" }] });
  made.incidents.push({ id: newest.id, name: COMBO, bodies: [COMBO] });

  // Maintenances: upcoming, in progress, cancelled.
  const upcoming = await xss.maintenance({
    name: TEXT_PAYLOADS[3],
    body: MARKDOWN_BODY,
    scheduled_for: soon(2),
    scheduled_until: soon(3),
    component_ids: [leaf(2)],
  });
  made.maintenances.push({ id: upcoming.id, name: TEXT_PAYLOADS[3], bodies: [MARKDOWN_BODY] });
  const active = await xss.maintenance({
    name: TEXT_PAYLOADS[10],
    body: TEXT_PAYLOADS[4],
    scheduled_for: soon(1),
    scheduled_until: soon(1.5),
    component_ids: [leaf(3)],
  });
  await xss.ok("POST", `/maintenances/${active.id}/updates`, { status: "in_progress", body: MARKDOWN_BODY });
  made.maintenances.push({ id: active.id, name: TEXT_PAYLOADS[10], bodies: [TEXT_PAYLOADS[4], MARKDOWN_BODY] });
  const cancelled = await xss.maintenance({ name: TEXT_PAYLOADS[15], body: TEXT_PAYLOADS[16], scheduled_for: soon(4), scheduled_until: soon(5) });
  await xss.ok("POST", `/maintenances/${cancelled.id}/cancel`, { body: TEXT_PAYLOADS[17] }, 200);
  made.maintenances.push({ id: cancelled.id, name: TEXT_PAYLOADS[15], bodies: [TEXT_PAYLOADS[16], TEXT_PAYLOADS[17]] });
}, 120_000);

describe("HTML pages", () => {
  const pages = () => [
    "/",
    `/history?year=${new Date().getUTCFullYear()}`,
    ...made.incidents.map((i) => `/incidents/${i.id}`),
    ...made.maintenances.map((m) => `/maintenances/${m.id}`),
  ];

  it("carry no tag, event handler or script URL from any payload", async () => {
    for (const path of pages()) {
      const { res, text } = await get(path);
      expect(res.headers.get("Content-Type"), path).toMatch(/^text\/html/);
      expect(markupProblems(text, PAGE_SCRIPTS), path).toEqual([]);
    }
  });

  it("show every name as the text it was typed as", async () => {
    const home = visibleText((await get("/")).text);
    for (const c of made.components) expect(home, `component ${JSON.stringify(c.name)}`).toContain(squash(c.name));
    for (const i of made.incidents.filter((i) => !i.postmortem)) expect(home, `open incident ${JSON.stringify(i.name)}`).toContain(squash(i.name));
    for (const m of made.maintenances.slice(0, 2)) expect(home, `maintenance ${JSON.stringify(m.name)}`).toContain(squash(m.name));

    for (const event of [
      ...made.incidents.map((i) => ({ ...i, path: `/incidents/${i.id}` })),
      ...made.maintenances.map((m) => ({ ...m, path: `/maintenances/${m.id}` })),
    ]) {
      const html = (await get(event.path)).text;
      expect(visibleText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!), event.path).toBe(squash(event.name));
      expect(visibleText(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!), event.path).toBe(squash(`${event.name} · ${COMBO} status`));
    }
    const history = visibleText((await get(`/history?year=${new Date().getUTCFullYear()}`)).text);
    for (const i of made.incidents) expect(history, `history: ${JSON.stringify(i.name)}`).toContain(squash(i.name));
  });

  it("keep descriptions inside their title attribute, exactly", async () => {
    const tags = tagsOf((await get("/")).text);
    const titles = tags.filter((t) => t.attrs.some(([n, v]) => n === "class" && v === "name")).map((t) => t.attrs.find(([n]) => n === "title")?.[1]);
    for (const c of made.components) expect(titles, JSON.stringify(c.description)).toContain(c.description);
  });

  it("render each markdown trick as inert text or a safe link", async () => {
    const html = (await get(`/incidents/${made.incidents.find((i) => i.postmortem)!.id}`)).text;
    const links = tagsOf(html).filter((t) => t.name === "a" || t.name === "img");
    for (const link of links) {
      const url = link.attrs.find(([n]) => n === "href" || n === "src")?.[1] ?? "";
      expect(url, JSON.stringify(link)).not.toMatch(/^\s*(javascript|vbscript|data:text)/i);
    }
    // The payloads' words are there, as text.
    const shown = visibleText(html);
    for (const p of ["javascript:window.__xss=1", "<script>window.__xss=1</script>", "onerror=window.__xss=1"]) expect(shown).toContain(p);
  });
});

describe("the embed status line", () => {
  it("names the newest incident as text in a page that loads nothing and runs nothing", async () => {
    const { res, text } = await get("/embed/status");
    expect(markupProblems(text, { styles: true })).toEqual([]);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
    expect(visibleText(/<title>([\s\S]*?)<\/title>/.exec(text)![1]!)).toContain(squash(COMBO));
    expect(visibleText(/<body>([\s\S]*)<\/body>/.exec(text)![1]!)).toContain(squash(COMBO));
  });
});

describe("feeds", () => {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "entry" || name === "item" || name === "link" });

  /** Every element name in a parsed document. */
  function elementNames(node: unknown, into = new Set<string>()): Set<string> {
    if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith("@_") || key === "#text" || key === "?xml") continue;
        into.add(key);
        for (const child of Array.isArray(value) ? value : [value]) elementNames(child, into);
      }
    }
    return into;
  }

  it.each(["atom", "rss"] as const)(
    "the %s feed is well-formed XML with no smuggled elements; titles read back as typed; content HTML is inert",
    async (kind) => {
      const { res, text: xml } = await get(`/history.${kind}`);
      expect(res.headers.get("Content-Type")).toMatch(kind === "atom" ? /^application\/atom\+xml/ : /^application\/rss\+xml/);
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toMatch(/<script|<svg|<img|<!\[CDATA\[|]]>/i);
      const doc = parser.parse(xml);
      expect([...elementNames(doc)].filter((n) => !FEED_TAGS.has(n))).toEqual([]);
      const entries: any[] = kind === "atom" ? doc.feed.entry : doc.rss.channel.item;
      const titles = entries.map((e) => String(e.title));
      for (const event of [...made.incidents, ...made.maintenances]) expect(titles, JSON.stringify(event.name)).toContain(asXmlText(event.name).trim());
      expect(String(kind === "atom" ? doc.feed.title : doc.rss.channel.title)).toBe(asXmlText(`${COMBO} status history`).trim());
      for (const entry of entries) {
        const html = String(kind === "atom" ? (entry.content["#text"] ?? entry.content) : entry.description);
        expect(markupProblems(html), `${kind} entry ${entry.title}`).toEqual([]);
      }
    },
  );
});

describe("badges", () => {
  const badgePaths = () => ["/badge.svg", `/components/${made.components[1]!.id}/badge.svg`, `/components/${made.components[1]!.id}/uptime.svg`];

  it.each(LABEL_PAYLOADS.map((l) => [l]))("?label=%j is drawn as text in a well-formed SVG with nothing executable", async (label) => {
    for (const path of badgePaths()) {
      const { res, text } = await get(`${path}?label=${encodeURIComponent(label)}`);
      expect(res.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
      expect(XMLValidator.validate(text), text).toBe(true);
      const tags = tagsOf(text);
      expect(
        tags.map((t) => t.name).filter((n) => !SVG_TAGS.has(n)),
        text,
      ).toEqual([]);
      expect(
        tags.flatMap((t) => t.attrs.map(([n]) => n)).filter((n) => n.startsWith("on") || n.includes("href")),
        text,
      ).toEqual([]);
      const svg = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(text).svg;
      expect(String(svg.title).startsWith(`${asXmlText(label)}: `), String(svg.title)).toBe(true);
      const texts = (svg.g as any[]).flatMap((g) => (g.text ? [g.text].flat() : [])).map((t: any) => String(t["#text"] ?? t));
      expect(texts, JSON.stringify(texts)).toContain(asXmlText(label));
    }
  });

  it.each(LABEL_PAYLOADS.map((l) => [l]))("the shields.io JSON carries ?label=%j exactly, as data", async (label) => {
    const { res, text } = await get(`/badge.json?label=${encodeURIComponent(label)}`);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(JSON.parse(text).label).toBe(label);
  });
});

describe("JSON APIs", () => {
  async function json(path: string) {
    const { res, text } = await get(path);
    expect(res.headers.get("Content-Type"), path).toMatch(/^application\/json/);
    expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
    return JSON.parse(text);
  }

  it("return every name, description, body and postmortem exactly as written", async () => {
    const components = (await json("/api/v2/components.json")).components as { id: string; name: string; description: string }[];
    for (const c of made.components)
      expect(
        components.find((x) => x.id === c.id),
        c.name,
      ).toMatchObject({ name: c.name, description: c.description });

    const summary = await json("/api/v2/summary.json");
    expect(summary.page.name).toBe(COMBO);
    for (const event of made.incidents) {
      const { incident } = await json(`/api/v2/incidents/${event.id}.json`);
      expect(incident.name).toBe(event.name);
      expect((incident.incident_updates as { body: string }[]).map((u) => u.body).reverse()).toEqual(event.bodies);
      if (event.postmortem) expect(incident.postmortem_body).toBe(event.postmortem);
    }
    for (const event of made.maintenances) {
      const { scheduled_maintenance: m } = await json(`/api/v2/scheduled-maintenances/${event.id}.json`);
      expect(m.name).toBe(event.name);
      expect((m.incident_updates as { body: string }[]).map((u) => u.body).reverse()).toEqual(event.bodies);
    }
  });

  it("the admin API returns them exactly too", async () => {
    for (const event of made.incidents) {
      const { status, json: body } = await adminJson("GET", `/incidents/${event.id}`);
      expect(status).toBe(200);
      expect(body.incident.name).toBe(event.name);
    }
  });
});

describe("text that spells an internal marker", () => {
  it("is shown as typed, not replaced by the CSP nonce", async () => {
    const name = "__edge_status_nonce__";
    const incident = await xss.incident({ name, body: name });
    const { res, text } = await get(`/incidents/${incident.id}`);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy") ?? "")?.[1];
    expect(visibleText(/<title>([\s\S]*?)<\/title>/.exec(text)![1]!)).toBe(`${name} · ${squash(COMBO)} status`);
    if (nonce) expect(visibleText(text)).not.toContain(nonce);
    await xss.ok("DELETE", `/incidents/${incident.id}`, undefined, 204);
  });
});

describe("the page URL", () => {
  it("is refused with a script scheme, so no feed link, shortlink or page.url carries one", async () => {
    const url = "javascript://%0awindow.__xss=1";
    const { status, json } = await adminJson("POST", "/pages", { name: "Links", url, host: "links.test", time_zone: "Etc/UTC" });
    if (status === 201) {
      const atom = await (await call("http://links.test/history.atom")).text();
      const hrefs = tagsOf(atom).flatMap((t) => t.attrs.filter(([n]) => n === "href").map(([, v]) => v));
      const summary = await (await call("http://links.test/api/v2/summary.json")).json<{ page: { url: string } }>();
      expect({ feedLinks: hrefs.filter((h) => /^javascript:/i.test(h)), pageUrl: summary.page.url }, "accepted; where the URL went").toEqual({
        feedLinks: [],
        pageUrl: expect.not.stringMatching(/^javascript:/i),
      });
    }
    expect(status, JSON.stringify(json)).toBe(400);
  });
});
