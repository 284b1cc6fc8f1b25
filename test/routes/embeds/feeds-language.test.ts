// The feeds speak the page's own language (one body per page, whoever reads it) and say which it is:
// Atom's xml:lang, RSS's <language>. A change of language is a new feed at once.
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../helpers/http";
import { newSite, type Site } from "../admin/helpers";

type Obj = Record<string, any>;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

async function feed(site: Site, name: "history.atom" | "history.rss"): Promise<{ xml: string; doc: Obj }> {
  const res = await call(`${site.origin}/${name}`);
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  return { xml, doc: parser.parse(xml) };
}

/** The text of an entry's HTML content, tags dropped. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

let portuguese: Site;

beforeAll(async () => {
  portuguese = await newSite("feeds-pt.test", { name: "Blip", locale: "pt-BR", locales: ["en"] });
  const incident = await portuguese.incident({
    name: "Desk e Portal inacessíveis",
    body: "Estamos investigando.",
    started_at: "2024-11-14T11:56:00Z",
    display_at: "2024-11-14T11:56:00Z",
  });
  await portuguese.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Resolvido.", display_at: "2024-11-14T16:53:00Z" });
});

describe("the feeds of a page set to pt-BR", () => {
  it("Atom: xml:lang pt-BR, a Portuguese title, statuses and dates", async () => {
    const { doc } = await feed(portuguese, "history.atom");
    expect(doc.feed["@xml:lang"]).toBe("pt-BR");
    expect(doc.feed.title).toBe("Histórico de status de Blip");
    const entry = [doc.feed.entry].flat()[0] as Obj;
    expect(entry.title).toBe("Desk e Portal inacessíveis");
    const content = textOf(entry.content["#text"]);
    expect(content).toContain("14 de nov., 16:53 UTC — Resolvido - Resolvido.");
    expect(content).toContain("14 de nov., 11:56 UTC — Investigando - Estamos investigando.");
    expect(content).not.toMatch(/Investigating|Resolved|Nov 14/);
  });

  it("RSS: <language>pt-br</language>, a Portuguese title and description", async () => {
    const { doc } = await feed(portuguese, "history.rss");
    const channel = doc.rss.channel as Obj;
    expect(channel.language).toBe("pt-br");
    expect(channel.title).toBe("Histórico de status de Blip");
    expect(channel.description).toBe("Incidentes e manutenções programadas de Blip");
    expect(textOf([channel.item].flat()[0].description)).toContain("14 de nov., 16:53 UTC — Resolvido");
  });

  it("is the same whatever language the reader asks for: a feed has one language, the page's", async () => {
    const asked = await call(`${portuguese.origin}/history.atom?lang=en`, { headers: { "Accept-Language": "en" } });
    expect(await asked.text()).toBe((await feed(portuguese, "history.atom")).xml);
  });

  it("speaks the page's new language as soon as the page changes it", async () => {
    await portuguese.ok("PATCH", "/page", { locale: "es", locales: ["es"] });
    const atom = (await feed(portuguese, "history.atom")).doc.feed as Obj;
    expect(atom["@xml:lang"]).toBe("es");
    expect(atom.title).toBe("Historial de estado de Blip");
    expect(textOf([atom.entry].flat()[0].content["#text"])).toContain("14 nov, 16:53 UTC — Resuelto");
    const rss = (await feed(portuguese, "history.rss")).doc.rss.channel as Obj;
    expect(rss.language).toBe("es");

    await portuguese.ok("PATCH", "/page", { locale: "en" });
    const english = (await feed(portuguese, "history.atom")).doc.feed as Obj;
    expect(english["@xml:lang"]).toBe("en");
    expect(english.title).toBe("Blip status history");
    expect(textOf([english.entry].flat()[0].content["#text"])).toContain("Nov 14, 16:53 UTC — Resolved");
  });
});
