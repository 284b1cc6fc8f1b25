import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createIncident, createPage } from "../../helpers/fixtures";
import { PUBLIC_LIST_PATHS, adminJson, call, getJson } from "../../helpers/http";

type Obj = Record<string, any>;

const PUBLIC_PATHS = [
  ...PUBLIC_LIST_PATHS,
  "/api/v2/incidents/{id}.json",
  "/api/v2/scheduled-maintenances/{id}.json",
  "/api/v2/heartbeat.json",
  "/api/v2/subscribers.json",
];
// The one public write: answers 202 to a valid address.
const PUBLIC_WRITES: Record<string, RequestInit> = {
  "post /api/v2/subscribers.json": { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "docs@example.com" }) },
};

const ADMIN_OPERATIONS: Record<string, string[]> = {
  "/api/admin/pages": ["get", "post"],
  "/api/admin/page": ["get", "patch"],
  "/api/admin/demo": ["post"],
  "/api/admin/import": ["post"],
  "/api/admin/jobs": ["get"],
  "/api/admin/components": ["get", "post"],
  "/api/admin/components/order": ["put"],
  "/api/admin/components/{id}": ["get", "patch", "delete"],
  "/api/admin/incidents": ["get", "post"],
  "/api/admin/incidents/{id}": ["get", "patch", "delete"],
  "/api/admin/incidents/{id}/updates": ["post"],
  "/api/admin/incidents/{id}/updates/{updateId}": ["patch"],
  "/api/admin/incidents/{id}/postmortem": ["put"],
  "/api/admin/maintenances": ["get", "post"],
  "/api/admin/maintenances/{id}": ["get", "patch"],
  "/api/admin/maintenances/{id}/updates": ["post"],
  "/api/admin/maintenances/{id}/cancel": ["post"],
  "/api/admin/templates": ["get", "post"],
  "/api/admin/templates/{id}": ["get", "patch", "delete"],
  "/api/admin/audit": ["get"],
  "/api/admin/subscribers": ["get", "post"],
  "/api/admin/subscribers/{id}": ["get", "patch", "delete"],
  "/api/admin/subscribers/{id}/rotate-secret": ["post"],
  "/api/admin/subscribers/{id}/resume": ["post"],
  "/api/admin/mail": ["get"],
};

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);
const operations = (doc: Obj) =>
  Object.entries(doc.paths as Obj).flatMap(([path, item]) =>
    Object.entries(item as Obj)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ path, method, op: op as Obj })),
  );

