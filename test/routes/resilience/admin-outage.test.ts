import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { kvSnapshot, withFaults } from "../../helpers/faults";
import { dbFingerprint, seedDemo } from "../../helpers/fixtures";
import { admin, getJson } from "../../helpers/http";
import { runCron } from "../../helpers/scheduled";
import { expectEnvelope } from "../admin/helpers";

type Obj = Record<string, any>;

let deskId: string;
let openIncidentId: string;

beforeAll(async () => {
  await seedDemo();
  const components = (await (await admin("GET", "/components")).json()) as Obj;
  deskId = components.components.find((c: Obj) => c.name === "Desk").id;
  const created = (await (await admin("POST", "/incidents", { name: "Portal slow", status: "investigating", body: "Looking into it." })).json()) as Obj;
  openIncidentId = created.incident.id;
});

const WRITES: [string, string, () => unknown][] = [
  ["POST", "/incidents", () => ({ name: "Desk down", status: "investigating", body: "Desk is down.", components: [{ id: deskId, status: "major_outage" }] })],
  ["POST", `/incidents/{open}/updates`, () => ({ status: "identified", body: "Found it." })],
  ["PATCH", `/components/{desk}`, () => ({ status: "partial_outage" })],
  [
    "POST",
    "/maintenances",
    () => ({
      name: "Upgrade",
      body: "Upgrading.",
      scheduled_for: new Date(Date.now() + 86_400_000).toISOString(),
      scheduled_until: new Date(Date.now() + 90_000_000).toISOString(),
    }),
  ],
  ["DELETE", `/incidents/{open}`, () => undefined],
];

const path = (p: string) => p.replace("{open}", openIncidentId).replace("{desk}", deskId);

describe("admin writes while D1 fails", () => {
  for (const mode of ["writes", "all"] as const) {
    it(`answer 503 database_unavailable with Retry-After and change neither D1 nor KV (D1 failing ${mode === "all" ? "entirely" : "on writes"})`, async () => {
      for (const [method, p, body] of WRITES) {
        const [d1Before, kvBefore] = [await dbFingerprint(), await kvSnapshot()];
        const res = await admin(method, path(p), body(), withFaults({ d1: mode }));
        expect(res.headers.get("Retry-After"), `${method} ${p}`).toBe("30");
        await expectEnvelope(res, { status: 503, code: "database_unavailable", field: "database" });
        expect(await dbFingerprint(), `${method} ${p}`).toBe(d1Before);
        expect(await kvSnapshot(), `${method} ${p}`).toBe(kvBefore);
      }
    });
  }

  it("answer reads of the admin API with the same 503, never from KV", async () => {
    const res = await admin("GET", "/incidents", undefined, withFaults({ d1: "all" }));
    await expectEnvelope(res, { status: 503, code: "database_unavailable" });
  });
});

describe("an admin write D1 takes while KV fails", () => {
  it("answers from D1, and the next minute's run puts it on the public page", async () => {
    const res = await admin("POST", "/incidents", { name: "Queue backlog", status: "investigating", body: "Messages are delayed." }, withFaults({ kv: true }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Obj;
    expect(created.incident.name).toBe("Queue backlog");
    const before = (await getJson("/api/v2/incidents/unresolved.json")).json;
    expect(before.incidents.map((i: Obj) => i.name)).not.toContain("Queue backlog");

    await runCron(Math.floor(Date.now() / 60_000) * 60_000);
    const after = (await getJson("/api/v2/incidents/unresolved.json")).json;
    expect(after.incidents.map((i: Obj) => i.name)).toContain("Queue backlog");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM incidents WHERE name = 'Queue backlog'").first<{ n: number }>())!.n).toBe(1);
  });
});
