// Property: well-typed admin writes with random but plausible values (times around the clock's
// bounds and in any offset, statuses of every kind, real, group and unknown component ids, any
// text, time zones, page URLs and hosts) never answer 5xx; a refusal (4xx) is the envelope and
// writes nothing; and after an accepted write every public surface of the page still answers.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fill, seedTargets, type Targets, WITH_BODY } from "../helpers/admin-routes";
import { countingEnv } from "../helpers/fixtures";
import { anyText } from "../helpers/arbitraries";
import { changedTables, dbRows, describeRequest, expectEnvelope, type RawRequest, read, runs, send, STACK_TRACE, VALID_AUTH } from "../helpers/fuzz";
import { call } from "../helpers/http";

const RUNS_PER_ROUTE = 15;
const MINUTE = 60_000;
const DAY = 86_400_000;

let targets: Targets;
let otherComponents: string[];

beforeAll(async () => {
  targets = await seedTargets();
  const { results } = await env.DB.prepare("SELECT id FROM components WHERE page_id = ? AND id != ?")
    .bind(targets.page, targets.component)
    .all<{ id: string }>();
  otherComponents = results.map((r) => r.id);
}, 60_000);

/**
 * A case may move the demo page off status.test, make another page the default or give it a URL
 * that breaks it: each case starts from the seeded page, so a counterexample stands on its own.
 */
async function resetPage(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("UPDATE pages SET host = NULL WHERE host = 'status.test' AND id != ?").bind(targets.page),
    env.DB.prepare("UPDATE pages SET host = 'status.test', is_default = 1, url = 'http://localhost:8787' WHERE id = ?").bind(targets.page),
    env.DB.prepare("UPDATE pages SET is_default = 0 WHERE id != ?").bind(targets.page),
  ]);
}

const OFFSETS = ["Z", "+00:00", "-03:00", "+05:45", "+14:00", "-12:00", "+01:00"];
function isoIn(ms: number, offset: string): string {
  if (offset === "Z") return new Date(ms).toISOString();
  const sign = offset[0] === "-" ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * MINUTE;
  return new Date(ms + shift).toISOString().replace("Z", offset);
}

/** An instant near something that matters: now, the 5-minute skew, the 180-day plan horizon, year 2000. */
const instant = fc.oneof(
  fc.integer({ min: -400, max: 400 }).map((days) => Date.now() + days * DAY),
  fc.integer({ min: -600, max: 600 }).map((seconds) => Date.now() + seconds * 1000),
  fc.integer({ min: -120, max: 120 }).map((seconds) => Date.now() + 5 * MINUTE + seconds * 1000),
  fc.integer({ min: -3, max: 3 }).map((hours) => Date.now() + 180 * DAY + hours * 3_600_000),
  fc.integer({ min: -2, max: 2 }).map((seconds) => 946_684_800_000 + seconds * 1000),
  fc.constantFrom(0, 1_000, Date.parse("2024-11-14T11:56:00Z"), Date.parse("2021-09-01T00:00:00Z"), 8_640_000_000_000),
);
const timestamp = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(instant, fc.constantFrom(...OFFSETS)).map(([ms, offset]) => isoIn(ms, offset)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "2024-02-29T12:00:00Z",
      "2023-02-29T12:00:00Z",
      "2024-11-14T08:56:00.123456-03:00",
      "2024-11-14T24:00:00Z",
      "+275760-09-13T00:00:00.000Z",
    ),
  },
);
const day = fc.oneof(
  instant.map((ms) => new Date(ms).toISOString().slice(0, 10)),
  fc.constantFrom("2024-02-30", "0000-01-01", "1999-12-31", "2000-01-01"),
  fc.constant(null),
);

const COMPONENT_STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];
const EVENT_STATUSES = ["investigating", "identified", "monitoring", "resolved", "postmortem", "scheduled", "in_progress", "verifying", "completed"];

