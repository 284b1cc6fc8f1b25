// Property: any text an operator can type (random code points, quotes, angle brackets, controls,
// line separators, lone surrogates) that the admin API accepts is shown everywhere as that text
// and never as markup: the JSON APIs return it exactly, the HTML pages show it as text with no
// tag, handler or script URL it could have smuggled in, the feeds stay well-formed XML whose
// titles read back as the text, and badges draw any label as text in a well-formed SVG.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { seedTargets, type Targets } from "../helpers/admin-routes";
import { anyText, loneSurrogate } from "../helpers/arbitraries";
import { read, runs } from "../helpers/fuzz";
import { adminJson, call } from "../helpers/http";
import { asXmlText, markupProblems, squash, tagsOf, visibleText, wellFormed } from "../helpers/markup";

const PAGE_SCRIPTS = { scripts: ["/local-time.js", "/uptime-bars.js"] };
const SVG_TAGS = new Set(["svg", "title", "lineargradient", "stop", "clippath", "rect", "g", "text"]);
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "entry" || name === "item" || name === "link" });

let targets: Targets;

beforeAll(async () => {
  targets = await seedTargets();
}, 60_000);

/** Text the API accepts as a name: 1 to 200 characters once trimmed (well-formed: see the last test). */
const nameText = anyText(60, { surrogates: false }).filter((t) => t.trim().length > 0);

async function get(path: string) {
  const answer = await read(await call(`http://status.test${path}`));
  expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
  return answer;
}

/** The <h1> of an HTML page, as text. */
const heading = (html: string) => visibleText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "");

function feedTitles(xml: string, kind: "atom" | "rss"): string[] {
  const doc = parser.parse(xml);
  const entries: any[] = kind === "atom" ? (doc.feed.entry ?? []) : (doc.rss.channel.item ?? []);
  return entries.map((e) => String(e.title ?? ""));
}

function expectWellFormedXml(xml: string, what: string): void {
  expect(XMLValidator.validate(xml), what).toBe(true);
  expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(xml), `${what}: a character XML forbids`).toBeNull();
}

