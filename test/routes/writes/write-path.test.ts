import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { passThrough, withFaults } from "../../helpers/faults";
import { NOW, seedDemo } from "../../helpers/fixtures";
import { admin, AUTH, call, getJson } from "../../helpers/http";
import { runCron } from "../../helpers/scheduled";
import { EVERY_TEN_MINUTES } from "../../../src/scheduled";
import { get } from "../pages/html";

// The one write path (issue 12): one batch per change with its outbox record, honest answers after
// the commit, the minute job finishing what a failed publication left, every body following a rename.

type Obj = Record<string, any>;

let ids: Record<string, string>;
let oldIncidentId: string;

const outboxRows = async () =>
  (await env.DB.prepare("SELECT change, actor, event_ids, published_at, attempts, last_error FROM outbox ORDER BY created_at, rowid").all<Obj>()).results;
const latestOutbox = async () => (await outboxRows()).at(-1)!;

/** KV that refuses every write, as a KV outage does; reads still work. */
const kvRefusingWrites = (): KVNamespace =>
  passThrough(env.CACHE, (prop) =>
    prop === "put" ? () => new Promise((_, reject) => setTimeout(() => reject(new Error("KV PUT failed: 503 Service Unavailable")), 0)) : undefined,
  );

/** D1 whose first write batch commits and then loses its answer, as a dropped connection does. */
function d1LosingOneAnswer(): { db: D1Database; lost: () => boolean } {
  let lost = false;
  const batch = async (statements: D1PreparedStatement[]) => {
    const result = await env.DB.batch(statements);
    const writes = statements.some((s) => /^insert into "outbox"/.test((s as unknown as { statement: string }).statement));
    if (writes && !lost) {
      lost = true;
      throw new Error("D1_ERROR: Network connection lost.");
    }
    return result;
  };
  return { db: passThrough(env.DB, (prop) => (prop === "batch" ? batch : undefined)), lost: () => lost };
}

/** D1 that counts round trips: each batch is one, each statement run on its own is one. */
function countingRoundTrips(): { db: D1Database; roundTrips: () => number } {
  let roundTrips = 0;
  const counted = (statement: D1PreparedStatement): D1PreparedStatement =>
    passThrough(statement, (prop) => {
      if (prop === "bind") return (...args: unknown[]) => counted(statement.bind(...args));
      if (prop === "all" || prop === "first" || prop === "run" || prop === "raw") {
        return (...args: unknown[]) => {
          roundTrips++;
          return (statement[prop] as (...a: unknown[]) => unknown).apply(statement, args);
        };
      }
      return undefined;
    });
  const db = passThrough(env.DB, (prop) => {
    if (prop === "prepare") return (sql: string) => counted(env.DB.prepare(sql));
    if (prop === "batch") {
      return (list: D1PreparedStatement[]) => {
        roundTrips++;
        return env.DB.batch(list);
      };
    }
    return undefined;
  });
  return { db, roundTrips: () => roundTrips };
}

beforeAll(async () => {
  await seedDemo();
  const { json } = await getJson("/api/v2/components.json");
  ids = Object.fromEntries(json.components.map((c: Obj) => [c.name, c.id]));
  const incidents = (await (await admin("GET", "/incidents")).json()) as Obj;
  oldIncidentId = incidents.incidents.find((i: Obj) => i.started_at.startsWith("2021-09-13")).id;
});