/** Plausible values for each field any admin body has. */
function fieldValues(t: Targets): Record<string, fc.Arbitrary<unknown>> {
  const someId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(t.component, ...otherComponents) }, fc.constantFrom(t.group, "zzzzzzzzzzzz"));
  const text = (max: number) => fc.oneof(anyText(max), fc.constantFrom("Looking into it.", "  padded  ", "\u2028", "**bold** [link](https://example.com)"));
  return {
    name: text(40),
    body: text(200),
    description: fc.option(text(60), { nil: null }),
    status: fc.constantFrom(...EVENT_STATUSES, ...COMPONENT_STATUSES),
    impact: fc.constantFrom("none", "minor", "major", "critical", null),
    started_at: timestamp,
    display_at: timestamp,
    published_at: timestamp,
    scheduled_for: timestamp,
    scheduled_until: timestamp,
    start_date: day,
    components: fc.uniqueArray(fc.record({ id: someId, status: fc.constantFrom(...COMPONENT_STATUSES) }), { maxLength: 3, selector: (c) => c.id }),
    component_ids: fc.uniqueArray(someId, { maxLength: 3 }),
    ids: fc.shuffledSubarray([t.component, ...otherComponents]),
    group_id: fc.constantFrom(t.group, t.component, "zzzzzzzzzzzz", null),
    group: fc.boolean(),
    showcase: fc.boolean(),
    only_show_if_degraded: fc.boolean(),
    auto_start: fc.boolean(),
    auto_complete: fc.boolean(),
    deliver_notifications: fc.boolean(),
    default: fc.boolean(),
    url: fc.oneof(
      fc.webUrl(),
      fc.constantFrom(
        "https://status.example.com",
        "http://localhost:8787/",
        "mailto:ops@example.com",
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.com/",
        "https://example.com/a b",
      ),
    ),
    host: fc.oneof(fc.domain(), fc.constantFrom("status.test", "STATUS.EXAMPLE", "status.example:8443", "", null)),
    time_zone: fc.constantFrom(
      "Etc/UTC",
      "America/Sao_Paulo",
      "Asia/Kathmandu",
      "Pacific/Kiritimati",
      "Pacific/Chatham",
      "Etc/GMT+12",
      "UTC",
      "utc",
      "Mars/Olympus",
      "America/Argentina/ComodRivadavia",
    ),
    settings: fc.record({ auto_resolve_after_minutes: fc.oneof(fc.integer({ min: -1, max: 10_081 }), fc.constantFrom(0, 10_080, 0.5)) }, { requiredKeys: [] }),
  };
}

/** A body for `fields`: the route's valid body with some fields set to plausible values. */
function plausibleBody(valid: Record<string, unknown>, fields: string[], t: Targets): fc.Arbitrary<Record<string, unknown>> {
  const values = fieldValues(t);
  return fc.record(Object.fromEntries(fields.map((f) => [f, values[f] ?? fc.constant(null)])), { requiredKeys: [] }).map((picked) => ({ ...valid, ...picked }));
}

const PUBLIC_PATHS = [
  "/",
  "/history",
  "/history.atom",
  "/history.rss",
  "/badge.svg",
  "/embed/status",
  "/api/v2/summary.json",
  "/api/v2/incidents.json",
  "/api/v2/scheduled-maintenances.json",
  "/api/v2/stats.json",
];

/** Every public surface of the page on status.test answers without a server error. */
async function expectPublicSurfacesWork(after: string): Promise<void> {
  for (const path of PUBLIC_PATHS) {
    const answer = await read(await call(`http://status.test${path}`));
    expect(answer.status, `${path} after ${after}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
    expect(answer.text, `${path} after ${after}`).not.toMatch(STACK_TRACE);
  }
}

describe("admin writes with plausible values", () => {
  it.each(WITH_BODY.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: never 5xx; a refusal writes nothing; the public pages still work after",
    async (_, route) => {
      const path = fill(route.path, targets);
      await fc.assert(
        fc.asyncProperty(plausibleBody(fill(route.valid!, targets), route.fields ?? [], targets), async (body) => {
          await resetPage();
          const request: RawRequest = {
            method: route.method,
            url: `http://status.test/api/admin${path}`,
            headers: [
              ["Authorization", VALID_AUTH],
              ["Content-Type", "application/json"],
            ],
            body: JSON.stringify(body),
          };
          const what = describeRequest(request);
          const before = await dbRows();
          const counting = countingEnv();
          const answer = await send(request, counting.env);
          expect(answer.status, `${what} answered ${answer.text.slice(0, 400)}`).toBeLessThan(500);
          if (answer.status >= 400) {
            expectEnvelope(answer, what);
            expect(changedTables(before, await dbRows()), `${what} answered ${answer.status} but changed D1`).toEqual([]);
            expect(counting.kvWrites(), `${what} answered ${answer.status} but wrote KV`).toBe(0);
          } else {
            await expectPublicSurfacesWork(what);
          }
        }),
        runs(RUNS_PER_ROUTE),
      );
    },
    90_000,
  );
});
