import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createPage, dbFingerprint } from "../helpers/fixtures";
import { admin, getJson } from "../helpers/http";
import { get, post, postAs, signIn, textOf } from "./helpers";

let pageId: string;
let cookie: string;
let portal: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Acme", time_zone: "America/Sao_Paulo" })).id;
  portal = (await createComponent({ name: "Portal" })).id;
  cookie = await signIn("Ana");
});

const auditRows = async (eventId: string) =>
  (await env.DB.prepare("SELECT actor, action, before, after FROM audit_log WHERE event_id = ? ORDER BY at, rowid").bind(eventId).all()).results as {
    actor: string;
    action: string;
    before: string | null;
    after: string | null;
  }[];

async function openIncident(fields: Record<string, string> = {}) {
  const res = await postAs(cookie, `/admin/${pageId}/incidents/new`, {
    name: "Portal is slow",
    status: "investigating",
    body: "We are looking into it.",
    [`component.${portal}`]: "degraded_performance",
    started_at: "2026-11-20T06:45",
    notify: "on",
    ...fields,
  });
  expect(res.status, await res.clone().text()).toBe(303);
  const id = /\/incidents\/([a-z0-9]{12})$/.exec(res.headers.get("Location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

describe("opening an incident from the console", () => {
  it("lands on the incident's page with its update form, and the public API shows it at once", async () => {
    const id = await openIncident();
    const page = await get(`/admin/${pageId}/incidents/${id}`, cookie);
    const html = await page.text();
    expect(textOf(html)).toContain("Post an update");
    expect(html).toContain('name="status"');
    expect(html).toContain('name="body"');
    const { json } = await getJson(`/api/v2/incidents/${id}.json`);
    expect(json.incident.name).toBe("Portal is slow");
    // 06:45 in São Paulo (GMT-3) is 09:45 UTC.
    expect(json.incident.started_at).toBe("2026-11-20T06:45:00.000-03:00");
    expect(json.incident.components.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([["Portal", "degraded_performance"]]);
  });

  it("writes an audit row naming the operator, in the same batch as the incident", async () => {
    const id = await openIncident({ name: "Audited" });
    const rows = await auditRows(id);
    expect(rows.map((r) => [r.actor, r.action])).toEqual([["console: Ana (admin token)", "incident.created"]]);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ name: "Audited", status: "investigating", components: { Portal: "degraded_performance" } });
    const listed = textOf(await (await get(`/admin/${pageId}/audit?event=${id}`, cookie)).text());
    expect(listed).toContain("incident.created");
    expect(listed).toContain("console: Ana (admin token)");
  });

  it("names the API token in the audit log for API writes", async () => {
    const res = await admin("POST", "/incidents", { name: "From the API", status: "investigating", body: "Scripted." });
    const { incident } = (await res.json()) as { incident: { id: string } };
    expect((await auditRows(incident.id)).map((r) => r.actor)).toEqual(["api (admin token)"]);
  });

  it("shows the API's field errors next to their fields, keeps every typed value, and writes nothing", async () => {
    const before = await dbFingerprint();
    const res = await postAs(cookie, `/admin/${pageId}/incidents/new`, {
      name: "",
      status: "investigating",
      body: "Typed under pressure",
      started_at: "2026-11-20T09:00",
      display_at: "2026-11-20T08:00",
      [`component.${portal}`]: "partial_outage",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-name-error"[^>]*>.*Must not be empty\./);
    expect(html).toContain(">Typed under pressure</textarea>");
    expect(html).toContain('value="2026-11-20T09:00"');
    expect(html).toMatch(/<option value="partial_outage" selected="">/);
    expect(textOf(html)).toContain("There is a problem");
    expect(await dbFingerprint()).toBe(before);

    const order = await postAs(cookie, `/admin/${pageId}/incidents/new`, {
      name: "Out of order",
      status: "investigating",
      body: "Kept",
      started_at: "2026-11-20T09:00",
      display_at: "2026-11-20T08:00",
    });
    expect(order.status).toBe(422);
    expect(await order.text()).toMatch(/id="f-display_at-error"|id="f-started_at-error"/);
  });
});

describe("posting updates", () => {
  it("posts an update back-dated in the page's zone, with component changes", async () => {
    const id = await openIncident({ name: "Back-dated" });
    const version = /name="version" value="(\d+)"/.exec(await (await get(`/admin/${pageId}/incidents/${id}`, cookie)).text())?.[1];
    const res = await postAs(cookie, `/admin/${pageId}/incidents/${id}`, {
      version: version!,
      status: "identified",
      body: "Found it.",
      [`component.${portal}`]: "partial_outage",
      display_at: "2026-11-20T07:30",
    });
    expect(res.status).toBe(303);
    const { json } = await getJson(`/api/v2/incidents/${id}.json`);
    expect(json.incident.status).toBe("identified");
    expect(json.incident.incident_updates[0].display_at).toBe("2026-11-20T07:30:00.000-03:00");
    expect(json.incident.components[0].status).toBe("partial_outage");
  });

  it("answers 409 'changed since you opened it' with the current version, keeping the text and writing nothing", async () => {
    const id = await openIncident({ name: "Raced" });
    const stale = /name="version" value="(\d+)"/.exec(await (await get(`/admin/${pageId}/incidents/${id}`, cookie)).text())![1]!;
    await admin("POST", `/incidents/${id}/updates`, { status: "identified", body: "Someone else wrote first." });
    const before = await dbFingerprint();
    const res = await postAs(cookie, `/admin/${pageId}/incidents/${id}`, { version: stale, status: "monitoring", body: "My careful text" });
    expect(res.status).toBe(409);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain("Changed since you opened it");
    expect(text).toContain(`version ${Number(stale) + 1}`);
    expect(text).toContain("status Identified");
    expect(html).toContain(">My careful text</textarea>");
    // The form is drawn from the incident as it is now: sending it again is based on the new version.
    expect(html).toContain(`name="version" value="${Number(stale) + 1}"`);
    expect(await dbFingerprint()).toBe(before);
  });

  it("fills the status and message from a template without posting anything", async () => {
    const id = await openIncident({ name: "Templated" });
    const created = await postAs(cookie, `/admin/${pageId}/templates`, {
      kind: "incident",
      name: "Monitoring",
      status: "monitoring",
      body: "We are watching it.",
    });
    expect(created.status).toBe(303);
    const template = (await env.DB.prepare("SELECT id FROM templates WHERE page_id = ? AND name = 'Monitoring'").bind(pageId).first<{ id: string }>())!.id;
    const before = await dbFingerprint();
    const res = await postAs(cookie, `/admin/${pageId}/incidents/${id}`, { _action: "use-template", template, status: "investigating", body: "" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(">We are watching it.</textarea>");
    expect(html).toMatch(/<option value="monitoring" selected="">/);
    expect(await dbFingerprint()).toBe(before);
  });

  it("previews a postmortem with the public page's renderer before publishing it", async () => {
    const id = await openIncident({ name: "Postmortem", status: "resolved" });
    const preview = await postAs(cookie, `/admin/${pageId}/incidents/${id}/postmortem`, {
      _action: "preview",
      body: "### Root cause\n\n<script>x</script> **bold**",
    });
    const html = await preview.text();
    expect(html).toContain("<h3>Root cause</h3>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("<script>x</script>");
    const published = await postAs(cookie, `/admin/${pageId}/incidents/${id}/postmortem`, { body: "### Root cause\n\nA clock." });
    expect(published.status).toBe(303);
    expect((await getJson(`/api/v2/incidents/${id}.json`)).json.incident.postmortem_body).toBe("### Root cause\n\nA clock.");
  });
});

describe("a session that ends mid-form", () => {
  it("comes back as a sign-in carrying the form; signing in there restores the text, unsent", async () => {
    const fields = { name: "Typed while signed out", status: "investigating", body: "Twenty minutes of careful text", started_at: "2026-11-20T06:45" };
    const before = await dbFingerprint();
    const expired = await post(`/admin/${pageId}/incidents/new`, fields);
    expect(expired.status).toBe(401);
    const signInHtml = await expired.text();
    expect(textOf(signInHtml)).toContain("Your session has ended");
    expect(signInHtml).toContain(`action="/admin/${pageId}/incidents/new"`);
    expect(signInHtml).toContain('name="body" value="Twenty minutes of careful text"');

    const resumed = await post(`/admin/${pageId}/incidents/new`, { ...fields, _sign_in_token: "test-admin-token", _sign_in_name: "Ana" });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("Set-Cookie")).toMatch(/edge_status_session=/);
    const html = await resumed.text();
    expect(textOf(html)).toContain("Nothing has been sent yet");
    expect(html).toContain(">Twenty minutes of careful text</textarea>");
    expect(html).toContain('value="Typed while signed out"');
    // Only the new session was written: no incident, no update.
    expect(await dbFingerprint()).toBe(before);
  });
});

describe("text from a browser", () => {
  it("stores a textarea's CRLF line breaks as \\n, as the API does", async () => {
    const id = await openIncident({ name: "Two lines", body: "line one\r\nline two" });
    const { json } = await getJson(`/api/v2/incidents/${id}.json`);
    expect(json.incident.incident_updates[0].body).toBe("line one\nline two");
  });
});

describe("what a form must not do", () => {
  const formOf = async (path: string) => {
    const html = await (await get(path, cookie)).text();
    const value = (name: string) => new RegExp(`name="${name.replace(".", "\\.")}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? "";
    return { html, value };
  };

  it("keeps 'Notify subscribers' unticked when a refused update is drawn again", async () => {
    const id = await openIncident({ name: "Quiet" });
    const res = await postAs(cookie, `/admin/${pageId}/incidents/${id}`, { status: "identified", body: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/name="notify"[^>]*checked/);
  });

  it("changes only the name when only the name was changed: the start keeps its seconds", async () => {
    const res = await admin("POST", "/incidents", { name: "Precise", status: "investigating", body: "x", started_at: "2026-11-20T06:45:37.123-03:00" });
    const { incident } = (await res.json()) as { incident: { id: string } };
    const { value } = await formOf(`/admin/${pageId}/incidents/${incident.id}/edit`);
    const saved = await postAs(cookie, `/admin/${pageId}/incidents/${incident.id}/edit`, {
      version: value("version"),
      name: "Precise, renamed",
      impact: "",
      started_at: value("started_at"),
      "_was.started_at": value("_was.started_at"),
    });
    expect(saved.status).toBe(303);
    const { json } = await getJson(`/api/v2/incidents/${incident.id}.json`);
    expect(json.incident).toMatchObject({ name: "Precise, renamed", started_at: "2026-11-20T06:45:37.123-03:00" });
  });

  it("opens one incident when the same form is sent twice (a double click), answering both with it", async () => {
    const { value } = await formOf(`/admin/${pageId}/incidents/new`);
    const submission = value("_submission");
    expect(submission).toMatch(/^[a-z0-9]{12}$/);
    const fields = { _submission: submission, name: "Clicked twice", status: "investigating", body: "Once." };
    const [first, second] = [await postAs(cookie, `/admin/${pageId}/incidents/new`, fields), await postAs(cookie, `/admin/${pageId}/incidents/new`, fields)];
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    const incidents = (await getJson("/api/v2/incidents.json")).json.incidents as { name: string }[];
    expect(incidents.filter((i) => i.name === "Clicked twice")).toHaveLength(1);
  });

  it("does not carry out a delete posted across a sign-in: it asks again", async () => {
    const id = await openIncident({ name: "Keep me" });
    const expired = await post(`/admin/${pageId}/incidents/${id}/delete`, {});
    expect(expired.status).toBe(401);
    const resumed = await post(`/admin/${pageId}/incidents/${id}/delete`, { _sign_in_token: "test-admin-token" });
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get("Location")).toBe(`/admin/${pageId}/incidents/${id}/delete`);
    expect((await getJson(`/api/v2/incidents/${id}.json`)).res.status).toBe(200);
  });
});
