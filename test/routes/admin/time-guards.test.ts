import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { AUTH, call, getJson } from "../../helpers/http";
import { daysAhead, expectRefused, jsonInit, site, utc } from "./helpers";

// Impossible times are refused with 422 before anything is read or written: a time more than 5
// minutes ahead of the server (a skewed client clock), a plan more than 180 days ahead, anything
// before 2000, and an order that cannot be (resolved before started).

const main = site();
const MINUTE = 60_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

let componentId: string;
let openId: string;
let resolvedId: string;
let maintenanceId: string;

beforeAll(async () => {
  await createPage({ host: "status.test" });
  componentId = (await main.component({ name: "API" })).id;
  openId = (await main.incident({ name: "Open", started_at: fromNow(-2 * DAY) })).id;
  resolvedId = (await main.incident({ name: "Resolved", started_at: fromNow(-3 * DAY), display_at: fromNow(-3 * DAY) })).id;
  await main.ok("POST", `/incidents/${resolvedId}/updates`, { status: "resolved", body: "Fixed.", display_at: fromNow(-2 * DAY) });
  maintenanceId = (await main.maintenance({ scheduled_for: daysAhead(7), scheduled_until: daysAhead(7, "04:00") })).id;
});

describe("a time that records what happened may be at most 5 minutes ahead (422 timestamp_in_future)", () => {
  const writes: [string, () => [method: string, path: string, body: Record<string, unknown>], string][] = [
    ["incident display_at", () => ["POST", "/incidents", { name: "X", body: "X", display_at: fromNow(YEAR) }], "body.display_at"],
    ["incident started_at", () => ["POST", "/incidents", { name: "X", body: "X", started_at: fromNow(YEAR) }], "body.started_at"],
    ["update display_at", () => ["POST", `/incidents/${openId}/updates`, { body: "X", display_at: fromNow(YEAR) }], "body.display_at"],
    [
      "resolving update display_at",
      () => ["POST", `/incidents/${openId}/updates`, { status: "resolved", body: "X", display_at: fromNow(6 * MINUTE) }],
      "body.display_at",
    ],
    ["PATCH started_at", () => ["PATCH", `/incidents/${openId}`, { started_at: fromNow(YEAR) }], "body.started_at"],
    ["postmortem published_at", () => ["PUT", `/incidents/${resolvedId}/postmortem`, { body: "X", published_at: fromNow(YEAR) }], "body.published_at"],
    [
      "maintenance update display_at",
      () => ["POST", `/maintenances/${maintenanceId}/updates`, { status: "in_progress", body: "X", display_at: fromNow(YEAR) }],
      "body.display_at",
    ],
  ];

  it.each(writes)("refuses a future %s, naming the field, and writes nothing", async (_what, request, field) => {
    const [method, path, body] = request();
    const error = await main.refused(method, path, body, { status: 422, code: "timestamp_in_future", field });
    expect(error.message).toMatch(/at most 5 minutes after the server's time/);
  });

  it("names every field that is too far ahead", async () => {
    const error = await main.refused(
      "POST",
      "/incidents",
      { name: "X", body: "X", started_at: fromNow(YEAR), display_at: fromNow(YEAR) },
      { status: 422, code: "timestamp_in_future" },
    );
    expect(error.details.map((d) => d.field)).toEqual(["body.started_at", "body.display_at"]);
  });

  it("allows a client clock up to 5 minutes fast", async () => {
    const ahead = fromNow(4 * MINUTE);
    const { incident } = await main.ok("POST", `/incidents/${openId}/updates`, { body: "Nearly now.", display_at: ahead });
    expect(incident.incident_updates[0].display_at).toBe(utc(ahead));
  });
});

describe("a plan may be at most 180 days ahead (422 timestamp_in_future)", () => {
  it("refuses a maintenance window a year ahead: a client a year fast scheduling 'tomorrow'", async () => {
    const tomorrowOnThatClock = { name: "X", body: "X", scheduled_for: fromNow(YEAR + DAY), scheduled_until: fromNow(YEAR + DAY + 2 * 3_600_000) };
    const error = await main.refused("POST", "/maintenances", tomorrowOnThatClock, { status: 422, code: "timestamp_in_future", field: "body.scheduled_for" });
    expect(error.details.map((d) => d.field)).toEqual(["body.scheduled_for", "body.scheduled_until"]);
    expect(error.message).toContain("more than 180 days ahead");
  });

  it("accepts a window 179 days ahead, refuses a move to 181, and bounds a component's start date the same way", async () => {
    const m = await main.maintenance({ scheduled_for: daysAhead(179, "01:00"), scheduled_until: daysAhead(179, "02:00") });
    await main.refused(
      "PATCH",
      `/maintenances/${m.id}`,
      { scheduled_until: daysAhead(181) },
      { status: 422, code: "timestamp_in_future", field: "body.scheduled_until" },
    );
    expect((await main.component({ name: "Launching", start_date: daysAhead(30).slice(0, 10) })).start_date).toBe(daysAhead(30).slice(0, 10));
    await main.refused(
      "PATCH",
      `/components/${componentId}`,
      { start_date: daysAhead(200).slice(0, 10) },
      { status: 422, code: "timestamp_in_future", field: "body.start_date" },
    );
  });
});

describe("nothing before 2000 (422 timestamp_out_of_range)", () => {
  it.each([
    ["POST", "/incidents", { name: "X", body: "X", started_at: "1999-12-31T23:59:59Z" }, "body.started_at"],
    ["POST", "/incidents", { name: "X", body: "X", display_at: "1970-01-01T00:00:00Z" }, "body.display_at"],
    ["POST", "/maintenances", { name: "X", body: "X", scheduled_for: "1999-06-01T00:00:00Z", scheduled_until: "2000-06-01T00:00:00Z" }, "body.scheduled_for"],
    ["POST", "/components", { name: "X", start_date: "1999-12-31" }, "body.start_date"],
  ])("%s %s %j", async (method, path, body, field) => {
    const error = await main.refused(method, path, body, { status: 422, code: "timestamp_out_of_range", field });
    expect(error.message).toContain("2000-01-01");
  });

  it("refuses a postmortem dated 1999", async () => {
    await main.refused(
      "PUT",
      `/incidents/${resolvedId}/postmortem`,
      { body: "X", published_at: "1999-01-01T00:00:00Z" },
      { status: 422, code: "timestamp_out_of_range", field: "body.published_at" },
    );
  });
});

describe("times in an impossible order (422 timestamp_order)", () => {
  it("refuses resolving an incident before it started, on creation and by a later update", async () => {
    const start = fromNow(-DAY);
    await main.refused(
      "POST",
      "/incidents",
      { name: "X", body: "X", status: "resolved", started_at: start, display_at: fromNow(-2 * DAY) },
      { status: 422, code: "timestamp_order", field: "body.display_at" },
    );
    await main.refused(
      "POST",
      `/incidents/${openId}/updates`,
      { status: "resolved", body: "X", display_at: fromNow(-3 * DAY) },
      { status: 422, code: "timestamp_order", field: "body.display_at" },
    );
  });

  it("refuses moving started_at after the resolution, even when the first update is later still", async () => {
    // First update shown 3 hours in, then a back-dated resolution at 1 hour.
    const t0 = Date.now() - 10 * DAY;
    const at = (hours: number) => new Date(t0 + hours * 3_600_000).toISOString();
    const { incident } = await main.ok("POST", "/incidents", { name: "Late report", body: "X", started_at: at(0), display_at: at(3) });
    const { incident: resolved } = await main.ok("POST", `/incidents/${incident.id}/updates`, {
      status: "resolved",
      body: "It was over by then.",
      display_at: at(1),
    });
    expect(resolved.resolved_at).toBe(utc(at(1)));
    await main.refused("PATCH", `/incidents/${incident.id}`, { started_at: at(2) }, { status: 422, code: "timestamp_order", field: "body.started_at" });
    expect((await main.ok("PATCH", `/incidents/${incident.id}`, { started_at: at(-1) })).incident.started_at).toBe(utc(at(-1)));
  });

  it("refuses a maintenance update dated before the maintenance started", async () => {
    const m = await main.maintenance({ scheduled_for: daysAhead(3), scheduled_until: daysAhead(3, "04:00") });
    const started = fromNow(-30 * MINUTE);
    await main.ok("POST", `/maintenances/${m.id}/updates`, { status: "in_progress", body: "Started early.", display_at: started });
    await main.refused(
      "POST",
      `/maintenances/${m.id}/updates`,
      { status: "completed", body: "X", display_at: fromNow(-31 * MINUTE) },
      { status: 422, code: "timestamp_order", field: "body.display_at" },
    );
  });

  it("refuses a postmortem published before its incident started", async () => {
    await main.refused(
      "PUT",
      `/incidents/${resolvedId}/postmortem`,
      { body: "X", published_at: fromNow(-4 * DAY) },
      { status: 422, code: "timestamp_order", field: "body.published_at" },
    );
  });
});

describe("back-dating within the bounds stays allowed", () => {
  it("takes updates dated before earlier ones, keeps them in the order they were posted, and stamps created_at itself", async () => {
    const { incident } = await main.ok("POST", "/incidents", {
      name: "Backfilled",
      body: "First report.",
      started_at: fromNow(-2 * DAY),
      display_at: fromNow(-DAY),
    });
    const backDated = fromNow(-36 * 3_600_000);
    const before = Date.now();
    const { incident: later } = await main.ok("POST", `/incidents/${incident.id}/updates`, {
      status: "identified",
      body: "Found in the logs.",
      display_at: backDated,
    });
    const [newest, first] = later.incident_updates;
    expect([newest.body, first.body]).toEqual(["Found in the logs.", "First report."]);
    expect(newest.display_at).toBe(utc(backDated));
    expect(Date.parse(newest.created_at)).toBeGreaterThanOrEqual(before - 1_000);
    const { json } = await getJson(`/api/v2/incidents/${incident.id}.json`);
    expect(json.incident.incident_updates.map((u: { body: string }) => u.body)).toEqual(["Found in the logs.", "First report."]);
  });

  it("accepts an incident dated 2000-01-01 exactly, and a postmortem back-dated after the start", async () => {
    const { incident } = await main.ok("POST", "/incidents", {
      name: "Y2K",
      body: "X",
      status: "resolved",
      started_at: "2000-01-01T00:00:00Z",
      display_at: "2000-01-01T00:30:00Z",
    });
    expect(incident.started_at).toBe("2000-01-01T00:00:00.000Z");
    const { incident: withPostmortem } = await main.ok(
      "PUT",
      `/incidents/${incident.id}/postmortem`,
      { body: "Nothing broke.", published_at: "2000-01-03T00:00:00Z" },
      200,
    );
    expect(withPostmortem.postmortem_body_last_updated_at).toBe("2000-01-03T00:00:00.000Z");
  });
});

describe("created_at is the server's", () => {
  it.each([
    ["POST", "/incidents", { name: "X", body: "X", created_at: "2022-09-15T00:00:00Z" }],
    [
      "POST",
      "/maintenances",
      { name: "X", body: "X", scheduled_for: daysAhead(1), scheduled_until: daysAhead(1, "03:00"), created_at: "2022-09-15T00:00:00Z" },
    ],
    ["POST", "/components", { name: "X", created_at: "2022-09-15T00:00:00Z" }],
    ["PATCH", "/page", { updated_at: "2022-09-15T00:00:00Z" }],
  ])("%s %s refuses a client's created_at or updated_at (400 unknown key)", async (method, path, body) => {
    const error = await main.refused(method, path, body, { status: 400, code: "validation_failed", field: "body" });
    expect(error.details[0]!.message).toMatch(/created_at|updated_at/);
  });

  it("refuses it on updates and incident patches too", async () => {
    await main.refused(
      "POST",
      `/incidents/${openId}/updates`,
      { body: "X", created_at: fromNow(0) },
      { status: 400, code: "validation_failed", field: "body" },
    );
    await main.refused("PATCH", `/incidents/${openId}`, { created_at: fromNow(0) }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("the Date header of an admin write", () => {
  const withDate = (date: string) => ({ ...AUTH, Date: date });
  const send = (method: string, path: string, body: unknown, date: string, bindings?: Env) =>
    call(`${main.origin}/api/admin${path}`, jsonInit(method, body, withDate(date)), bindings);

  it("refuses a write from a clock a year fast even when the write carries no time (422, header.date)", async () => {
    const error = await expectRefused(
      (b) => send("PATCH", `/components/${componentId}`, { status: "major_outage" }, new Date(Date.now() + YEAR).toUTCString(), b),
      {
        status: 422,
        code: "timestamp_in_future",
        field: "header.date",
      },
    );
    expect(error.message).toContain("Date header");
    await expectRefused((b) => send("DELETE", `/components/${componentId}`, undefined, new Date(Date.now() + 10 * MINUTE).toUTCString(), b), {
      status: 422,
      code: "timestamp_in_future",
      field: "header.date",
    });
  });

  it("lets through a clock less than 5 minutes fast, any past date, and an unparseable one", async () => {
    for (const date of [new Date(Date.now() + 4 * MINUTE).toUTCString(), new Date(Date.now() - DAY).toUTCString(), "not a date"]) {
      const res = await send("PATCH", `/components/${componentId}`, { description: date }, date);
      expect(res.status, await res.text()).toBe(200);
    }
  });

  it("does not refuse reads, and asks for the token first", async () => {
    const future = new Date(Date.now() + YEAR).toUTCString();
    expect((await call(`${main.origin}/api/admin/components`, { headers: withDate(future) })).status).toBe(200);
    const unauthenticated = await call(`${main.origin}/api/admin/components`, {
      method: "POST",
      headers: { Date: future, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(unauthenticated.status).toBe(401);
  });
});

describe("the OpenAPI document states the bounds", () => {
  it("describes each time field's bounds and refusals, and the 422 of every route that checks them", async () => {
    const { json: doc } = await getJson("/api/openapi.json");
    const field = (schema: string, name: string) => doc.components.schemas[schema].properties[name];
    for (const [schema, name] of [
      ["IncidentInput", "display_at"],
      ["IncidentInput", "started_at"],
      ["IncidentUpdateInput", "display_at"],
      ["IncidentPatch", "started_at"],
      ["PostmortemInput", "published_at"],
      ["MaintenanceUpdateInput", "display_at"],
    ]) {
      expect(field(schema!, name!), `${schema}.${name}`).toMatchObject({ type: "string", format: "date-time" });
      expect(field(schema!, name!).description, `${schema}.${name}`).toMatch(/5 minutes.*timestamp_in_future.*2000-01-01.*timestamp_out_of_range/);
    }
    for (const name of ["scheduled_for", "scheduled_until"]) expect(field("MaintenanceInput", name).description).toMatch(/180 days.*timestamp_in_future/);
    expect(field("IncidentUpdateInput", "display_at").description).toContain("timestamp_order");
    expect(field("MaintenanceInput", "scheduled_until").description).toContain("timestamp_order");
    expect(doc.paths["/api/admin/incidents/{id}/postmortem"].put.responses["422"]).toBeDefined();
  });
});
