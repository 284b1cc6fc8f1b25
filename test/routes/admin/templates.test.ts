import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { adminJson } from "../../helpers/http";

beforeAll(async () => {
  await createPage({ name: "Templated" });
});

describe("templates through the admin API", () => {
  it("creates, lists, changes and deletes a page's templates, each write in the audit log", async () => {
    const created = await adminJson("POST", "/templates", { name: "Investigating", status: "investigating", body: "We are looking into it." });
    expect(created.status).toBe(201);
    const { template } = created.json;
    expect(template).toMatchObject({ kind: "incident", name: "Investigating", status: "investigating", body: "We are looking into it." });

    const changed = await adminJson("PATCH", `/templates/${template.id}`, { body: "We are investigating." });
    expect(changed.status).toBe(200);
    expect(changed.json.template).toMatchObject({ name: "Investigating", body: "We are investigating." });
    expect((await adminJson("GET", "/templates")).json.templates.map((t: { id: string }) => t.id)).toEqual([template.id]);

    expect((await adminJson("DELETE", `/templates/${template.id}`)).status).toBe(204);
    expect((await adminJson("GET", `/templates/${template.id}`)).status).toBe(404);

    const { json } = await adminJson("GET", "/audit?limit=3");
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual(["template.deleted", "template.updated", "template.created"]);
    expect(json.entries[0]).toMatchObject({ actor: "api (admin token)", target: `template:${template.id}`, before: { name: "Investigating" }, after: null });
    expect(json.next).toMatch(/^\d+-[a-z0-9]{12}$/);
  });

  it("refuses a status of the other kind of event, and a second template of the same name", async () => {
    const wrongKind = await adminJson("POST", "/templates", { kind: "maintenance", name: "Odd", status: "investigating", body: "x" });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.error.details).toEqual([{ field: "body.status", message: "Not a status of this kind of event." }]);
    await adminJson("POST", "/templates", { name: "Twice", status: "resolved", body: "Fixed." });
    const again = await adminJson("POST", "/templates", { name: "Twice", status: "resolved", body: "Fixed again." });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("template_name_taken");
    const created = (await adminJson("POST", "/templates", { kind: "maintenance", name: "Done", status: "completed", body: "Done." })).json.template;
    const patched = await adminJson("PATCH", `/templates/${created.id}`, { status: "resolved" });
    expect(patched.status).toBe(422);
    expect(patched.json.error.details[0].field).toBe("body.status");
  });

  it("pages the audit log with its cursor and refuses a malformed one", async () => {
    const first = (await adminJson("GET", "/audit?limit=2")).json;
    const second = (await adminJson("GET", `/audit?limit=2&after=${first.next}`)).json;
    const ids = [...first.entries, ...second.entries].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(4);
    expect((await adminJson("GET", "/audit?after=yesterday")).status).toBe(400);
  });
});