describe("one batch per change, with its outbox record", () => {
  it("records what changed, who changed it and that it is published", async () => {
    const res = await admin("POST", "/incidents", {
      name: "Portal slow",
      status: "investigating",
      body: "Looking.",
      components: [{ id: ids.Portal, status: "degraded_performance" }],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Edge-Status-Refresh")).toBe("done");
    const { incident } = (await res.json()) as Obj;
    const record = await latestOutbox();
    expect(record).toMatchObject({ change: "incident.created", actor: "api (admin token)", attempts: 1, last_error: null });
    expect(JSON.parse(record.event_ids)).toEqual([incident.id]);
    expect(record.published_at).not.toBeNull();
    await admin("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
  });

  it("posts an update with three component changes in at most 4 D1 round trips, the refresh's reads included", async () => {
    const created = (await (await admin("POST", "/incidents", { name: "Three at once", status: "investigating", body: "Looking." })).json()) as Obj;
    // As in production, the closed days are rolled up: the home page then needs only today's raw history.
    await runCron(Date.now(), EVERY_TEN_MINUTES);
    const counting = countingRoundTrips();
    const res = await admin(
      "POST",
      `/incidents/${created.incident.id}/updates`,
      { status: "identified", body: "Found it.", components: ["CRM", "Core", "Analytics"].map((name) => ({ id: ids[name], status: "partial_outage" })) },
      { ...env, DB: counting.db },
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("Edge-Status-Refresh")).toBe("done");
    expect(counting.roundTrips()).toBeLessThanOrEqual(4);
    const summary = (await getJson("/api/v2/summary.json")).json;
    expect(summary.components.filter((c: Obj) => ["CRM", "Core", "Analytics"].includes(c.name)).map((c: Obj) => c.status)).toEqual(
      Array(3).fill("partial_outage"),
    );
    await admin("POST", `/incidents/${created.incident.id}/updates`, { status: "resolved", body: "Fixed." });
  });
});

describe("honest answers after a commit", () => {
  it("a KV failure after the commit answers 201 with the incident and 'pending'; the minute job finishes the publication", async () => {
    const res = await admin(
      "POST",
      "/incidents",
      { name: "Published later", status: "investigating", body: "Looking." },
      { ...env, CACHE: kvRefusingWrites() },
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("Edge-Status-Refresh")).toBe("pending");
    const { incident } = (await res.json()) as Obj;
    expect(incident.name).toBe("Published later");
    expect(await latestOutbox()).toMatchObject({ change: "incident.created", published_at: null, attempts: 1 });
    expect((await latestOutbox()).last_error).toMatch(/cache writes failed/);

    const unresolved = async () => (await getJson("/api/v2/incidents/unresolved.json")).json.incidents.map((i: Obj) => i.name);
    expect(await unresolved()).not.toContain("Published later");
    await runCron(Date.now());
    expect(await unresolved()).toContain("Published later");
    expect((await latestOutbox()).published_at).not.toBeNull();
    // Once done, the next run has nothing left to finish.
    const before = await outboxRows();
    await runCron(Date.now() + 60_000);
    expect(await outboxRows()).toEqual(before);
    await admin("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
  });

  it("a commit whose answer D1 lost answers 201 with the incident, written once", async () => {
    const lossy = d1LosingOneAnswer();
    const res = await admin("POST", "/incidents", { name: "Answer lost", status: "investigating", body: "Looking." }, { ...env, DB: lossy.db });
    expect(lossy.lost()).toBe(true);
    expect(res.status, await res.clone().text()).toBe(201);
    const { incident } = (await res.json()) as Obj;
    expect(incident.name).toBe("Answer lost");
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM incidents WHERE name = 'Answer lost'").first<{ n: number }>())!;
    expect(n).toBe(1);
    await admin("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
  });

  it("answers a retry whose first answer was lost: 409 while the lease runs, then the written incident, never a second write", async () => {
    const key = `lost-answer-${crypto.randomUUID()}`;
    const send = () =>
      call("/api/admin/incidents", {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify({ name: "Retried", status: "investigating", body: "Looking." }),
      });
    const first = await send();
    expect(first.status).toBe(201);
    const { incident } = (await first.json()) as Obj;
    // The worker died after the commit, before it stored the answer.
    await env.DB.prepare("UPDATE idempotency_keys SET status = NULL, response = NULL WHERE key = ?").bind(key).run();
    const during = await send();
    expect(during.status).toBe(409);
    expect(Number(during.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await during.json()) as Obj).error.code).toBe("idempotency_key_in_progress");

    await env.DB.prepare("UPDATE idempotency_keys SET created_at = created_at - 61000 WHERE key = ?").bind(key).run();
    const after = await send();
    expect(after.status).toBe(201);
    expect(after.headers.get("Idempotent-Replayed")).toBe("true");
    expect(((await after.json()) as Obj).incident).toMatchObject({ id: incident.id, name: "Retried" });
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM incidents WHERE name = 'Retried'").first<{ n: number }>())!;
    expect(n).toBe(1);
    await admin("POST", `/incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed." });
  });
});

describe("every body that shows a thing follows it", () => {
  const oldJson = async () => (await getJson(`/api/v2/incidents/${oldIncidentId}.json`)).json;

  it("a component rename reaches the 2021 incident's JSON and page by the next read", async () => {
    expect((await oldJson()).incident.components.map((c: Obj) => c.name)).toContain("Core");
    await get(`/incidents/${oldIncidentId}`);
    const res = await admin("PATCH", `/components/${ids.Core}`, { name: "Core Messaging" });
    expect(res.status).toBe(200);
    expect(await latestOutbox()).toMatchObject({ change: "component.renamed" });

    const names = (await oldJson()).incident.components.map((c: Obj) => c.name);
    expect(names).toContain("Core Messaging");
    expect(names).not.toContain("Core");
    const { html } = await get(`/incidents/${oldIncidentId}`);
    expect(html).toContain("Core Messaging");
  });

  it("a page rename reaches the 2021 incident and the 2021 history year, and no copy from before it is served while D1 fails", async () => {
    expect((await oldJson()).page.name).toBe("Blip");
    await get("/history?year=2021");
    const res = await admin("PATCH", "/page", { name: "Blip Status" });
    expect(res.status).toBe(200);
    expect(await latestOutbox()).toMatchObject({ change: "page.renamed" });

    // While D1 is down: what the write published is served; copies built before the rename never are.
    const down = withFaults({ d1: "all" });
    const summary = await call("/api/v2/summary.json", {}, down);
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as Obj).page.name).toBe("Blip Status");
    const old = await call(`/api/v2/incidents/${oldIncidentId}.json`, {}, down);
    expect(old.status).toBe(503);
    expect(((await old.json()) as Obj).error.code).toBe("status_unavailable");

    expect((await oldJson()).page.name).toBe("Blip Status");
    const { html } = await get("/history?year=2021");
    expect(html).toContain("<title>Incident history 2021 · Blip Status status</title>");
  });
});

describe("concurrent edits", () => {
  it("two edits of one incident at the same moment: one lands, the other is a 409 with the current version", async () => {
    const created = (await (await admin("POST", "/incidents", { name: "Edited twice", status: "investigating", body: "Looking." })).json()) as Obj;
    const path = `/incidents/${created.incident.id}`;
    const [a, b] = await Promise.all([admin("PATCH", path, { name: "Edit A" }), admin("PATCH", path, { name: "Edit B" })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = (await (a.status === 409 ? a : b).json()) as Obj;
    expect(lost.error.code).toBe("conflict");
    expect(lost.error.current).toMatchObject({ version: 2 });
    const won = (await (a.status === 200 ? a : b).json()) as Obj;
    expect(((await (await admin("GET", path)).json()) as Obj).incident.name).toBe(won.incident.name);
  });
});

describe("scheduled changes go through the same path", () => {
  it("auto-resolve writes an outbox record of its own and publishes it", async () => {
    const created = (await (
      await admin("POST", "/incidents", {
        name: "Quiet now",
        status: "monitoring",
        body: "Watching.",
        display_at: new Date(NOW).toISOString(),
        started_at: new Date(NOW).toISOString(),
      })
    ).json()) as Obj;
    await runCron(Date.now() + 2 * 3_600_000);
    const record = (await outboxRows()).find((r) => r.actor === "job:auto-resolve" && JSON.parse(r.event_ids).includes(created.incident.id));
    expect(record).toMatchObject({ change: "incident.updated" });
    expect(record!.published_at).not.toBeNull();
  });
});
