// Property: every public route (the Statuspage v2 JSON API, the HTML pages, badges, feeds, the
// embed status line, the OpenAPI document) and any unknown path, called with any method, random
// headers, hosts, query strings and ids, never answers 5xx and never writes D1. A 4xx from a JSON,
// badge or feed route is the JSON error envelope; an HTML route answers an HTML page (a 404 is
// one), never JSON and never a stack trace. What a 200 says parses as what it claims to be.
import { XMLValidator } from "fast-xml-parser";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { seedTargets, type Targets } from "../helpers/admin-routes";
import { anyHost, anyQuery, anyText, headerText, idSegment, noiseHeaders } from "../helpers/arbitraries";
import { changedTables, dbRows, describeRequest, expectEnvelope, expectHtmlPage, type RawRequest, runs, send } from "../helpers/fuzz";

const RUNS_PER_ROUTE = 20;

type Kind = "json" | "html" | "badge-svg" | "badge-json" | "feed" | "frame";

const PUBLIC_ROUTES: [path: string, kind: Kind][] = [
  ["/api/v2/summary.json", "json"],
  ["/api/v2/status.json", "json"],
  ["/api/v2/components.json", "json"],
  ["/api/v2/incidents.json", "json"],
  ["/api/v2/incidents/unresolved.json", "json"],
  ["/api/v2/incidents/{incident}.json", "json"],
  ["/api/v2/scheduled-maintenances.json", "json"],
  ["/api/v2/scheduled-maintenances/upcoming.json", "json"],
  ["/api/v2/scheduled-maintenances/active.json", "json"],
  ["/api/v2/scheduled-maintenances/{maintenance}.json", "json"],
  ["/api/v2/stats.json", "json"],
  ["/api/openapi.json", "json"],
  ["/", "html"],
  ["/incidents/{incident}", "html"],
  ["/maintenances/{maintenance}", "html"],
  ["/history", "html"],
  ["/badge.svg", "badge-svg"],
  ["/badge.json", "badge-json"],
  ["/components/{component}/badge.svg", "badge-svg"],
  ["/components/{component}/badge.json", "badge-json"],
  ["/components/{component}/uptime.svg", "badge-svg"],
  ["/components/{component}/uptime.json", "badge-json"],
  ["/history.atom", "feed"],
  ["/history.rss", "feed"],
  ["/embed/status", "frame"],
];

let targets: Targets;

beforeAll(async () => {
  targets = await seedTargets();
}, 60_000);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant("GET") },
  { weight: 1, arbitrary: fc.constantFrom("HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH") },
);

/** Query strings the route understands, with hostile values, besides random ones. */
const routeQuery = fc.oneof(
  anyQuery,
  fc
    .tuple(
      fc.constantFrom("label", "theme", "year"),
      fc.oneof(
        anyText(50),
        fc.constantFrom("dark", "light", "2024", "1999", "99999", "-1", "2024.0", "0x7e8", " 2024", "<svg onload=alert(1)>", "]]>", "&amp;", "\u2028"),
      ),
    )
    .map(([k, v]) => `?${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, "?"))}`),
);

function pathOf(template: string): fc.Arbitrary<string> {
  const name = /\{(\w+)\}/.exec(template)?.[1];
  if (!name) return fc.constant(template);
  return idSegment(`{${name}}`).map((segment) => template.replace(`{${name}}`, segment));
}

const filled = (path: string) => path.replace(/\{(\w+)\}/g, (whole, name: string) => (targets as unknown as Record<string, string>)[name] ?? whole);

