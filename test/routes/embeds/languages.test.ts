// Badges, the status line and the widget's words speak the page's language: the page's own, one a
// link picks (?lang=) or the reader's (Accept-Language) among those the page offers.
import { beforeAll, describe, expect, it } from "vitest";
import { statusLineHtml } from "../../../src/embeds/frame";
import { textWidth } from "../../../src/embeds/badge-svg";
import { wordsFor } from "../../../src/i18n/words";
import { call } from "../../helpers/http";
import { newSite, type Site } from "../admin/helpers";
import { get, text } from "../pages/html";

type Obj = Record<string, any>;

const DAY = 86_400_000;

/** A badge's shields.io JSON and its SVG's title ("label: message"), which must agree. */
async function badge(url: string, headers: Record<string, string> = {}): Promise<{ label: string; message: string; res: Response }> {
  const res = await call(`${url}.json`, { headers });
  const json = (await res.json()) as Obj;
  expect(res.status, JSON.stringify(json)).toBe(200);
  expect(Object.keys(json).sort()).toEqual(["cacheSeconds", "color", "label", "message", "schemaVersion"]);
  const svg = await call(`${url}.svg`, { headers });
  const xml = await svg.text();
  expect(svg.status, xml).toBe(200);
  expect(/<title>([^<]*)<\/title>/.exec(xml)?.[1]).toBe(`${json.label}: ${json.message}`);
  return { label: json.label, message: json.message, res };
}

/** The visible status line of /embed/status. */
const line = (html: string) => text(/<body>([\s\S]*)<\/body>/.exec(html)![1]!);

let portuguese: Site;
let desk: string;
let english: Site;
let englishDesk: string;

beforeAll(async () => {
  portuguese = await newSite("embeds-pt.test", { name: "Blip", locale: "pt-BR", locales: ["en", "es"] });
  const started = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
  desk = (await portuguese.component({ name: "Desk", start_date: started })).id;
  english = await newSite("embeds-en.test", { name: "Acme" });
  englishDesk = (await english.component({ name: "Desk" })).id;
});

describe("badges of a page set to pt-BR", () => {
  it("say the component's status in Portuguese, under a Portuguese label", async () => {
    const { label, message } = await badge(`${portuguese.origin}/components/${desk}/badge`);
    expect({ label, message }).toEqual({ label: "status", message: "Operacional" });
  });

  it("say the page's status in Portuguese, under a Portuguese label", async () => {
    const { label, message } = await badge(`${portuguese.origin}/badge`);
    expect({ label, message }).toEqual({ label: "status", message: "Operacional" });
  });

  it("write uptime with the Portuguese decimal comma", async () => {
    const { label, message } = await badge(`${portuguese.origin}/components/${desk}/uptime`);
    expect({ label, message }).toEqual({ label: "disponibilidade", message: "100,00%" });
  });

  it("keep a custom ?label=, the message still Portuguese", async () => {
    const res = await call(`${portuguese.origin}/badge.json?label=api`);
    expect(await res.json()).toMatchObject({ label: "api", message: "Operacional" });
  });

  it("speak English to ?lang=en, a language the page offers, without varying on Accept-Language", async () => {
    const res = await call(`${portuguese.origin}/components/${desk}/badge.json?lang=en`, { headers: { "Accept-Language": "es" } });
    expect(await res.json()).toMatchObject({ label: "status", message: "operational" });
    expect(res.headers.get("Vary") ?? "").not.toMatch(/Accept-Language/i);
  });

  it("speak Spanish to a reader asking for it, and vary on Accept-Language", async () => {
    const { label, message, res } = await badge(`${portuguese.origin}/components/${desk}/badge`, { "Accept-Language": "es-MX,es;q=0.9" });
    expect({ label, message }).toEqual({ label: "estado", message: "Operativo" });
    expect(res.headers.get("Vary")).toMatch(/Accept-Language/i);
    const plain = await call(`${portuguese.origin}/badge.svg`);
    expect(plain.headers.get("Vary")).toMatch(/Accept-Language/i);
  });

  it("ignore a language the page does not offer: ?lang=fr and Accept-Language: de get Portuguese", async () => {
    expect((await badge(`${portuguese.origin}/badge`, { "Accept-Language": "de" })).message).toBe("Operacional");
    const res = await call(`${portuguese.origin}/badge.json?lang=fr`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Obj).message).toBe("Operacional");
  });

  it("give each language its own ETag, even under the same custom label, and a language's ETag validates only it", async () => {
    const tags = await Promise.all(
      ["", "?lang=en", "?lang=es"]
        .flatMap((lang) => [`/badge.svg${lang}`, `/badge.svg${lang ? `${lang}&` : "?"}label=api`])
        .map(async (path) => {
          const res = await call(`${portuguese.origin}${path}`);
          expect(res.status, path).toBe(200);
          return res.headers.get("ETag");
        }),
    );
    expect(new Set(tags).size).toBe(tags.length);
    const portugueseTag = (await call(`${portuguese.origin}/badge.svg`)).headers.get("ETag")!;
    expect((await call(`${portuguese.origin}/badge.svg`, { headers: { "If-None-Match": portugueseTag } })).status).toBe(304);
    expect((await call(`${portuguese.origin}/badge.svg?lang=en`, { headers: { "If-None-Match": portugueseTag } })).status).toBe(200);
  });

  it("follow the status in Portuguese: a component in partial outage, the page in minor outage", async () => {
    await portuguese.ok("PATCH", `/components/${desk}`, { status: "partial_outage" });
    expect((await badge(`${portuguese.origin}/components/${desk}/badge`)).message).toBe("Interrupção parcial");
    expect((await badge(`${portuguese.origin}/badge`)).message).toBe("Interrupção leve");
    await portuguese.ok("PATCH", `/components/${desk}`, { status: "operational" });
  });

  it("are drawn as wide as their accented letters' base letters (Verdana's accents take no room of their own)", () => {
    expect(textWidth("situação")).toBe(textWidth("situacao"));
    expect(textWidth("Interrupção crítica")).toBe(textWidth("Interrupcao critica"));
  });
});

