// Feeds: /history.atom (Atom 1.0) and /history.rss (RSS 2.0), and the HTML pages that announce them.
import { env } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createIncident, seedDemo } from "../../helpers/fixtures";
import { adminJson, call, getJson } from "../../helpers/http";
import { WINDOW } from "../admin/helpers";
import { cachedPage, currentPage, get, text } from "../pages/html";

type Obj = Record<string, any>;

const NOVEMBER = "Desk and Portal inaccessible";
const SEPTEMBER = "Degraded performance on the BLiP";
const HOSTILE = `Ampersand & <script>alert(1)</script> "quotes"`;
const LABELS: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  postmortem: "Postmortem",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
/** "Nov 14, 11:56 UTC" */
const stamp = (isoTime: string) => {
  const d = new Date(Date.parse(isoTime));
  return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
};
const instant = (isoTime: string) => new Date(Date.parse(isoTime)).toISOString();
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

// XML 1.0 allows no C0 control character but tab, LF and CR (nor U+FFFE/U+FFFF), even escaped;
// fast-xml-parser's validator does not check characters, so this does.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Well-formed XML: the validator's verdict plus XML's character rule. */
function expectWellFormed(xml: string, what: string) {
  expect(XMLValidator.validate(xml), what).toBe(true);
  const bad = NOT_XML_CHAR.exec(xml);
  expect(
    bad && `U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${bad.index}: ${JSON.stringify(xml.slice(Math.max(0, bad.index - 40), bad.index + 40))}`,
    `${what}: a character XML forbids`,
  ).toBeNull();
}

const atomParser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "entry" || name === "link" });
const rssParser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "item" });

interface Entry {
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
  /** The decoded HTML of the entry's content. */
  html: string;
}

interface Atom {
  res: Response;
  xml: string;
  feed: Obj;
  entries: Entry[];
}

async function readAtom(origin = ""): Promise<Atom> {
  const res = await call(`${origin}/history.atom`);
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
  expectWellFormed(xml, "Atom");
  const feed = atomParser.parse(xml).feed as Obj;
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  const entries = ((feed.entry ?? []) as Obj[]).map((e) => {
    expect(e.content["@_type"]).toBe("html");
    const links = e.link as Obj[];
    expect(links).toHaveLength(1);
    expect(links[0]!["@_rel"]).toBe("alternate");
    return { id: e.id, title: e.title, link: links[0]!["@_href"], published: e.published, updated: e.updated, html: String(e.content["#text"] ?? "") };
  });
  return { res, xml, feed, entries };
}

interface Item {
  title: string;
  link: string;
  guid: string;
  isPermaLink: string;
  pubDate: string;
  html: string;
}

async function readRss(origin = ""): Promise<{ res: Response; xml: string; channel: Obj; items: Item[] }> {
  const res = await call(`${origin}/history.rss`);
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
  expectWellFormed(xml, "RSS");
  const rss = rssParser.parse(xml).rss as Obj;
  expect(rss["@_version"]).toBe("2.0");
  const channel = rss.channel as Obj;
  const items = ((channel.item ?? []) as Obj[]).map((i) => ({
    title: i.title,
    link: i.link,
    guid: i.guid["#text"],
    isPermaLink: i.guid["@_isPermaLink"],
    pubDate: i.pubDate,
    html: String(i.description ?? ""),
  }));
  return { res, xml, channel, items };
}

/** The updates of an entry's HTML, newest first: the stamp, the bold label and the rest of each. */
function updatesOf(html: string): { stamp: string; label: string; text: string; html: string }[] {
  return html
    .split("<p><small>")
    .slice(1)
    .map((chunk) => {
      const head = /^([^<]+)<\/small> — <strong>([^<]+)<\/strong> - <\/p>/.exec(chunk);
      expect(head, chunk.slice(0, 120)).not.toBeNull();
      return { stamp: head![1]!, label: head![2]!, text: text(chunk.slice(head![0].length)), html: chunk };
    });
}

/** The labels a reader should see, newest first: the status, or "Update" when it did not change. */
function expectedLabels(updates: Obj[]): string[] {
  const oldestFirst = [...updates].reverse();
  return oldestFirst.map((u, i) => (i > 0 && oldestFirst[i - 1]!.status === u.status ? "Update" : LABELS[u.status]!)).reverse();
}

/** Markdown source as plain text, enough to find it in the rendered HTML. */
const plain = (markdown: string) => squash(markdown.replace(/\*\*/g, "").replace(/\\([()])/g, "$1"));

