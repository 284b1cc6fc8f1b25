// Property: whatever body a client sends to an admin write route (any JSON value, wrong types,
// unknown keys, huge strings, deep nesting, lone surrogates, invalid UTF-8, text that is not JSON,
// no body, the wrong content type), the API never answers 5xx, and every 4xx is the JSON error
// envelope after which neither D1 nor KV changed. Auth is valid here, so the body is what is tested.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fill, seedTargets, type Targets, WITH_BODY } from "../helpers/admin-routes";
import { countingEnv } from "../helpers/fixtures";
import { hostileBody } from "../helpers/arbitraries";
import { changedTables, dbRows, describeRequest, expectEnvelope, type RawRequest, runs, send, VALID_AUTH } from "../helpers/fuzz";

const RUNS_PER_ROUTE = 30;

let targets: Targets;

beforeAll(async () => {
  targets = await seedTargets();
}, 60_000);

describe("admin write routes, hostile bodies, valid auth", () => {
  it.each(WITH_BODY.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: never 5xx; a 4xx is the envelope and writes nothing",
    async (_, route) => {
      const valid = fill(route.valid!, targets);
      const path = fill(route.path, targets);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(hostileBody(valid, route.fields ?? []), async (body) => {
          const request: RawRequest = {
            method: route.method,
            url: `http://status.test/api/admin${path}`,
            headers: [["Authorization", VALID_AUTH], ...(body.contentType === null ? [] : ([["Content-Type", body.contentType]] as [string, string][]))],
            body: body.body,
          };
          const what = `${body.label}: ${describeRequest(request)}`;
          const before = await dbRows();
          const counting = countingEnv();
          const answer = await send(request, counting.env);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          expect(answer.status, `${what} answered ${answer.text.slice(0, 300)}`).toBeLessThan(500);
          if (answer.status >= 400) {
            expectEnvelope(answer, what);
            expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).not.toBe(401);
            expect(changedTables(before, await dbRows()), `${what} answered ${answer.status} but changed D1`).toEqual([]);
            expect(counting.kvWrites(), `${what} answered ${answer.status} but wrote KV`).toBe(0);
          }
        }),
        runs(RUNS_PER_ROUTE),
      );
      // The generators must reach validation, not stop at one answer.
      expect(
        [...statuses.keys()].some((s) => s >= 400),
        `statuses seen: ${JSON.stringify([...statuses])}`,
      ).toBe(true);
    },
    120_000,
  );
});
