// One admin request built from random parts (auth, headers, host, query, ids in the path) and the
// properties every answer must have; shared by test/properties/admin-headers and admin-auth.
import fc from "fast-check";
import { expect } from "vitest";
import { type AdminRoute, fill, freshTarget, type Targets } from "./admin-routes";
import { countingEnv } from "./fixtures";
import { anyHost, anyQuery, headerText, idSegment, noiseHeaders } from "./arbitraries";
import { changedTables, dbRows, describeRequest, expectEnvelope, type RawRequest, send } from "./fuzz";

const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant("application/json") },
  { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "") },
  { weight: 1, arbitrary: headerText(40) },
);

/** The route's path with each id segment chosen by `idSegment` (mostly the real one). */
function pathOf(template: string): fc.Arbitrary<string> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return fc.constant(template);
  return fc.tuple(...names.map((n) => idSegment(`{${n}}`))).map((segments) => {
    let i = 0;
    return template.replace(/\{(\w+)\}/g, () => segments[i++]!);
  });
}

export const adminCase = (route: AdminRoute, auth: fc.Arbitrary<string | null>) =>
  fc.record({ auth, path: pathOf(route.path), host: anyHost, query: anyQuery, contentType: fc.option(contentType, { nil: null }), noise: noiseHeaders });

export type AdminCase = ReturnType<typeof adminCase> extends fc.Arbitrary<infer T> ? T : never;

/**
 * Sends the case with the route's valid body and asserts: never 5xx; 401 exactly when the token is
 * wrong (429 allowed once the address is over the failed-authentication limit); every 4xx is the
 * envelope and left D1 and KV as they were.
 */
export async function checkAdminCase(route: AdminRoute, c: AdminCase, targets: Targets, authorized: boolean): Promise<void> {
  const values: Record<string, string> = { ...targets };
  if (route.fresh && c.path.includes(`{${route.fresh}}`)) values[route.fresh] = await freshTarget(route.fresh, targets.page);
  const request: RawRequest = {
    method: route.method,
    url: `http://${c.host}/api/admin${fill(c.path, values as unknown as Targets)}${c.query}`,
    headers: [
      ...(c.auth === null ? [] : ([["Authorization", c.auth]] as [string, string][])),
      ...(c.contentType === null ? [] : ([["Content-Type", c.contentType]] as [string, string][])),
      ...c.noise,
    ],
    body: route.valid ? JSON.stringify(fill(route.valid, targets)) : undefined,
  };
  const what = describeRequest(request);
  const before = await dbRows();
  const counting = countingEnv();
  const answer = await send(request, counting.env);
  expect(answer.status, `${what} answered ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (authorized) expect(answer.status, `${what}: the right token was refused`).not.toBe(401);
  else expect([401, 429], `${what} answered ${answer.status} ${answer.text.slice(0, 200)} without the right token`).toContain(answer.status);
  if (answer.status >= 400) {
    const error = expectEnvelope(answer, what);
    if (answer.status === 401) expect(error.code).toBe("unauthorized");
    expect(changedTables(before, await dbRows()), `${what} answered ${answer.status} but changed D1`).toEqual([]);
    expect(counting.kvWrites(), `${what} answered ${answer.status} but wrote KV`).toBe(0);
  }
}