/** What every answer of a route of this kind must look like. */
function expectAnswerOfKind(kind: Kind, method: string, answer: Awaited<ReturnType<typeof send>>, what: string): void {
  expect(answer.status, `${what} answered ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (method === "HEAD" || answer.status === 204 || answer.status === 304) return;
  const machine = kind === "json" || kind === "badge-svg" || kind === "badge-json" || kind === "feed";
  if (answer.status >= 400) {
    // A method no route has (POST /badge.svg) is an unknown path: outside /api that is the HTML 404.
    const unrouted = method !== "GET" && kind !== "json" && answer.status === 404 && /^text\/html/.test(answer.type);
    if (machine && !unrouted) expectEnvelope(answer, what);
    else expectHtmlPage(answer, what);
    return;
  }
  if (answer.status !== 200) return;
  if (kind === "json" || kind === "badge-json") {
    expect(answer.type, what).toMatch(/^application\/json/);
    expect(() => JSON.parse(answer.text), what).not.toThrow();
  } else if (kind === "badge-svg") {
    expect(answer.type, what).toMatch(/^image\/svg\+xml/);
    expect(XMLValidator.validate(answer.text), `${what}: ${answer.text.slice(0, 300)}`).toBe(true);
  } else if (kind === "feed") {
    expect(answer.type, what).toMatch(/^application\/(atom|rss)\+xml/);
    expect(XMLValidator.validate(answer.text), what).toBe(true);
  } else {
    expectHtmlPage(answer, what);
  }
}

/** A word no page contains, put where a route could echo it: a parameter's value, the host, a year. */
const marker = fc.stringMatching(/^[a-z]{10}$/).map((m) => `qq${m}`);

function withMarker(query: string, mark: string, where: "param" | "year"): string {
  const part = where === "year" ? `year=${mark}` : `note=${mark}`;
  return query === "" ? `?${part}` : `${query}&${part}`;
}

describe("public routes with random methods, headers, hosts, query strings and ids", () => {
  it.each(PUBLIC_ROUTES)(
    "%s (%s): never echoes the query's text or the host into the answer",
    async (template) => {
      await fc.assert(
        fc.asyncProperty(pathOf(template), routeQuery, marker, fc.constantFrom("param", "year", "host"), async (path, query, mark, where) => {
          const host = where === "host" ? `${mark}.test` : "status.test";
          const url = `http://${host}${filled(path)}${where === "host" ? query : withMarker(query, mark, where)}`;
          const answer = await send({ method: "GET", url, headers: [] });
          // The OpenAPI document names the server it was read from, by design.
          if (where === "host" && template === "/api/openapi.json") return;
          expect(answer.text.toLowerCase(), `${url} echoed ${mark}`).not.toContain(mark);
        }),
        runs(RUNS_PER_ROUTE),
      );
    },
    60_000,
  );

  it.each(PUBLIC_ROUTES)(
    "%s (%s): never 5xx, never a D1 write, answers of the right kind",
    async (template, kind) => {
      await fc.assert(
        fc.asyncProperty(
          method,
          pathOf(template),
          anyHost,
          routeQuery,
          noiseHeaders,
          fc.option(headerText(60), { nil: null }),
          async (m, path, host, query, noise, auth) => {
            const request: RawRequest = {
              method: m,
              url: `http://${host}${filled(path)}${query}`,
              headers: [...noise, ...(auth === null ? [] : ([["Authorization", auth]] as [string, string][]))],
            };
            const what = describeRequest(request);
            const before = await dbRows();
            const answer = await send(request);
            expectAnswerOfKind(kind, m, answer, what);
            expect(changedTables(before, await dbRows()), `${what} changed D1`).toEqual([]);
          },
        ),
        runs(RUNS_PER_ROUTE),
      );
    },
    60_000,
  );

  it("an unknown path is a 404: the envelope under /api, an HTML page elsewhere", async () => {
    const path = fc.oneof(
      fc.webPath(),
      fc.constantFrom(
        "/api",
        "/api/",
        "/api/v2",
        "/api/v3/summary.json",
        "/api/v2/summary.xml",
        "/incidents",
        "/incidents/",
        "/maintenances/x/y",
        "/components/x",
        "/history/2024",
        "/%00",
        "/%ff",
        "/..%2f..%2fetc/passwd",
        "/badge.svg/x",
        "/embed/status/x",
      ),
    );
    await fc.assert(
      fc.asyncProperty(path, method, async (p, m) => {
        const request: RawRequest = { method: m, url: `http://status.test${p}`, headers: [] };
        const what = describeRequest(request);
        const answer = await send(request);
        expect(answer.status, `${what} answered ${answer.text.slice(0, 300)}`).toBeLessThan(500);
        if (answer.status !== 404 || m === "HEAD") return;
        if (new URL(request.url).pathname.startsWith("/api/")) expectEnvelope(answer, what);
        else expectHtmlPage(answer, what);
      }),
      runs(80),
    );
  }, 60_000);
});
