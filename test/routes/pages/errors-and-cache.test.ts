import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createIncident, seedDemo } from "../../helpers/fixtures";
import { adminJson, getJson } from "../../helpers/http";
import { cachedPage, expectHtmlError, get, main, text, texts } from "./html";

const UNKNOWN_ID = "zzzzzzzzzzzz";
const MALFORMED_IDS = ["ABCDEFGHIJKL", "abc123", "abcdefghijklm", "abcdefghijk!"];

// Runs first, on the file's fresh storage.
describe("before any page is configured", () => {
  it.each(["/", "/history", `/incidents/${UNKNOWN_ID}`])("%s is a 404 page", async (path) => {
    const html = await expectHtmlError(path, 404, "Page not found");
    expect(text(main(html))).toMatch(/no status page is configured|no incident at this address/i);
  });
});

describe("with the demo page", () => {
  let incidentId: string;

  beforeAll(async () => {
    await seedDemo();
    incidentId = (await getJson("/api/v2/incidents.json")).json.incidents[0].id;
  });

  describe("pages that do not exist", () => {
    it("an unknown incident id is a 404 page with a heading and a link home", async () => {
      const html = await expectHtmlError(`/incidents/${UNKNOWN_ID}`, 404, "Page not found");
      expect(text(main(html))).toContain("There is no incident at this address.");
      // The error page still belongs to the status page it was asked of.
      expect(html).toContain('<a class="brand" href="/?lang=en">Blip</a>');
    });

    it("an unknown maintenance id is a 404 page", async () => {
      const html = await expectHtmlError(`/maintenances/${UNKNOWN_ID}`, 404, "Page not found");
      expect(text(main(html))).toContain("There is no scheduled maintenance at this address.");
    });

    it.each(MALFORMED_IDS)("a malformed id (%s) is a 404 page", async (id) => {
      await expectHtmlError(`/incidents/${id}`, 404, "Page not found");
      await expectHtmlError(`/maintenances/${id}`, 404, "Page not found");
    });

    it.each(["/nope", "/incidents", "/history/2024", `/incidents/${UNKNOWN_ID}/extra`])("an unknown path (%s) is a 404 page, not JSON", async (path) => {
      await expectHtmlError(path, 404, "Page not found");
    });

    it("an unknown path under /api/ stays a JSON error", async () => {
      const { res, json } = await getJson("/api/nope");
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
      expect(json.error.code).toBe("not_found");
    });
  });

  describe("a failure", () => {
    it("answers the bundled 'temporarily unavailable' page when a page was never built and D1 fails, never a stack trace", async () => {
      // D1 fails the batch a page is built from.
      const failing = new Proxy(env.DB, {
        get(target, prop) {
          if (prop === "batch") return () => Promise.reject(new Error("D1_ERROR: secret internals at src/db/queries/history.ts:12"));
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      // A year nobody has read yet is built from D1, which fails; there is no last known good copy.
      const { res, html } = await get("/history?year=2022", {}, { ...env, DB: failing });
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("30");
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(texts(html, "h1")).toEqual(["Status temporarily unavailable"]);
      expect(html).not.toContain("D1_ERROR");
      expect(html).not.toContain("secret internals");
    });
  });

  describe("caching", () => {
    it("answers 304 with no body to a matching If-None-Match on the home page", async () => {
      const first = await get("/");
      const etag = first.res.headers.get("ETag")!;
      // Weak: the CSP nonce differs in every response, the page does not.
      expect(etag).toMatch(/^W\/"[0-9a-f]{32}-[0-9a-z]+"$/);
      const again = await get("/", { headers: { "If-None-Match": etag } });
      expect(again.res.status).toBe(304);
      expect(again.html).toBe("");
      expect(again.res.headers.get("ETag")).toBe(etag);
      const stale = await get("/", { headers: { "If-None-Match": 'W/"0123456789abcdef0123456789abcdef-0"' } });
      expect(stale.res.status).toBe(200);
    });

    it("answers 304 on an incident page too", async () => {
      const first = await get(`/incidents/${incidentId}`);
      const again = await get(`/incidents/${incidentId}`, { headers: { "If-None-Match": first.res.headers.get("ETag")! } });
      expect(again.res.status).toBe(304);
    });

    it("serves the pages from KV without a D1 query", async () => {
      for (const path of ["/", `/incidents/${incidentId}`, "/history", "/history?year=2024"]) {
        await get(path); // fills a key a read may not have seen yet
        const counting = countingEnv();
        const { res } = await get(path, {}, counting.env);
        expect(res.headers.get("Cache-Status"), path).toBe("edge-status; hit");
        expect(counting.d1(), path).toBe(0);
      }
    });

    it("shows an admin rename at once on the incident page, the home page and the history page, each from KV", async () => {
      const incident = await createIncident({ name: "Portal slow to load" });
      const before = await get(`/incidents/${incident.id}`);
      expect(text(before.html)).toContain("Portal slow to load");
      const { status } = await adminJson("PATCH", `/incidents/${incident.id}`, { name: "Portal login slow" });
      expect(status).toBe(200);

      const year = new Intl.DateTimeFormat("en-US", { timeZone: "America/Sao_Paulo", year: "numeric" }).format(Date.now());
      const link = `<a href="/incidents/${incident.id}?lang=en">Portal login slow</a>`;
      const page = await cachedPage(`/incidents/${incident.id}`);
      expect(page).toContain("<h1>Portal login slow</h1>");
      expect(page).not.toContain("Portal slow to load");
      const home = await cachedPage("/");
      expect(home).toContain(link);
      expect(home).not.toContain("Portal slow to load");
      const history = await cachedPage(`/history?year=${year}`);
      expect(history).toContain(link);
      expect(history).not.toContain("Portal slow to load");
      expect(await cachedPage("/history")).toBe(history);
      expect((await get(`/incidents/${incident.id}`, { headers: { "If-None-Match": before.res.headers.get("ETag")! } })).res.status).toBe(200);
    });
  });
});
