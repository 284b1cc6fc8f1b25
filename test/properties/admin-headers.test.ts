// Property: every admin route, called with the right token but random other headers (Content-Type,
// Accept, If-None-Match, Idempotency-Key, Date, ...), on random hosts, with random query strings
// and ids in the path, never answers 5xx and never 401; every 4xx is the JSON error envelope and
// leaves D1 and KV as they were.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { adminCase, checkAdminCase } from "../helpers/admin-fuzz";
import { ADMIN_ROUTES, seedTargets, type Targets } from "../helpers/admin-routes";
import { goodAuth } from "../helpers/arbitraries";
import { describeRequest, expectEnvelope, type RawRequest, runs, send, VALID_AUTH } from "../helpers/fuzz";

const RUNS_PER_ROUTE = 10;

let targets: Targets;

beforeAll(async () => {
  targets = await seedTargets();
}, 60_000);

describe("admin routes with the right token and random headers, hosts, query strings and ids", () => {
  it.each(ADMIN_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: never 5xx, never 401; a 4xx is the envelope and writes nothing",
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(adminCase(route, goodAuth), (c) => checkAdminCase(route, c, targets, true)),
        runs(RUNS_PER_ROUTE),
      );
    },
    60_000,
  );

  it("an unknown admin path answers the envelope (404 with the token, 401 without), never 5xx", async () => {
    const unknownPath = fc.oneof(
      fc.constantFrom("/", "", "/nope", "/incidents/x/y/z", "/components/order/extra", "/PAGES", "/pages/", "/incidents//updates"),
      fc.webPath(),
    );
    await fc.assert(
      fc.asyncProperty(unknownPath, fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), fc.boolean(), async (path, method, authorized) => {
        const request: RawRequest = { method, url: `http://status.test/api/admin${path}`, headers: authorized ? [["Authorization", VALID_AUTH]] : [] };
        const what = describeRequest(request);
        const answer = await send(request);
        expect(answer.status, what).toBeLessThan(500);
        // Dot segments may lead out of /api/admin: only paths still under it need the token.
        if (!authorized && new URL(request.url).pathname.startsWith("/api/admin")) expect([401, 429], what).toContain(answer.status);
        if (answer.status >= 400) expectEnvelope(answer, what);
      }),
      runs(60),
    );
  }, 60_000);
});