describe("GET /api/openapi.json", () => {
  let doc: Obj;
  let incidentId: string;
  let maintenanceId: string;
  let componentId: string;

  beforeAll(async () => {
    const { res, json } = await getJson("/api/openapi.json");
    expect(res.status).toBe(200);
    doc = json;
    await createPage();
    componentId = (await createComponent({ name: "API" })).id;
    incidentId = (await createIncident({ name: "Known" })).id;
    const m = await adminJson("POST", "/maintenances", {
      name: "Planned",
      body: "Planned.",
      scheduled_for: new Date(Date.now() + 86_400_000).toISOString(),
      scheduled_until: new Date(Date.now() + 90_000_000).toISOString(),
    });
    maintenanceId = m.json.scheduled_maintenance.id;
  });

  it("is an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(typeof doc.paths).toBe("object");
  });

  it("lists every public path, the by-id ones with their id parameter", () => {
    const paths = Object.keys(doc.paths);
    for (const path of PUBLIC_PATHS) expect(paths, path).toContain(path);
    for (const path of PUBLIC_PATHS.filter((p) => p.includes("{id}"))) {
      const params = doc.paths[path].get.parameters as Obj[];
      const id = params.find((p) => p.name === "id");
      expect(id).toMatchObject({ in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9]{12}$" } });
    }
  });

  it("lists every admin path and method", () => {
    for (const [path, methods] of Object.entries(ADMIN_OPERATIONS)) {
      expect(doc.paths[path], path).toBeDefined();
      expect(
        Object.keys(doc.paths[path])
          .filter((m) => METHODS.has(m))
          .sort(),
        path,
      ).toEqual([...methods].sort());
    }
  });

  it("documents only operations the worker serves", async () => {
    const known = new Set([...PUBLIC_PATHS, ...Object.keys(ADMIN_OPERATIONS)]);
    for (const { path, method } of operations(doc)) {
      if (path.startsWith("/api/admin/")) continue;
      const url = path
        .replace("/incidents/{id}", `/incidents/${incidentId}`)
        .replace("/scheduled-maintenances/{id}", `/scheduled-maintenances/${maintenanceId}`);
      const write = PUBLIC_WRITES[`${method} ${path}`];
      const res = await call(url, { method: method.toUpperCase(), ...write });
      expect(res.status, `${method} ${path}`).toBe(write ? 202 : 200);
    }
    expect(
      operations(doc)
        .map((o) => o.path)
        .filter((path) => !known.has(path)),
    ).toEqual([]);
  });

  it("puts bearer security on every admin operation and none on public reads", async () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const ops = operations(doc);
    const admin = ops.filter((o) => o.path.startsWith("/api/admin/"));
    expect(admin.length).toBe(Object.values(ADMIN_OPERATIONS).flat().length);
    for (const { path, method, op } of admin) {
      expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
      // And the worker does require it.
      const url = path.replace("{id}", "abcdefabcdef").replace("{updateId}", "abcdefabcdef");
      const res = await call(url, { method: method.toUpperCase(), headers: { "Content-Type": "application/json" }, body: method === "get" ? null : "{}" });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    for (const { path, method, op } of ops.filter((o) => o.path.startsWith("/api/v2/"))) {
      expect(op.security ?? [], `${method} ${path}`).toEqual([]);
    }
  });

  describe("IncidentInput matches what POST /api/admin/incidents accepts", () => {
    let schema: Obj;
    beforeAll(() => {
      schema = doc.components.schemas.IncidentInput;
      const post = doc.paths["/api/admin/incidents"].post;
      expect(post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/IncidentInput" });
    });

    it("documents exactly the fields the API reads, each of which it honours", async () => {
      expect(Object.keys(schema.properties).sort()).toEqual([
        "body",
        "components",
        "deliver_notifications",
        "display_at",
        "impact",
        "name",
        "started_at",
        "status",
      ]);
      const { status, json } = await adminJson("POST", "/incidents", {
        name: "Every field",
        status: "identified",
        body: "All documented fields.",
        impact: "minor",
        started_at: "2025-01-02T03:00:00Z",
        display_at: "2025-01-02T03:30:00Z",
        components: [{ id: componentId, status: "degraded_performance" }],
        deliver_notifications: false,
      });
      expect(status).toBe(201);
      const incident = json.incident;
      expect(incident).toMatchObject({ name: "Every field", status: "identified", impact: "minor" });
      expect(Date.parse(incident.started_at)).toBe(Date.parse("2025-01-02T03:00:00Z"));
      const [update] = incident.incident_updates;
      expect(update).toMatchObject({ body: "All documented fields.", deliver_notifications: false });
      expect(Date.parse(update.display_at)).toBe(Date.parse("2025-01-02T03:30:00Z"));
      expect(update.affected_components).toEqual([{ code: componentId, name: "API", old_status: "operational", new_status: "degraded_performance" }]);
    });

    it("refuses an undocumented field, as additionalProperties: false says", async () => {
      expect(schema.additionalProperties).toBe(false);
      const { status, json } = await adminJson("POST", "/incidents", { name: "Extra", body: "Extra.", severity: "high" });
      expect(status).toBe(400);
      expect(json.error.code).toBe("validation_failed");
    });

    it("requires exactly the documented required fields", async () => {
      expect([...schema.required].sort()).toEqual(["body", "name"]);
      for (const field of schema.required as string[]) {
        const body: Obj = { name: "Missing one", body: "Missing one." };
        delete body[field];
        const { status, json } = await adminJson("POST", "/incidents", body);
        expect(status, field).toBe(400);
        expect(json.error.details.map((d: Obj) => d.field)).toContain(`body.${field}`);
      }
      const minimal = await adminJson("POST", "/incidents", { name: "Only required", body: "Only required." });
      expect(minimal.status).toBe(201);
    });

    it("accepts every documented impact", async () => {
      for (const impact of schema.properties.impact.enum as (string | null)[]) {
        const { status } = await adminJson("POST", "/incidents", { name: `Impact ${impact}`, body: "Impact.", impact });
        expect(status, String(impact)).toBe(201);
      }
    });

    it("accepts every documented status for a new incident", async () => {
      for (const value of schema.properties.status.enum as string[]) {
        const { status, json } = await adminJson("POST", "/incidents", { name: `Status ${value}`, body: "Status.", status: value });
        expect(status, `${value}: ${JSON.stringify(json)}`).toBe(201);
      }
    });
  });
});
