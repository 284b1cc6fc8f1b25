import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { call } from "../../helpers/http";
import { expectEnvelope, expectRefused, ID, newSite, rowCount, site, UNKNOWN_ID, utc } from "./helpers";

const main = site();
type Update = { id: string; status: string; body: string; display_at: string; created_at: string; updated_at: string; affected_components: unknown[] | null };

const at = (minutes: number) => new Date(Date.parse("2026-03-01T10:00:00Z") + minutes * 60_000).toISOString();
const statusOf = async (s: ReturnType<typeof site>, id: string) =>
  (await s.fresh("/api/v2/components.json")).components.find((c: { id: string }) => c.id === id).status;

beforeAll(async () => {
  // The default page has its own host so that admin calls on status.test reach it even once other pages exist.
  await createPage({ host: "status.test" });
});

describe("POST /incidents", () => {
  it("opens an incident with back-dated times; the public API shows it at once", async () => {
    const s = await newSite("open.test");
    const db = await s.component({ name: "Database" });
    const web = await s.component({ name: "Web" });
    const { incident } = await s.ok("POST", "/incidents", {
      name: "Database unreachable",
      status: "investigating",
      body: "We are looking into it.",
      components: [{ id: db.id, status: "major_outage" }],
      started_at: "2026-03-01T09:30:00Z",
      display_at: "2026-03-01T07:00:00-03:00",
    });
    expect(incident).toMatchObject({
      id: expect.stringMatching(ID),
      name: "Database unreachable",
      status: "investigating",
      impact: "critical",
      started_at: "2026-03-01T09:30:00.000Z",
      monitoring_at: null,
      resolved_at: null,
      shortlink: `https://open.test/incidents/${incident.id}`,
      postmortem_body: null,
      components: [expect.objectContaining({ id: db.id, status: "major_outage" })],
      incident_updates: [
        {
          id: expect.stringMatching(ID),
          incident_id: incident.id,
          status: "investigating",
          body: "We are looking into it.",
          display_at: "2026-03-01T10:00:00.000Z",
          created_at: incident.created_at,
          updated_at: incident.created_at,
          affected_components: [{ code: db.id, name: "Database", old_status: "operational", new_status: "major_outage" }],
          deliver_notifications: true,
          custom_tweet: null,
          tweet_id: null,
        },
      ],
    });
    // created_at is when the server received it; display_at and started_at are what the operator said.
    expect(Date.parse(incident.created_at)).toBeGreaterThan(Date.parse("2026-03-01T10:00:00Z"));

    const summary = await s.fresh("/api/v2/summary.json");
    const { postmortem_body, postmortem_body_last_updated_at, ...withoutPostmortem } = incident;
    expect(summary.incidents).toEqual([withoutPostmortem]);
    expect(summary.status).toEqual({ indicator: "major", description: "Partial System Outage" });
    expect(await statusOf(s, db.id)).toBe("major_outage");
    expect(await statusOf(s, web.id)).toBe("operational");
    expect((await s.fresh("/api/v2/incidents/unresolved.json")).incidents).toEqual([incident]);
    expect((await s.fresh(`/api/v2/incidents/${incident.id}.json`)).incident).toEqual(incident);
    expect(await s.ok("GET", `/incidents/${incident.id}`)).toEqual({ incident });
  });

  it("starts at display_at, and display_at at now, when neither is given", async () => {
    const incident = await createIncident({ name: "Slow pages" });
    expect(incident.started_at).toBe(incident.incident_updates[0].display_at);
    expect(incident.incident_updates[0].display_at).toBe(incident.created_at);
    expect(incident.impact).toBe("none");
    expect(incident.incident_updates[0].affected_components).toBeNull();
  });

  it("refuses a first update displayed before the incident started (422 timestamp_order)", async () => {
    await main.refused(
      "POST",
      "/incidents",
      { name: "X", body: "X", started_at: at(10), display_at: at(0) },
      { status: 422, code: "timestamp_order", field: "body.display_at" },
    );
  });

  it("refuses to open an incident in postmortem (400, body.status)", async () => {
    await main.refused("POST", "/incidents", { name: "X", body: "X", status: "postmortem" }, { status: 400, code: "validation_failed", field: "body.status" });
  });

  it("refuses unknown components, groups and another page's components (422 unknown_component), naming each", async () => {
    const known = await createComponent({ name: "Known" });
    const group = await createComponent({ name: "A group", group: true });
    const elsewhere = await (await newSite("elsewhere-components.test")).component({ name: "Elsewhere" });
    const error = await main.refused(
      "POST",
      "/incidents",
      {
        name: "X",
        body: "X",
        components: [
          { id: known.id, status: "major_outage" },
          { id: UNKNOWN_ID, status: "major_outage" },
          { id: group.id, status: "major_outage" },
          { id: elsewhere.id, status: "major_outage" },
        ],
      },
      { status: 422, code: "unknown_component" },
    );
    expect(error.details.map((d) => d.field)).toEqual(["body.components.1", "body.components.2", "body.components.3"]);
    expect(error.details[1]!.message).toContain("group");
  });

  it.each([
    [{ body: "X" }, "body.name"],
    [{ name: "X" }, "body.body"],
    [{ name: "X", body: "X", status: "closed" }, "body.status"],
    [{ name: "X", body: "X", impact: "huge" }, "body.impact"],
    [{ name: "X", body: "X", started_at: "2026-03-01T09:30:00" }, "body.started_at"],
    [{ name: "X", body: "X", display_at: "yesterday" }, "body.display_at"],
    [{ name: "X", body: "X", components: [{ id: "{c}", status: "on_fire" }] }, "body.components.0.status"],
    [{ name: "X", body: "X", components: [{ id: "BAD", status: "major_outage" }] }, "body.components.0.id"],
    [{ name: "X", body: "X", components: [{ id: "{c}", status: "major_outage", note: "x" }] }, "body.components.0"],
    [
      {
        name: "X",
        body: "X",
        components: [
          { id: "{c}", status: "major_outage" },
          { id: "{c}", status: "partial_outage" },
        ],
      },
      "body.components",
    ],
    [{ name: "X", body: "X", deliver_notifications: "no" }, "body.deliver_notifications"],
    [{ name: "X", body: "X", severity: "high" }, "body"],
  ])("refuses %j naming %s (400)", async (body, field) => {
    const c = await createComponent({ name: "Validated" });
    await main.refused("POST", "/incidents", JSON.parse(JSON.stringify(body).replaceAll("{c}", c.id)), { status: 400, code: "validation_failed", field });
  });
});

