// GET /embed/status: the one-line status any site may put in an <iframe>.
import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createIncident, seedDemo } from "../../helpers/fixtures";
import { adminJson, call, getJson } from "../../helpers/http";
import { get, text } from "../pages/html";

const PATH = "/embed/status";

/** What every answer of this route carries, found or not: framable by anyone, HTML, no script. */
function expectFramable(res: Response): void {
  expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  expect(csp.split(";").map((d) => d.trim())).toContain("frame-ancestors *");
  expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
  expect(res.headers.has("X-Frame-Options")).toBe(false);
  expect(res.headers.get("Cache-Control")).toBe("public, max-age=10, s-maxage=10, stale-while-revalidate=20, stale-if-error=3600");
}

/** The visible status line: the text of the <body>. */
function line(html: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(html);
  expect(body, "a <body>").not.toBeNull();
  return text(body![1]!);
}

// Runs first, on the file's fresh storage.
describe("before any page is configured", () => {
  it("answers a small 404 HTML document that may still be framed", async () => {
    const { res, html } = await get(PATH);
    expect(res.status).toBe(404);
    expectFramable(res);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(line(html)).toBe("No status page is configured for this address.");
  });
});

describe("with the demo page", () => {
  beforeAll(async () => {
    await seedDemo();
  });

  describe("all quiet", () => {
    let res: Response;
    let html: string;

    beforeAll(async () => {
      ({ res, html } = await get(PATH));
    });

    it("says All Systems Operational with a green dot, linking to the status page in a new tab", () => {
      expect(res.status).toBe(200);
      expectFramable(res);
      expect(html.startsWith("<!doctype html>")).toBe(true);
      expect(line(html)).toBe("All Systems Operational");
      expect(html).toContain('<a class="i-none" href="/" target="_blank" rel="noopener"');
      expect(html).toContain('<span class="dot" aria-hidden="true"></span>');
      expect(html).toContain("<title>Blip status: All Systems Operational</title>");
    });

    it("is tiny, self-contained and runs no script", () => {
      expect(html.length).toBeLessThan(3_000);
      expect(html).not.toMatch(/<script|<link|<img|\son\w+=/i);
      expect(html).toContain("<style>");
      expect(html).toContain("prefers-color-scheme:dark");
      expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    });

    it("says the same as the summary JSON", async () => {
      const { json } = await getJson("/api/v2/summary.json");
      expect(line(html)).toBe(json.status.description);
    });

    it("answers 304 to its own ETag", async () => {
      const etag = res.headers.get("ETag");
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      const again = await call(PATH, { headers: { "If-None-Match": etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    });

    it("reads the cached summary from KV, no D1 query, once warm", async () => {
      await call("/api/v2/summary.json"); // warm (an admin write would have stored it too)
      const counting = countingEnv();
      const { res: warm } = await get(PATH, {}, counting.env);
      expect(warm.status).toBe(200);
      expect(warm.headers.get("Cache-Status")).toBe("edge-status; hit");
      expect(counting.d1()).toBe(0);
    });

    it("takes ?theme=light|dark and otherwise follows the reader's preference", async () => {
      expect((await get(`${PATH}?theme=dark`)).html).toContain('<html lang="en" class="dark">');
      expect((await get(`${PATH}?theme=light`)).html).toContain('<html lang="en" class="light">');
      expect(html).toContain('<html lang="en" class="auto">');
      const odd = await get(`${PATH}?theme=%3Cscript%3E`);
      expect(odd.res.status).toBe(200);
      expect(odd.html).toContain('<html lang="en" class="auto">');
    });
  });

  describe("names in the line are escaped", () => {
    const EVIL = 'Desk <script>alert("x")</script> & down';
    let html: string;
    let res: Response;

    beforeAll(async () => {
      const { json } = await getJson("/api/v2/components.json");
      const desk = json.components.find((c: { name: string }) => c.name === "Desk").id as string;
      await createIncident({ name: EVIL, components: [{ id: desk, status: "partial_outage" }] });
      const renamed = await adminJson("PATCH", "/page", { name: "Blip <script>alert(1)</script>" });
      expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
      ({ res, html } = await get(PATH));
    });

    it("shows the overall status and the open incident's name, as text", () => {
      expect(res.status).toBe(200);
      expectFramable(res);
      expect(line(html)).toBe(`Minor Service Outage · ${EVIL}`);
      expect(html).toContain('class="i-minor"');
    });

    it("never lets a name become markup", () => {
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain("Desk &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; down");
      expect(html).toContain("<title>Blip &lt;script&gt;alert(1)&lt;/script&gt; status: Minor Service Outage · Desk &lt;script&gt;");
    });
  });
});