let page: Obj;
let incidents: Obj[];

beforeAll(async () => {
  await seedDemo();
  page = (await adminJson("GET", "/page")).json.page;
  incidents = (await getJson("/api/v2/incidents.json")).json.incidents;
  expect(incidents.map((i) => i.name)).toEqual([NOVEMBER, SEPTEMBER]);
});

const byName = (name: string) => incidents.find((i) => i.name === name)!;

describe("/history.atom on the demo", () => {
  let atom: Atom;

  beforeAll(async () => {
    atom = await readAtom();
  });

  it("is a well-formed Atom feed with an ETag, answering 304 to it", async () => {
    const etag = atom.res.headers.get("ETag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await call("/history.atom", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(atom.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it("names the page and points at itself and at the history page, on the page's public URL", () => {
    expect(atom.feed.title).toBe("Blip status history");
    expect(atom.feed.id).toBe(`${page.url}/history.atom`);
    const links = (atom.feed.link as Obj[]).map((l) => ({ rel: l["@_rel"], type: l["@_type"], href: l["@_href"] }));
    expect(links).toEqual([
      { rel: "self", type: "application/atom+xml", href: `${page.url}/history.atom` },
      { rel: "alternate", type: "text/html", href: `${page.url}/history` },
    ]);
    expect(atom.feed.author.name).toBe("Blip");
  });

  it("has one entry per incident (the demo has two and no maintenance), newest first: 2024 before 2021", () => {
    expect(atom.entries.map((e) => e.title)).toEqual([NOVEMBER, SEPTEMBER]);
    expect(atom.entries[0]!.published.startsWith("2024-")).toBe(true);
    expect(atom.entries[1]!.published.startsWith("2021-")).toBe(true);
  });

  it("gives each entry the incident's page as id and link, and its started_at/updated_at instants", () => {
    for (const entry of atom.entries) {
      const incident = byName(entry.title);
      expect(entry.id).toBe(`${page.url}/incidents/${incident.id}`);
      expect(entry.link).toBe(`${page.url}/incidents/${incident.id}`);
      expect(entry.published).toBe(instant(incident.started_at));
      expect(entry.updated).toBe(instant(incident.updated_at));
      expect(entry.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    }
    expect(atom.entries[0]!.published).toBe("2024-11-14T09:45:00.000Z");
  });

  it("says when the feed last changed: no earlier than any entry", () => {
    const updated = Date.parse(atom.feed.updated);
    expect(Number.isNaN(updated)).toBe(false);
    for (const entry of atom.entries) expect(updated).toBeGreaterThanOrEqual(Date.parse(entry.updated));
  });

  it("lists every update of the November incident newest first, stamped in UTC, 'Update' when the status did not change", () => {
    const updates = updatesOf(atom.entries[0]!.html);
    const source = byName(NOVEMBER).incident_updates as Obj[];
    expect(updates).toHaveLength(6);
    expect(updates.map((u) => u.stamp)).toEqual(source.map((u) => stamp(u.display_at)));
    expect(updates.map((u) => u.label)).toEqual(["Resolved", "Monitoring", "Identified", "Update", "Update", "Investigating"]);
    expect(updates.map((u) => u.label)).toEqual(expectedLabels(source));
    source.forEach((u, i) => expect(squash(updates[i]!.text)).toBe(plain(u.body)));
  });

  it("stamps the known demo updates exactly: posted 11:56 and resolved 15:08 UTC on Nov 14", () => {
    const html = atom.entries[0]!.html;
    expect(html).toContain("<p><small>Nov 14, 15:08 UTC</small> — <strong>Resolved</strong> - </p><p>The workaround in our environment has restored");
    expect(html).toContain("<p><small>Nov 14, 11:56 UTC</small> — <strong>Investigating</strong> - </p><p>We are currently experiencing low performance");
    expect(html).toContain("<p><small>Nov 14, 11:57 UTC</small> — <strong>Update</strong> - </p><p>We are continuing to investigate this issue.</p>");
    expect(html.indexOf("Nov 14, 15:08 UTC")).toBeLessThan(html.indexOf("Nov 14, 11:56 UTC"));
  });

  it("renders the September incident's markdown, its times converted from GMT-3 to UTC", () => {
    const updates = updatesOf(atom.entries[1]!.html);
    const source = byName(SEPTEMBER).incident_updates as Obj[];
    expect(updates.map((u) => [u.stamp, u.label])).toEqual([
      ["Sep 13, 15:20 UTC", "Resolved"],
      ["Sep 13, 15:20 UTC", "Identified"],
      ["Sep 13, 14:22 UTC", "Investigating"],
    ]);
    expect(updates.map((u) => u.stamp)).toEqual(source.map((u) => stamp(u.display_at)));
    expect(updates[1]!.html).toContain("<strong>Fault identified:</strong>");
    expect(updates[1]!.html).not.toContain("**");
  });
});

describe("/history.rss on the demo", () => {
  let rss: Awaited<ReturnType<typeof readRss>>;
  let atom: Atom;

  beforeAll(async () => {
    rss = await readRss();
    atom = await readAtom();
  });

  it("is well-formed RSS 2.0 with an ETag, answering 304 to it", async () => {
    const etag = rss.res.headers.get("ETag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(etag).not.toBe(atom.res.headers.get("ETag"));
    const again = await call("/history.rss", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  });

  it("names the page's history in its channel", () => {
    expect(rss.channel.title).toBe("Blip status history");
    expect(rss.channel.link).toBe(`${page.url}/history`);
    expect(String(rss.channel.description).length).toBeGreaterThan(0);
    expect(rss.channel["atom:link"]["@_href"]).toBe(`${page.url}/history.rss`);
    expect(rss.channel["atom:link"]["@_rel"]).toBe("self");
    expect(Number.isNaN(Date.parse(rss.channel.lastBuildDate))).toBe(false);
  });

  it("has the same entries as the Atom feed, newest first, each linking to the incident's page with a permalink guid", () => {
    expect(rss.items.map((i) => i.title)).toEqual([NOVEMBER, SEPTEMBER]);
    for (const item of rss.items) {
      const incident = byName(item.title);
      expect(item.link).toBe(`${page.url}/incidents/${incident.id}`);
      expect(item.guid).toBe(item.link);
      expect(item.isPermaLink).toBe("true");
    }
  });

  it("dates each item by its start: pubDate is RFC 822 and parses back to started_at", () => {
    for (const item of rss.items) {
      expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/);
      expect(Date.parse(item.pubDate)).toBe(Date.parse(byName(item.title).started_at));
    }
    expect(rss.items[0]!.pubDate).toBe("Thu, 14 Nov 2024 09:45:00 GMT");
  });

  it("describes each item with the same update HTML as the Atom entry", () => {
    rss.items.forEach((item, i) => {
      expect(item.html).toBe(atom.entries[i]!.html);
      expect(updatesOf(item.html).length).toBe(byName(item.title).incident_updates.length);
    });
  });
});

describe("the HTML pages announce the feeds and refuse to be framed by other sites", () => {
  const alternates = (html: string) =>
    [...html.matchAll(/<link\b([^>]*)\/?>/g)]
      .map((m) => Object.fromEntries([...m[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])))
      // The other alternates are the page's languages (hreflang), tested with them.
      .filter((l) => l.rel === "alternate" && l.hreflang === undefined)
      .map((l) => ({ type: l.type, href: l.href }));

  const paths = () => ["/", `/incidents/${byName(NOVEMBER).id}`, "/history", "/history?year=2021"];

  it("links the Atom and RSS feeds from the head of every page", async () => {
    for (const path of paths()) {
      const html = await currentPage(path);
      const head = html.slice(0, html.indexOf("</head>"));
      expect(alternates(head), path).toEqual([
        { type: "application/atom+xml", href: "/history.atom" },
        { type: "application/rss+xml", href: "/history.rss" },
      ]);
    }
  });

  it("answers frame-ancestors 'self' and X-Frame-Options SAMEORIGIN, from KV and on a miss", async () => {
    const check = (res: Response, path: string) => {
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      expect(
        csp.split(";").map((d) => d.trim()),
        path,
      ).toContain("frame-ancestors 'self'");
      expect(res.headers.get("X-Frame-Options"), path).toBe("SAMEORIGIN");
    };
    for (const path of paths()) {
      const { res } = await get(path);
      expect(res.headers.get("Cache-Status"), path).toBe("edge-status; hit");
      check(res, path);
    }
    const { keys } = await env.CACHE.list();
    const home = keys.map((k) => k.name).find((k) => k.endsWith(":html:en:home"))!;
    await env.CACHE.delete(home);
    const { res } = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toContain("miss");
    check(res, "/ (miss)");
  });

  it("refuses framing on the page's HTML 404 too (it is the status page, dressed in its name)", async () => {
    const { res, html } = await get("/incidents/zzzzzzzzzzzz");
    expect(res.status).toBe(404);
    expect(html).toContain("Blip");
    expect((res.headers.get("Content-Security-Policy") ?? "").split(";").map((d) => d.trim())).toContain("frame-ancestors 'self'");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
  });

  it("serves the feeds under a policy that loads nothing and frames nowhere, readable from any origin", async () => {
    for (const path of ["/history.atom", "/history.rss"]) {
      const res = await call(path);
      expect(res.headers.get("Content-Security-Policy"), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
      expect(res.headers.get("Access-Control-Allow-Origin"), path).toBe("*");
    }
  });
});

describe("escaping", () => {
  const BODY = "Saw <img src=x onerror=alert(1)> in the logs, and **bold** claims.";
  let incident: Obj;

  beforeAll(async () => {
    incident = await createIncident({ name: HOSTILE, body: BODY });
  });

  /** Every tag of an HTML fragment: none may be script, img, or carry an on* handler. */
  function expectInert(html: string) {
    const tags = [...html.matchAll(/<[^>]*>/g)].map((m) => m[0]);
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<\/?(script|img|iframe|svg|object)\b/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    }
  }

  it("keeps both feeds well-formed, with the title parsing back exactly", async () => {
    const atom = await readAtom();
    const rss = await readRss();
    expect(atom.entries[0]!.title).toBe(HOSTILE);
    expect(rss.items[0]!.title).toBe(HOSTILE);
    expect(atom.entries[0]!.id).toBe(`${page.url}/incidents/${incident.id}`);
    for (const xml of [atom.xml, rss.xml]) {
      expect(xml).not.toContain("<script");
      expect(xml).not.toContain("<img");
    }
  });

  it("renders the body's markdown but escapes its raw HTML: no script, no img, no handler", async () => {
    const atom = await readAtom();
    const rss = await readRss();
    for (const html of [atom.entries[0]!.html, rss.items[0]!.html]) {
      expectInert(html);
      expect(html).toContain("<strong>bold</strong>");
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(updatesOf(html).map((u) => u.label)).toEqual(["Investigating"]);
      expect(squash(updatesOf(html)[0]!.text)).toBe("Saw <img src=x onerror=alert(1)> in the logs, and bold claims.");
    }
  });
});

describe("control characters in what an operator typed", () => {
  // A vertical tab is how Word marks a manual line break: it comes along when an update is pasted.
  const NAME = "Portal\u000bdown";
  const BODY = "Line one\u000bline two, \u0001 and **bold**.";
  let incident: Obj;

  beforeAll(async () => {
    incident = await createIncident({ name: NAME, body: BODY });
  });

  it("are accepted by the admin API as typed", () => {
    expect(incident.name).toBe(NAME);
  });

  it("still give well-formed feeds (XML 1.0 cannot carry them, even as character references)", async () => {
    const atom = await call("/history.atom");
    expectWellFormed(await atom.text(), "Atom");
    const rss = await call("/history.rss");
    expectWellFormed(await rss.text(), "RSS");
  });

  afterAll(async () => {
    // Leave the feeds readable for the tests below.
    const { status } = await adminJson("DELETE", `/incidents/${incident.id}`);
    expect(status).toBe(204);
  });
});

describe("admin writes refresh both feeds at once", () => {
  /** Reads a feed that must come from KV, with no D1 query. */
  async function fromKv(path: string) {
    const counting = countingEnv();
    const res = await call(path, {}, counting.env);
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status"), path).toBe("edge-status; hit");
    expect(counting.d1(), `${path}: D1 queries`).toBe(0);
    return xml;
  }
  const atomTitles = (xml: string) => ((atomParser.parse(xml).feed.entry ?? []) as Obj[]).map((e) => e.title as string);
  const rssTitles = (xml: string) => ((rssParser.parse(xml).rss.channel.item ?? []) as Obj[]).map((i) => i.title as string);

  let id: string;

  it("puts a new incident first in both feeds right after the write", async () => {
    const before = await call("/history.atom");
    await before.arrayBuffer();
    const created = await createIncident({ name: "Webhooks delayed", body: "Webhooks are **delayed**." });
    id = created.id;
    const atom = await fromKv("/history.atom");
    const rss = await fromKv("/history.rss");
    expect(atomTitles(atom)[0]).toBe("Webhooks delayed");
    expect(rssTitles(rss)[0]).toBe("Webhooks delayed");
    expect(atom).toContain(`<id>${page.url}/incidents/${id}</id>`);
    expect(rss).toContain(`<guid isPermaLink="true">${page.url}/incidents/${id}</guid>`);
    const stale = await call("/history.atom", { headers: { "If-None-Match": before.headers.get("ETag")! } });
    expect(stale.status).toBe(200);
  });

  it("adds each later update, newest first, and labels a repeated status 'Update'", async () => {
    for (const [status, body] of [
      ["investigating", "Still looking."],
      ["identified", "Found a stuck queue."],
      ["resolved", "Drained."],
    ]) {
      const { status: code, json } = await adminJson("POST", `/incidents/${id}/updates`, { status, body });
      expect(code, JSON.stringify(json)).toBe(201);
    }
    const { json } = await getJson(`/api/v2/incidents/${id}.json`);
    for (const path of ["/history.atom", "/history.rss"]) {
      const xml = await fromKv(path);
      const html = path.endsWith("atom")
        ? String(atomParser.parse(xml).feed.entry[0].content["#text"])
        : String(rssParser.parse(xml).rss.channel.item[0].description);
      const updates = updatesOf(html);
      expect(updates.map((u) => u.label)).toEqual(["Resolved", "Identified", "Update", "Investigating"]);
      expect(updates.map((u) => u.text)).toEqual(["Drained.", "Found a stuck queue.", "Still looking.", expect.stringContaining("Webhooks are")]);
      expect(updates[3]!.html).toContain("<p>Webhooks are <strong>delayed</strong>.</p>");
      expect(updates.map((u) => u.stamp)).toEqual(json.incident.incident_updates.map((u: Obj) => stamp(u.display_at)));
    }
    const atom = await readAtom();
    expect(atom.entries[0]!.updated).toBe(instant(json.incident.updated_at));
  });

  it("follows a rename of the incident", async () => {
    const { status } = await adminJson("PATCH", `/incidents/${id}`, { name: "Webhooks delayed for EU" });
    expect(status).toBe(200);
    expect(atomTitles(await fromKv("/history.atom"))[0]).toBe("Webhooks delayed for EU");
    expect(rssTitles(await fromKv("/history.rss"))[0]).toBe("Webhooks delayed for EU");
  });

  it("lists a scheduled maintenance, linked to its own page, by its scheduled start", async () => {
    const { status, json } = await adminJson("POST", "/maintenances", { name: "Database upgrade", body: "Planned work.", ...WINDOW });
    expect(status, JSON.stringify(json)).toBe(201);
    const m = json.scheduled_maintenance;
    const atom = atomParser.parse(await fromKv("/history.atom")).feed.entry as Obj[];
    const rss = rssParser.parse(await fromKv("/history.rss")).rss.channel.item as Obj[];
    // Scheduled a month ahead: the newest start of all.
    expect(atom[0]!.title).toBe("Database upgrade");
    expect(atom[0]!.id).toBe(`${page.url}/maintenances/${m.id}`);
    expect(atom[0]!.published).toBe(instant(WINDOW.scheduled_for));
    expect(updatesOf(String(atom[0]!.content["#text"])).map((u) => u.label)).toEqual(["Scheduled"]);
    expect(rss[0]!.title).toBe("Database upgrade");
    expect(rss[0]!.link).toBe(`${page.url}/maintenances/${m.id}`);
    expect(Date.parse(rss[0]!.pubDate)).toBe(Date.parse(WINDOW.scheduled_for));
    expect(atom.map((e) => e.title)).toEqual(["Database upgrade", "Webhooks delayed for EU", HOSTILE, NOVEMBER, SEPTEMBER]);
  });

  it("drops a deleted incident from both feeds", async () => {
    const { status } = await adminJson("DELETE", `/incidents/${id}`);
    expect(status).toBe(204);
    expect(atomTitles(await fromKv("/history.atom"))).not.toContain("Webhooks delayed for EU");
    expect(rssTitles(await fromKv("/history.rss"))).not.toContain("Webhooks delayed for EU");
  });

  it("follows a rename of the page in the feed titles", async () => {
    const { status, json } = await adminJson("PATCH", "/page", { name: "Blip Cloud" });
    expect(status, JSON.stringify(json)).toBe(200);
    const atom = atomParser.parse(await fromKv("/history.atom")).feed;
    const rss = rssParser.parse(await fromKv("/history.rss")).rss.channel;
    expect(atom.title).toBe("Blip Cloud status history");
    expect(atom.author.name).toBe("Blip Cloud");
    expect(rss.title).toBe("Blip Cloud status history");
  });
});
