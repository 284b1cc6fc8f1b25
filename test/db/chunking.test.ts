import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { getPage } from "../../src/db/queries/pages";
import type { PageRow } from "../../src/db/schema";
import { Refusal } from "../../src/lib/errors";
import { newId } from "../../src/lib/ids";
import { postIncidentUpdate } from "../../src/writes/incidents";
import { createComponent, createIncident, createPage, dbFingerprint, NOW } from "../helpers/fixtures";
import { admin, adminJson } from "../helpers/http";

// D1 binds at most 100 parameters per statement: 40 components overflow any unchunked multi-row insert.
const D1_MAX_PARAMS = 100;

interface BatchRecord {
  statements: { sql: string; params: number }[];
}

/** An env whose D1 records every batch and every statement in it (workerd's statements expose their SQL and params). */
function recordingEnv() {
  const batches: BatchRecord[] = [];
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return (stmts: D1PreparedStatement[]) => {
          batches.push({
            statements: stmts.map((s) => s as unknown as { statement: string; params: unknown[] }).map((s) => ({ sql: s.statement, params: s.params.length })),
          });
          return target.batch(stmts);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: { ...env, DB }, batches };
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

let componentIds: string[] = [];
let page: PageRow;

beforeAll(async () => {
  const created = await createPage();
  page = (await getPage(createDb(env.DB), created.id))!;
  for (let i = 1; i <= 40; i++) componentIds.push((await createComponent({ name: `Service ${i}` })).id);
});

describe("an incident touching 40 components", () => {
  it("writes every row in one batch whose statements each bind at most 100 parameters", async () => {
    const recording = recordingEnv();
    const res = await admin(
      "POST",
      "/incidents",
      { name: "Everything is down", status: "investigating", body: "All hands.", components: componentIds.map((id) => ({ id, status: "major_outage" })) },
      recording.env,
    );
    expect(res.status).toBe(201);
    const { incident } = (await res.json()) as { incident: { id: string; components: unknown[]; incident_updates: { affected_components: unknown[] }[] } };

    expect(await count("SELECT COUNT(*) AS n FROM update_components WHERE incident_id = ?", incident.id)).toBe(40);
    expect(await count("SELECT COUNT(*) AS n FROM incident_components WHERE incident_id = ?", incident.id)).toBe(40);
    expect(await count("SELECT COUNT(*) AS n FROM component_status_changes WHERE incident_id = ? AND to_status = 'major_outage'", incident.id)).toBe(40);
    expect(await count("SELECT COUNT(*) AS n FROM components WHERE page_id = ? AND status = 'major_outage'", page.id)).toBe(40);
    expect(incident.components).toHaveLength(40);
    expect(incident.incident_updates[0]!.affected_components).toHaveLength(40);

    // The change's own rows; marking its outbox record published afterwards is bookkeeping.
    const writes = recording.batches.filter((b) => b.statements.some((s) => /^\s*(insert|update|delete)\b/i.test(s.sql) && !/^update "outbox"/.test(s.sql)));
    expect(writes).toHaveLength(1);
    const sqls = writes[0]!.statements.map((s) => s.sql);
    for (const table of ["incidents", "incident_updates", "update_components", "incident_components", "component_status_changes"]) {
      expect(
        sqls.some((sql) => sql.startsWith(`insert into "${table}"`)),
        table,
      ).toBe(true);
    }
    const all = recording.batches.flatMap((b) => b.statements);
    expect(Math.max(...all.map((s) => s.params))).toBeLessThanOrEqual(D1_MAX_PARAMS);
  });
});

describe("two updates posted on the same stale state", () => {
  it("answers 409 conflict to the one that lost and writes nothing of it", async () => {
    const target = componentIds[0]!;
    const incident = await createIncident({ name: "Slow API", components: [{ id: target, status: "degraded_performance" }] });
    // Another writer took seq 2 after this request read the incident (last_update_seq is still 1).
    await env.DB.prepare(
      "INSERT INTO incident_updates (id, incident_id, seq, status, body, display_at, created_at, updated_at) VALUES (?, ?, 2, 'identified', 'Other writer.', ?, ?, ?)",
    )
      .bind(newId(), incident.id, NOW, NOW, NOW)
      .run();
    const before = await dbFingerprint();

    const { status, json } = await adminJson("POST", `/incidents/${incident.id}/updates`, {
      status: "monitoring",
      body: "Lost the race.",
      components: [{ id: target, status: "major_outage" }],
    });

    expect(status).toBe(409);
    expect(json.error.code).toBe("conflict");
    expect(await dbFingerprint()).toBe(before);
  });

  it("lets exactly one of two concurrent service calls through; the other is a conflict with no trace", async () => {
    // Fresh components: the 40 above are all held at major_outage by the first incident.
    const a = (await createComponent({ name: "Login" })).id;
    const b = (await createComponent({ name: "Billing" })).id;
    const incident = await createIncident({ name: "Flaky login", components: [{ id: a, status: "degraded_performance" }] });

    // Both writers must have read the incident before either commits: hold write batches until both arrive.
    let arrived = 0;
    let release!: () => void;
    const bothArrived = new Promise<void>((resolve) => (release = resolve));
    const gated = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          return async (stmts: D1PreparedStatement[]) => {
            const writes = stmts.some((s) => /^insert into "incident_updates"/.test((s as unknown as { statement: string }).statement));
            if (writes && ++arrived === 2) release();
            if (writes) await bothArrived;
            return target.batch(stmts);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const ctx = { db: createDb(gated), kv: env.CACHE, page, now: Date.now(), actor: "test" };

    const results = await Promise.allSettled([
      postIncidentUpdate(ctx, incident.id, { status: "identified", body: "Writer A.", components: [{ componentId: a, status: "major_outage" }] }),
      postIncidentUpdate(ctx, incident.id, { status: "monitoring", body: "Writer B.", components: [{ componentId: b, status: "partial_outage" }] }),
    ]);

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled, rejected.map((r) => String(r.reason)).join("; ")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const error = rejected[0]!.reason;
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).kind).toBe("conflict");
    expect((error as Refusal).code).toBe("conflict");

    const winnerIsA = results[0]!.status === "fulfilled";
    const [loserBody, loserComponent] = winnerIsA ? ["Writer B.", b] : ["Writer A.", a];
    const { results: updates } = await env.DB.prepare("SELECT seq, body FROM incident_updates WHERE incident_id = ? ORDER BY seq").bind(incident.id).all();
    expect(updates).toEqual([
      { seq: 1, body: "Investigating." },
      { seq: 2, body: winnerIsA ? "Writer A." : "Writer B." },
    ]);
    expect(updates.some((u) => u.body === loserBody)).toBe(false);
    const row = await env.DB.prepare("SELECT status, last_update_seq FROM incidents WHERE id = ?").bind(incident.id).first();
    expect(row).toEqual({ status: winnerIsA ? "identified" : "monitoring", last_update_seq: 2 });
    const loserStatus = await env.DB.prepare("SELECT status FROM components WHERE id = ?").bind(loserComponent).first<{ status: string }>();
    expect(loserStatus!.status).toBe(winnerIsA ? "operational" : "degraded_performance");
    if (!winnerIsA) {
      expect(await count("SELECT COUNT(*) AS n FROM component_status_changes WHERE incident_id = ? AND to_status = 'major_outage'", incident.id)).toBe(0);
    } else {
      expect(await count("SELECT COUNT(*) AS n FROM component_status_changes WHERE component_id = ?", b)).toBe(0);
      expect(await count("SELECT COUNT(*) AS n FROM incident_components WHERE component_id = ?", b)).toBe(0);
    }
  });
});

describe("an incident naming 120 components (the admin API accepts up to 200)", () => {
  it("is created with every row, not refused by D1's parameter limit", async () => {
    // Written straight to D1: 120 admin calls would only slow the test down.
    const ids = Array.from({ length: 120 }, () => newId());
    await env.DB.batch(
      ids.map((id, i) =>
        env.DB.prepare("INSERT INTO components (id, page_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(
          id,
          page.id,
          `Node ${i}`,
          100 + i,
          NOW,
          NOW,
        ),
      ),
    );

    const { status, json } = await adminJson("POST", "/incidents", {
      name: "Region down",
      body: "Every node is unreachable.",
      components: ids.map((id) => ({ id, status: "major_outage" })),
    });

    expect(status).toBe(201);
    const id = json.incident.id as string;
    expect(await count("SELECT COUNT(*) AS n FROM update_components WHERE incident_id = ?", id)).toBe(120);
    expect(await count("SELECT COUNT(*) AS n FROM incident_components WHERE incident_id = ?", id)).toBe(120);
    expect(await count("SELECT COUNT(*) AS n FROM component_status_changes WHERE incident_id = ?", id)).toBe(120);
  });
});