describe("the incident lifecycle through the API", () => {
  it("investigating → identified → monitoring → resolved stamps monitoring_at and resolved_at and restores components", async () => {
    const s = await newSite("lifecycle.test");
    const web = await s.component({ name: "Web" });
    const incident = await s.incident({ name: "Errors on checkout", components: [{ id: web.id, status: "partial_outage" }], display_at: at(0) });

    const identified = (await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "identified", body: "Found it.", display_at: at(10) })).incident;
    expect(identified).toMatchObject({ status: "identified", monitoring_at: null, resolved_at: null, impact: "major" });
    expect(identified.incident_updates[0]).toMatchObject({ status: "identified", body: "Found it.", affected_components: null });
    expect((await s.fresh("/api/v2/summary.json")).incidents[0].status).toBe("identified");

    const monitoring = (
      await s.ok("POST", `/incidents/${incident.id}/updates`, {
        status: "monitoring",
        body: "Fix deployed.",
        display_at: at(20),
        components: [{ id: web.id, status: "degraded_performance" }],
      })
    ).incident;
    expect(monitoring).toMatchObject({ status: "monitoring", monitoring_at: at(20), resolved_at: null, impact: "major" });
    expect(await statusOf(s, web.id)).toBe("degraded_performance");

    // A message without a status keeps the status and monitoring_at.
    const note = (await s.ok("POST", `/incidents/${incident.id}/updates`, { body: "Still watching.", display_at: at(25) })).incident;
    expect(note).toMatchObject({ status: "monitoring", monitoring_at: at(20) });

    const resolved = (await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "All good.", display_at: at(30) })).incident;
    expect(resolved).toMatchObject({ status: "resolved", monitoring_at: at(20), resolved_at: at(30), impact: "major" });
    expect(resolved.incident_updates.map((u: Update) => u.status)).toEqual(["resolved", "monitoring", "monitoring", "identified", "investigating"]);
    expect(resolved.incident_updates[0].affected_components).toEqual([
      { code: web.id, name: "Web", old_status: "degraded_performance", new_status: "operational" },
    ]);

    const summary = await s.fresh("/api/v2/summary.json");
    expect(summary.incidents).toEqual([]);
    expect(summary.status).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect(await statusOf(s, web.id)).toBe("operational");
    expect((await s.fresh("/api/v2/incidents.json")).incidents).toEqual([resolved]);
    expect((await s.fresh("/api/v2/incidents/unresolved.json")).incidents).toEqual([]);
  });

  it("lists an update's component changes in the page's display order, whatever order they were affected in", async () => {
    const s = await newSite("order.test");
    const names = ["Alpha", "Bravo", "Charlie", "Delta"];
    const made = [];
    for (const name of names) made.push(await s.component({ name }));
    const incident = await s.incident({
      name: "Everything",
      components: [...made].reverse().map((c) => ({ id: c.id, status: "partial_outage" })),
    });
    expect(incident.incident_updates[0].affected_components.map((a: { name: string }) => a.name)).toEqual(names);
    const { incident: resolved } = await s.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
    expect(resolved.incident_updates[0].affected_components.map((a: { name: string }) => a.name)).toEqual(names);
  });

  it("re-opening a resolved incident clears resolved_at", async () => {
    const incident = await createIncident({ name: "Flapping", display_at: at(0) });
    await main.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Gone.", display_at: at(5) });
    const { incident: reopened } = await main.ok("POST", `/incidents/${incident.id}/updates`, { status: "investigating", body: "Back.", display_at: at(6) });
    expect(reopened).toMatchObject({ status: "investigating", resolved_at: null, monitoring_at: null });
    expect((await main.fresh("/api/v2/incidents/unresolved.json")).incidents.map((i: { id: string }) => i.id)).toContain(incident.id);
  });

  it("on resolve, a component another open incident still holds goes back to that incident's status, not operational", async () => {
    const s = await newSite("held.test");
    const shared = await s.component({ name: "Shared" });
    const own = await s.component({ name: "Own" });
    const older = await s.incident({ name: "Older", components: [{ id: shared.id, status: "partial_outage" }] });
    const newer = await s.incident({
      name: "Newer",
      components: [
        { id: shared.id, status: "major_outage" },
        { id: own.id, status: "major_outage" },
      ],
    });

    const { incident } = await s.ok("POST", `/incidents/${newer.id}/updates`, { status: "resolved", body: "Newer fixed." });
    expect(incident.incident_updates[0].affected_components).toEqual(
      expect.arrayContaining([
        { code: shared.id, name: "Shared", old_status: "major_outage", new_status: "partial_outage" },
        { code: own.id, name: "Own", old_status: "major_outage", new_status: "operational" },
      ]),
    );
    expect(await statusOf(s, shared.id)).toBe("partial_outage");
    expect(await statusOf(s, own.id)).toBe("operational");

    await s.ok("POST", `/incidents/${older.id}/updates`, { status: "resolved", body: "Older fixed." });
    expect(await statusOf(s, shared.id)).toBe("operational");
    expect((await s.fresh("/api/v2/status.json")).status.indicator).toBe("none");
  });

  it("refuses transitions the lifecycle forbids (409 invalid_transition)", async () => {
    const open = await createIncident({ name: "Open one" });
    await main.refused(
      "POST",
      `/incidents/${open.id}/updates`,
      { status: "postmortem", body: "X" },
      { status: 409, code: "invalid_transition", field: "body.status" },
    );

    const done = await createIncident({ name: "Done one" });
    await main.ok("POST", `/incidents/${done.id}/updates`, { status: "resolved", body: "Fixed." });
    await main.ok("PUT", `/incidents/${done.id}/postmortem`, { body: "What happened." });
    await main.refused(
      "POST",
      `/incidents/${done.id}/updates`,
      { status: "investigating", body: "X" },
      { status: 409, code: "invalid_transition", field: "body.status" },
    );
    await main.refused(
      "POST",
      `/incidents/${done.id}/updates`,
      { status: "resolved", body: "X" },
      { status: 409, code: "invalid_transition", field: "body.status" },
    );
  });

  it("refuses an update displayed before the incident started (422 timestamp_order)", async () => {
    const incident = await createIncident({ name: "Early", started_at: at(0), display_at: at(5) });
    await main.refused(
      "POST",
      `/incidents/${incident.id}/updates`,
      { body: "X", display_at: at(-1) },
      { status: 422, code: "timestamp_order", field: "body.display_at" },
    );
  });

  it("refuses unknown components in an update (422 unknown_component)", async () => {
    const incident = await createIncident({ name: "Needs components" });
    const c = await createComponent({ name: "Real" });
    await main.refused(
      "POST",
      `/incidents/${incident.id}/updates`,
      {
        body: "X",
        components: [
          { id: c.id, status: "major_outage" },
          { id: UNKNOWN_ID, status: "major_outage" },
        ],
      },
      { status: 422, code: "unknown_component", field: "body.components.1" },
    );
  });

  it("answers 404 for an unknown incident or a maintenance id, 400 for a malformed id or body", async () => {
    const maintenance = await main.maintenance({});
    await main.refused("POST", `/incidents/${UNKNOWN_ID}/updates`, { body: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("POST", `/incidents/${maintenance.id}/updates`, { body: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("POST", "/incidents/short/updates", { body: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    const incident = await createIncident({ name: "Valid" });
    await main.refused("POST", `/incidents/${incident.id}/updates`, { body: "" }, { status: 400, code: "validation_failed", field: "body.body" });
    await main.refused(
      "POST",
      `/incidents/${incident.id}/updates`,
      { body: "X", status: "done" },
      { status: 400, code: "validation_failed", field: "body.status" },
    );
    await main.refused("POST", `/incidents/${incident.id}/updates`, { body: "X", name: "Renamed" }, { status: 400, code: "validation_failed", field: "body" });
  });

  it("two updates posted at the same moment are never half-written: each lands whole, or is refused with 409", async () => {
    const incident = await createIncident({ name: "Busy" });
    const c = await createComponent({ name: "Contended" });
    const results = await Promise.all(
      ["identified", "monitoring"].map((status) =>
        main.send("POST", `/incidents/${incident.id}/updates`, { status, body: status, components: [{ id: c.id, status: "partial_outage" }] }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    for (const r of results.filter((res) => res.status === 409)) await expectEnvelope(r, { status: 409, code: "conflict" });
    const posted = statuses.filter((st) => st === 201).length;
    expect(await rowCount("incident_updates", "incident_id = ?", incident.id)).toBe(1 + posted);
    expect(await rowCount("update_components", "incident_id = ?", incident.id)).toBe(posted);
  });
});

describe("PATCH /incidents/{id}", () => {
  it("overrides the impact, and null restores the computed one; the public status follows", async () => {
    const s = await newSite("impact.test");
    const incident = await s.incident({ name: "Vague trouble" });
    expect(incident.impact).toBe("none");
    expect((await s.fresh("/api/v2/status.json")).status.indicator).toBe("none");

    expect((await s.ok("PATCH", `/incidents/${incident.id}`, { impact: "major" })).incident.impact).toBe("major");
    const status = await s.fresh("/api/v2/status.json");
    expect(status.status).toEqual({ indicator: "major", description: "Partial System Outage" });
    expect((await s.fresh("/api/v2/summary.json")).incidents[0].impact).toBe("major");

    expect((await s.ok("PATCH", `/incidents/${incident.id}`, { impact: null })).incident.impact).toBe("none");
    expect((await s.fresh("/api/v2/status.json")).status.indicator).toBe("none");
  });

  it("keeps an override through later updates, and null then restores the worst impact reached", async () => {
    const c = await createComponent({ name: "Queue" });
    const incident = await createIncident({ name: "Queue backlog", impact: "minor", components: [{ id: c.id, status: "major_outage" }] });
    expect(incident.impact).toBe("minor");
    const { incident: updated } = await main.ok("POST", `/incidents/${incident.id}/updates`, {
      body: "Worse.",
      components: [{ id: c.id, status: "partial_outage" }],
    });
    expect(updated.impact).toBe("minor");
    expect((await main.ok("PATCH", `/incidents/${incident.id}`, { impact: null })).incident.impact).toBe("critical");
    const { incidents } = await main.fresh("/api/v2/incidents.json");
    expect(incidents.find((i: { id: string }) => i.id === incident.id).impact).toBe("critical");
  });

  it("renames and moves started_at earlier", async () => {
    const incident = await createIncident({ name: "Old name", display_at: at(0) });
    const { incident: patched } = await main.ok("PATCH", `/incidents/${incident.id}`, { name: "New name", started_at: at(-45) });
    expect(patched).toMatchObject({ name: "New name", started_at: at(-45) });
    expect((await main.fresh(`/api/v2/incidents/${incident.id}.json`)).incident).toMatchObject({ name: "New name", started_at: at(-45) });
  });

  it("refuses a started_at later than the first update (422 timestamp_order)", async () => {
    const incident = await createIncident({ name: "Timed", display_at: at(0) });
    await main.refused("PATCH", `/incidents/${incident.id}`, { started_at: at(1) }, { status: 422, code: "timestamp_order", field: "body.started_at" });
  });

  it("answers 404 / 400 for unknown ids, malformed ids, bad fields and unknown keys", async () => {
    const incident = await createIncident({ name: "Patchable" });
    await main.refused("PATCH", `/incidents/${UNKNOWN_ID}`, { name: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("PATCH", "/incidents/NOPE", { name: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused("PATCH", `/incidents/${incident.id}`, { impact: "maintenance" }, { status: 400, code: "validation_failed", field: "body.impact" });
    await main.refused("PATCH", `/incidents/${incident.id}`, { status: "resolved" }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("PATCH /incidents/{id}/updates/{updateId}", () => {
  it("corrects the text of one update; the public API shows it at once", async () => {
    const incident = await createIncident({ name: "Typo", body: "We are investigaitng." });
    const { incident: later } = await main.ok("POST", `/incidents/${incident.id}/updates`, { body: "Second." });
    const [second, first] = later.incident_updates as Update[];
    const { incident: edited } = await main.ok("PATCH", `/incidents/${incident.id}/updates/${first!.id}`, { body: "We are investigating." });
    const [editedSecond, editedFirst] = edited.incident_updates as Update[];
    expect(editedFirst).toMatchObject({
      id: first!.id,
      body: "We are investigating.",
      status: first!.status,
      display_at: first!.display_at,
      created_at: first!.created_at,
    });
    expect(Date.parse(editedFirst!.updated_at)).toBeGreaterThan(Date.parse(first!.updated_at));
    expect(editedSecond).toEqual(second);
    const summary = await main.fresh("/api/v2/summary.json");
    expect(summary.incidents.find((i: { id: string }) => i.id === incident.id).incident_updates[1].body).toBe("We are investigating.");
  });

  it("answers 404 for an unknown update, an update of another incident, or an unknown incident", async () => {
    const a = await createIncident({ name: "A" });
    const b = await createIncident({ name: "B" });
    const bUpdate = b.incident_updates[0].id;
    await main.refused("PATCH", `/incidents/${a.id}/updates/${UNKNOWN_ID}`, { body: "X" }, { status: 404, code: "not_found", field: "path.updateId" });
    await main.refused("PATCH", `/incidents/${a.id}/updates/${bUpdate}`, { body: "X" }, { status: 404, code: "not_found", field: "path.updateId" });
    await main.refused("PATCH", `/incidents/${UNKNOWN_ID}/updates/${bUpdate}`, { body: "X" }, { status: 404, code: "not_found", field: "path.id" });
  });

  it("answers 400 for malformed ids, an empty body or unknown keys", async () => {
    const incident = await createIncident({ name: "C" });
    const updateId = incident.incident_updates[0].id;
    await main.refused("PATCH", `/incidents/${incident.id}/updates/Bad-Id`, { body: "X" }, { status: 400, code: "validation_failed", field: "path.updateId" });
    await main.refused("PATCH", `/incidents/bad/updates/${updateId}`, { body: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused(
      "PATCH",
      `/incidents/${incident.id}/updates/${updateId}`,
      { body: "   " },
      { status: 400, code: "validation_failed", field: "body.body" },
    );
    await main.refused(
      "PATCH",
      `/incidents/${incident.id}/updates/${updateId}`,
      { body: "X", status: "resolved" },
      { status: 400, code: "validation_failed", field: "body" },
    );
  });
});

describe("PUT /incidents/{id}/postmortem", () => {
  it("refuses a postmortem on an open incident (409 incident_not_resolved)", async () => {
    const incident = await createIncident({ name: "Still open" });
    await main.refused("PUT", `/incidents/${incident.id}/postmortem`, { body: "Too early." }, { status: 409, code: "incident_not_resolved", field: "path.id" });
  });

  it("publishes, then replaces, the postmortem of a resolved incident", async () => {
    const incident = await createIncident({ name: "Outage", display_at: at(0) });
    await main.ok("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed.", display_at: at(30) });
    const { incident: published } = await main.ok("PUT", `/incidents/${incident.id}/postmortem`, {
      body: "## What happened",
      published_at: "2026-03-02T09:00:00Z",
    });
    expect(published).toMatchObject({
      status: "postmortem",
      postmortem_body: "## What happened",
      postmortem_body_last_updated_at: utc("2026-03-02T09:00:00Z"),
      resolved_at: at(30),
    });

    const { incident: replaced } = await main.ok("PUT", `/incidents/${incident.id}/postmortem`, { body: "## What happened, corrected" });
    expect(replaced.postmortem_body).toBe("## What happened, corrected");
    const { incidents } = await main.fresh("/api/v2/incidents.json");
    expect(incidents.find((i: { id: string }) => i.id === incident.id)).toMatchObject({ status: "postmortem", postmortem_body: "## What happened, corrected" });
    expect((await main.fresh("/api/v2/summary.json")).incidents.map((i: { id: string }) => i.id)).not.toContain(incident.id);
  });

  it("answers 404 / 400 for unknown ids, malformed ids and bad bodies", async () => {
    const incident = await createIncident({ name: "PM" });
    await main.refused("PUT", `/incidents/${UNKNOWN_ID}/postmortem`, { body: "X" }, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("PUT", "/incidents/x/postmortem", { body: "X" }, { status: 400, code: "validation_failed", field: "path.id" });
    await main.refused("PUT", `/incidents/${incident.id}/postmortem`, {}, { status: 400, code: "validation_failed", field: "body.body" });
    await main.refused(
      "PUT",
      `/incidents/${incident.id}/postmortem`,
      { body: "X", published_at: "soon" },
      { status: 400, code: "validation_failed", field: "body.published_at" },
    );
    await main.refused("PUT", `/incidents/${incident.id}/postmortem`, { body: "X", title: "T" }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("DELETE /incidents/{id}", () => {
  it("deletes the incident and its updates; the public lists and the incident's own URL drop it", async () => {
    const incident = await createIncident({ name: "Posted by mistake" });
    expect((await main.fresh(`/api/v2/incidents/${incident.id}.json`)).incident.id).toBe(incident.id);

    expect(await main.ok("DELETE", `/incidents/${incident.id}`, undefined, 204)).toBeNull();
    expect(await rowCount("incident_updates", "incident_id = ?", incident.id)).toBe(0);
    expect((await main.fresh("/api/v2/incidents.json")).incidents.map((i: { id: string }) => i.id)).not.toContain(incident.id);
    expect((await main.fresh("/api/v2/summary.json")).incidents.map((i: { id: string }) => i.id)).not.toContain(incident.id);
    await expectRefused((b) => call(`/api/v2/incidents/${incident.id}.json`, {}, b), { status: 404, code: "not_found", field: "path.id" });
    await main.refused("GET", `/incidents/${incident.id}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("DELETE", `/incidents/${incident.id}`, undefined, { status: 404, code: "not_found", field: "path.id" });
  });

  it("answers 404 for a maintenance id and 400 for a malformed id", async () => {
    const maintenance = await main.maintenance({});
    await main.refused("DELETE", `/incidents/${maintenance.id}`, undefined, { status: 404, code: "not_found", field: "path.id" });
    await main.refused("DELETE", "/incidents/0", undefined, { status: 400, code: "validation_failed", field: "path.id" });
  });
});

describe("GET /incidents", () => {
  it("lists the page's incidents newest first, from D1", async () => {
    const s = await newSite("list.test");
    const older = await s.incident({ name: "Older", started_at: at(-60), display_at: at(-60) });
    const newer = await s.incident({ name: "Newer", started_at: at(0), display_at: at(0) });
    const { incidents } = await s.ok("GET", "/incidents");
    expect(incidents.map((i: { id: string }) => i.id)).toEqual([newer.id, older.id]);
  });
});