describe("badges of an English page", () => {
  it("are as they always were, and do not vary on Accept-Language", async () => {
    const res = await call(`${english.origin}/components/${englishDesk}/badge.json`, { headers: { "Accept-Language": "pt-BR" } });
    expect(await res.json()).toMatchObject({ label: "status", message: "operational", color: "brightgreen" });
    expect(res.headers.get("Vary") ?? "").not.toMatch(/Accept-Language/i);
    expect((await badge(`${english.origin}/components/${englishDesk}/uptime`)).message).toBe("no data");
  });
});

describe("the status line of a page set to pt-BR", () => {
  it("says the overall status in Portuguese, in a document marked pt-BR", async () => {
    const { res, html } = await get(`${portuguese.origin}/embed/status`);
    expect(res.status).toBe(200);
    expect(line(html)).toBe("Todos os sistemas operacionais");
    expect(html).toContain('<html lang="pt-BR" class="auto">');
    expect(html).toContain("<title>Status de Blip: Todos os sistemas operacionais</title>");
    expect(html).toContain('title="Status de Blip: Todos os sistemas operacionais (abre a página de status em uma nova aba)"');
    expect(html).toContain('href="/"');
    expect(res.headers.get("Vary")).toMatch(/Accept-Language/i);
  });

  it("names open incidents in Portuguese", async () => {
    const first = await portuguese.incident({ name: "Login lento", impact: "minor" });
    const second = await portuguese.incident({ name: "API lenta", impact: "minor" });
    try {
      const { html } = await get(`${portuguese.origin}/embed/status`);
      expect(line(html)).toMatch(/^Interrupção leve do serviço · (Login lento|API lenta) e mais 1$/);
    } finally {
      for (const { id } of [first, second]) await portuguese.ok("POST", `/incidents/${id}/updates`, { status: "resolved", body: "Resolvido." });
    }
  });

  it("speaks English to ?lang=en and links to the page in English; Spanish to Accept-Language: es", async () => {
    const en = await get(`${portuguese.origin}/embed/status?lang=en`);
    expect(line(en.html)).toBe("All Systems Operational");
    expect(en.html).toContain('<html lang="en" class="auto">');
    expect(en.html).toContain('href="/?lang=en"');
    const es = await get(`${portuguese.origin}/embed/status`, { headers: { "Accept-Language": "es" } });
    expect(line(es.html)).toBe("Todos los sistemas funcionan con normalidad");
    expect(es.res.headers.get("ETag")).not.toBe(en.res.headers.get("ETag"));
  });

  it("dates a last known good copy in the reader's language, and keeps a status it has no words for", () => {
    const asOf = Date.UTC(2024, 10, 14, 8, 56);
    const summary = {
      page: { name: "Blip" },
      status: { indicator: "minor", description: "Something New" },
      incidents: [{ name: "Login lento", status: "investigating" }],
    };
    const html = statusLineHtml(summary, { theme: "auto", words: wordsFor("pt-BR"), href: "/", stale: { asOf, now: asOf + 3 * DAY } });
    expect(line(html)).toBe("Something New · Login lento · dados de 14 de nov. de 2024, 08:56 UTC");
  });
});

describe("the status line of an English page", () => {
  it("is as it always was, and does not vary on Accept-Language", async () => {
    const { res, html } = await get(`${english.origin}/embed/status`, { headers: { "Accept-Language": "pt-BR" } });
    expect(line(html)).toBe("All Systems Operational");
    expect(html).toContain("<title>Acme status: All Systems Operational</title>");
    expect(html).toContain('title="Acme status: All Systems Operational (opens the status page in a new tab)"');
    expect(res.headers.get("Vary") ?? "").not.toMatch(/Accept-Language/i);
  });
});

describe("the widget's words", () => {
  it("are the page's language, with the placeholders the widget fills, any site may read them", async () => {
    const res = await call(`${portuguese.origin}/embed/widget-words.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Vary")).toMatch(/Accept-Language/i);
    const json = (await res.json()) as Obj;
    expect(json.locale).toBe("pt-BR");
    expect(json.words).toMatchObject({
      heading: "Status de {page}",
      more: "Mais {count} na página de status",
      maintenance: "Manutenção",
      dismiss: "Fechar aviso de status",
    });
    expect(json.words.statuses).toMatchObject({ investigating: "Investigando", in_progress: "Em andamento" });
    expect((await call(`${portuguese.origin}/embed/widget-words.json`, { headers: { "If-None-Match": res.headers.get("ETag")! } })).status).toBe(304);
  });

  it("follow ?lang= and Accept-Language among the page's languages", async () => {
    const en = (await (await call(`${portuguese.origin}/embed/widget-words.json?lang=en`)).json()) as Obj;
    expect(en).toMatchObject({ locale: "en", words: { heading: "{page} status", update: "Update" } });
    const es = (await (await call(`${portuguese.origin}/embed/widget-words.json`, { headers: { "Accept-Language": "es" } })).json()) as Obj;
    expect(es).toMatchObject({ locale: "es", words: { heading: "Estado de {page}", update: "Actualización" } });
  });

  it("are English on an English page, whatever the reader asks for", async () => {
    const res = await call(`${english.origin}/embed/widget-words.json`, { headers: { "Accept-Language": "es" } });
    expect(((await res.json()) as Obj).locale).toBe("en");
    expect(res.headers.get("Vary") ?? "").not.toMatch(/Accept-Language/i);
  });
});