describe("operator text is shown as text on every surface", () => {
  it("incident names and update bodies round-trip through the JSON APIs and render as text, never markup", async () => {
    await fc.assert(
      fc.asyncProperty(nameText, nameText, async (name, body) => {
        const created = await adminJson("POST", "/incidents", { name, body, components: [{ id: targets.component, status: "partial_outage" }] });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        const id = created.json.incident.id as string;
        try {
          const [expectedName, expectedBody] = [wellFormed(name.trim()), wellFormed(body.trim())];
          expect(created.json.incident.name).toBe(expectedName);
          const api = JSON.parse((await get(`/api/v2/incidents/${id}.json`)).text);
          expect(api.incident.name, "the public JSON name").toBe(expectedName);
          expect(api.incident.incident_updates[0].body, "the public JSON body").toBe(expectedBody);

          const page = (await get(`/incidents/${id}`)).text;
          expect(markupProblems(page, PAGE_SCRIPTS), "incident page").toEqual([]);
          expect(heading(page)).toBe(squash(expectedName));
          const home = (await get("/")).text;
          expect(markupProblems(home, PAGE_SCRIPTS), "home page").toEqual([]);
          expect(visibleText(home)).toContain(squash(expectedName));
          const frame = (await get("/embed/status")).text;
          expect(markupProblems(frame, { styles: true }), "embed status line").toEqual([]);

          for (const kind of ["atom", "rss"] as const) {
            const feed = (await get(`/history.${kind}`)).text;
            expectWellFormedXml(feed, kind);
            expect(feedTitles(feed, kind), `${kind} titles`).toContain(asXmlText(expectedName).trim());
          }
        } finally {
          await adminJson("DELETE", `/incidents/${id}`);
        }
      }),
      runs(10),
    );
  }, 90_000);

  it("component names and descriptions render as text, and as attribute values that stay attribute values", async () => {
    await fc.assert(
      fc.asyncProperty(nameText, fc.option(anyText(80, { surrogates: false }), { nil: null }), async (name, description) => {
        const created = await adminJson("POST", "/components", { name, description, showcase: true });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        const id = created.json.component.id as string;
        try {
          expect(created.json.component.name).toBe(wellFormed(name.trim()));
          const home = (await get("/")).text;
          expect(markupProblems(home, PAGE_SCRIPTS), "home page").toEqual([]);
          const row = tagsOf(home).filter((t) => t.name === "span" && t.attrs.some(([n, v]) => n === "class" && v === "name"));
          const expectedTitle = description === null || description.trim() === "" ? undefined : wellFormed(description.trim());
          if (expectedTitle !== undefined) expect(row.map((t) => t.attrs.find(([n]) => n === "title")?.[1])).toContain(expectedTitle);
          const components = JSON.parse((await get("/api/v2/components.json")).text).components as { id: string; name: string; description: string | null }[];
          const mine = components.find((c) => c.id === id)!;
          expect(mine.name).toBe(wellFormed(name.trim()));
        } finally {
          await adminJson("DELETE", `/components/${id}`);
        }
      }),
      runs(8),
    );
  }, 90_000);

  it("the page name is text in every title: HTML, feeds and the status line", async () => {
    const original = (await adminJson("GET", "/page")).json.page.name as string;
    try {
      await fc.assert(
        fc.asyncProperty(nameText, async (name) => {
          const patched = await adminJson("PATCH", "/page", { name });
          expect(patched.status, JSON.stringify(patched.json)).toBe(200);
          const expected = wellFormed(name.trim());
          const home = (await get("/")).text;
          expect(markupProblems(home, PAGE_SCRIPTS)).toEqual([]);
          expect(visibleText(/<title>([\s\S]*?)<\/title>/.exec(home)![1]!)).toBe(squash(`${expected} status`));
          const atom = (await get("/history.atom")).text;
          expectWellFormedXml(atom, "atom");
          expect(String(parser.parse(atom).feed.title)).toBe(asXmlText(`${expected} status history`).trim());
          const rss = (await get("/history.rss")).text;
          expectWellFormedXml(rss, "rss");
          expect(String(parser.parse(rss).rss.channel.title)).toBe(asXmlText(`${expected} status history`).trim());
          expect(markupProblems((await get("/embed/status")).text, { styles: true })).toEqual([]);
          expect(JSON.parse((await get("/api/v2/status.json")).text).page.name).toBe(expected);
        }),
        runs(6),
      );
    } finally {
      await adminJson("PATCH", "/page", { name: original });
    }
  }, 90_000);

  it("text with a lone surrogate (not Unicode) is refused, or stored as one U+FFFD per surrogate", async () => {
    const illFormed = fc.tuple(anyText(10, { surrogates: false }), loneSurrogate, anyText(10, { surrogates: false })).map(([a, s, b]) => `x${a}${s}${b}`);
    await fc.assert(
      fc.asyncProperty(illFormed, async (name) => {
        const created = await adminJson("POST", "/components", { name });
        if (created.status === 400) {
          expect(created.json.error.code).toBe("validation_failed");
          expect(created.json.error.details[0].field).toBe("body.name");
          return;
        }
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        await adminJson("DELETE", `/components/${created.json.component.id}`);
        expect(created.json.component.name, `${JSON.stringify(name)} came back as ${JSON.stringify(created.json.component.name)}`).toBe(
          wellFormed(name.trim()),
        );
      }),
      runs(10),
    );
  }, 60_000);

  it("a badge draws any label it accepts as text in a well-formed SVG, and refuses the rest with the envelope", async () => {
    const label = anyText(45).map((t) => t.replace(/[\ud800-\udfff]/g, "\ufffd"));
    await fc.assert(
      fc.asyncProperty(label, fc.constantFrom("/badge.svg", `/components/{c}/badge.svg`, `/components/{c}/uptime.svg`), async (text, path) => {
        const url = `http://status.test${path.replace("{c}", targets.component)}?label=${encodeURIComponent(text)}`;
        const answer = await read(await call(url));
        const accepted = text.trim().length >= 1 && text.trim().length <= 40 && !/[\u0000-\u001f\u007f]/.test(text.trim());
        if (!accepted) {
          expect(answer.status, `${url}: ${answer.text}`).toBe(400);
          expect(JSON.parse(answer.text).error.code).toBe("validation_failed");
          return;
        }
        expect(answer.status, `${url}: ${answer.text}`).toBe(200);
        expectWellFormedXml(answer.text, url);
        const tags = tagsOf(answer.text);
        expect(
          tags.map((t) => t.name).filter((n) => !SVG_TAGS.has(n)),
          url,
        ).toEqual([]);
        expect(
          tags.flatMap((t) => t.attrs.map(([n]) => n)).filter((n) => n.startsWith("on") || n.includes(":")),
          url,
        ).toEqual([]);
        const svg = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(answer.text).svg;
        const title = String(svg.title);
        expect(title.startsWith(`${asXmlText(text.trim())}: `), `${url}: title ${JSON.stringify(title)}`).toBe(true);
        expect(svg["@_aria-label"], url).toBe(title);
      }),
      runs(120),
    );
  }, 90_000);
});
