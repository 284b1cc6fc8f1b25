import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { htmlKey, lastKnownGoodKey } from "../../src/cache/keys";
import { createDb } from "../../src/db/client";
import { refreshCache } from "../../src/scheduled/refresh-cache";
import { withFaults } from "../helpers/faults";
import { createIncident, seedDemo } from "../helpers/fixtures";
import { adminJson, getJson } from "../helpers/http";
import { get, main, text, texts } from "../routes/pages/html";

// The demo page Blip speaks English (its own) and offers Portuguese, as the seed's company would.
const NOVEMBER = "Desk and Portal inaccessible";
const PT = { "Accept-Language": "pt-BR,pt;q=0.9,en;q=0.5" };

let pageId: string;
let incidentId: string;

beforeAll(async () => {
  await seedDemo();
  pageId = (await adminJson("GET", "/page")).json.page.id;
  const incidents = (await getJson("/api/v2/incidents.json")).json.incidents as { id: string; name: string }[];
  incidentId = incidents.find((i) => i.name === NOVEMBER)!.id;
});

describe("a page read in Portuguese", () => {
  it("answers a reader whose browser asks for Portuguese in Portuguese, and says the answer varies with the header", async () => {
    const { res, html } = await get("/", { headers: PT });
    expect(res.status).toBe(200);
    expect(res.headers.get("Vary")).toContain("Accept-Language");
    expect(html).toContain('<html lang="pt-BR">');
    const body = text(main(html));
    expect(body).toContain("Componentes");
    expect(body).toContain("Operacional");
    expect(body).toContain("Incidentes anteriores");
    expect(body).not.toContain("Operational");
    expect(text(html)).toContain("API JSON de status");
  });

  it("tells the incident in Portuguese: statuses, the sentence, dates and durations through Intl", async () => {
    const { res, html } = await get(`/incidents/${incidentId}?lang=pt-BR`);
    expect(res.status).toBe(200);
    const body = text(main(html));
    expect(texts(html, "h1")).toEqual([NOVEMBER]);
    expect(body).toContain("Resolvido");
    expect(body).toContain("14 de nov. de 2024");
    expect(body).toContain("14 de novembro de 2024");
    expect(body).toContain("5 h 23 min");
    expect(body).toContain("Desk e Portal");
    expect(body).not.toMatch(/\bResolved\b|\bPosted\b|\blasting\b/);
  });

  it("keeps the reader's choice in every link, and offers the other language in its own name", async () => {
    const { html } = await get("/?lang=pt-BR");
    expect(html).toContain('href="/history?lang=pt-BR"');
    expect(html).toMatch(/<a href="\/\?lang=en" hreflang="en" lang="en">English<\/a>/);
    const history = (await get("/history?year=2024&lang=pt-BR")).html;
    expect(history).toContain(`href="/incidents/${incidentId}?lang=pt-BR"`);
    expect(history).toContain('href="/history?year=2024&amp;lang=en" hreflang="en"');
    expect(html).toMatch(/<span aria-current="true" lang="pt-BR">Português \(Brasil\)<\/span>/);
  });

  it("marks what the operator wrote as English (the page's own) for screen readers, and lists each language's address for search engines", async () => {
    const { html } = await get(`/incidents/${incidentId}?lang=pt-BR`);
    expect(html).toContain(`<h1 lang="en">${NOVEMBER}</h1>`);
    expect(html).toMatch(/<div class="md" lang="en">/);
    const site = (await adminJson("GET", "/page")).json.page.url.replace(/\/$/, "");
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${site}/incidents/${incidentId}?lang=en"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="pt-BR" href="${site}/incidents/${incidentId}?lang=pt-BR"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${site}/incidents/${incidentId}"/>`);
    // Not on an error page: it has no address of its own worth listing.
    expect((await get("/incidents/zzzzzzzzzzzz?lang=pt-BR")).html).not.toContain('hreflang="x-default"');
    const home = (await get("/?lang=pt-BR")).html;
    expect(home).toMatch(/<span class="name" (title="[^"]*" )?lang="en">Desk<\/span>/);
    // In its own language nothing needs marking.
    const english = (await get(`/incidents/${incidentId}?lang=en`)).html;
    expect(english).toContain(`<h1>${NOVEMBER}</h1>`);
    expect(english).not.toMatch(/<div class="md" lang=/);
  });

  it("answers English when the reader chooses it, whatever the browser asks", async () => {
    const { html } = await get(`/incidents/${incidentId}?lang=en`, { headers: PT });
    expect(html).toContain('<html lang="en">');
    expect(text(main(html))).toContain("Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m");
  });

  it("answers the page's own language for a language it does not offer, and for none", async () => {
    for (const headers of [{ "Accept-Language": "es-MX,es;q=0.9" }, {}] as Record<string, string>[]) {
      const { html } = await get("/", { headers });
      expect(html).toContain('<html lang="en">');
    }
    const { html } = await get("/?lang=es");
    expect(html).toContain('<html lang="en">');
  });

  it("says 404 in the reader's language", async () => {
    const { res, html } = await get("/incidents/zzzzzzzzzzzz", { headers: PT });
    expect(res.status).toBe(404);
    expect(html).toContain('<html lang="pt-BR">');
    expect(text(main(html))).toContain("Não há nenhum incidente neste endereço.");
  });

  it("shows the history with Portuguese months", async () => {
    const { html } = await get("/history?year=2024&lang=pt-BR");
    expect(texts(html, "h2")).toContain("Novembro de 2024");
  });
});

describe("a page whose own language is Portuguese", () => {
  beforeAll(async () => {
    await env.CACHE.delete(htmlKey(pageId, "home", "en"));
    const { status } = await adminJson("PATCH", "/page", { locale: "pt-BR", locales: ["pt-BR", "en"] });
    expect(status).toBe(200);
    await createIncident({ name: "Lentidão no Desk" });
  });

  it("publishes its pages in every language it offers: a reader of either is served from KV", async () => {
    expect(await env.CACHE.get(htmlKey(pageId, "home", "pt-BR"))).toContain('<html lang="pt-BR">');
    expect(await env.CACHE.get(htmlKey(pageId, "home", "en"))).toContain('<html lang="en">');
    const { res, html } = await get("/");
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(html).toContain('<html lang="pt-BR">');
    expect(text(main(html))).toContain("Incidentes ativos");
    const english = await get("/?lang=en");
    expect(english.res.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(english.html).toContain("Active incidents");
  });

  it("refreshes its other languages in the minute job every five minutes, its own every minute (KV writes)", async () => {
    const own = htmlKey(pageId, "home", "pt-BR");
    const other = htmlKey(pageId, "home", "en");
    const db = createDb(env.DB);
    const fiveMinutes = 5 * 60_000;
    const onTheFifth = Math.ceil(Date.now() / fiveMinutes) * fiveMinutes;
    await Promise.all([env.CACHE.delete(own), env.CACHE.delete(other)]);
    await refreshCache(db, env.CACHE, onTheFifth + 60_000);
    expect(await env.CACHE.get(own)).toContain('<html lang="pt-BR">');
    expect(await env.CACHE.get(other)).toBeNull();
    await refreshCache(db, env.CACHE, onTheFifth + fiveMinutes);
    expect(await env.CACHE.get(other)).toContain('<html lang="en">');
  });

  it("shows a reader of another language the page in its own language, marked stale, when D1 is down and no copy of theirs is left", async () => {
    await env.CACHE.delete(htmlKey(pageId, `incident:${incidentId}`, "en"));
    await env.CACHE.delete(lastKnownGoodKey(htmlKey(pageId, `incident:${incidentId}`, "en")));
    await get(`/incidents/${incidentId}`); // the page's own language has a copy
    const { res, html } = await get(`/incidents/${incidentId}?lang=en`, {}, withFaults({ d1: "reads" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("edge-status; hit; detail=last-known-good");
    expect(html).toContain('<html lang="pt-BR">');
    expect(texts(html, "h1")).toEqual([NOVEMBER]);
  });
});

describe("the reader's language, from a link or the browser", () => {
  it("takes a link's language whatever its case (a widget's data-lang=\"pt-br\"), and then does not vary on Accept-Language", async () => {
    const { res, html } = await get("/?lang=pt-br", { headers: { "Accept-Language": "en" } });
    expect(html).toContain('<html lang="pt-BR">');
    expect(res.headers.get("Vary") ?? "").not.toContain("Accept-Language");
  });

  it("varies on Accept-Language when a link asks for a language the page does not offer: the header chose", async () => {
    const { res, html } = await get("/?lang=fr", { headers: { "Accept-Language": "en" } });
    expect(html).toContain('<html lang="en">');
    expect(res.headers.get("Vary")).toContain("Accept-Language");
  });

  it("offers a 404's other language at the same address", async () => {
    const { html } = await get("/incidents/zzzzzzzzzzzz?lang=pt-BR");
    expect(html).toContain('<a href="/incidents/zzzzzzzzzzzz?lang=en" hreflang="en" lang="en">English</a>');
  });

  it("names Accept-Language once in the Vary of a 404", async () => {
    const { res } = await get("/incidents/zzzzzzzzzzzz", { headers: PT });
    expect(res.status).toBe(404);
    expect((res.headers.get("Vary") ?? "").match(/Accept-Language/g)).toHaveLength(1);
  });
});
