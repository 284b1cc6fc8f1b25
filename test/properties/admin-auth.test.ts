// Property: without the right token (none, another scheme, a near miss, junk) every admin route
// answers 401 with the envelope and WWW-Authenticate (or 429 once the address is over the
// failed-authentication limit), whatever else the request carries, and nothing is written.
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { adminCase, checkAdminCase } from "../helpers/admin-fuzz";
import { ADMIN_ROUTES, seedTargets, type Targets } from "../helpers/admin-routes";
import { brokenAuth } from "../helpers/arbitraries";
import { runs } from "../helpers/fuzz";

const RUNS_PER_ROUTE = 8;

let targets: Targets;

beforeAll(async () => {
  targets = await seedTargets();
}, 60_000);

describe("admin routes without the right token", () => {
  it.each(ADMIN_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: always 401 (or 429), the envelope, nothing written",
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(adminCase(route, brokenAuth), (c) => checkAdminCase(route, c, targets, false)),
        runs(RUNS_PER_ROUTE),
      );
    },
    60_000,
  );
});
