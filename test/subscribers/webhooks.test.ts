/// <reference types="node" />
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { notificationsCleanup } from "../../src/scheduled/notifications-cleanup";
import { lazyMailer, pickMailer } from "../../src/subscribers/mailer";
import { notifyPending } from "../../src/subscribers/fan-out";
import { listPages } from "../../src/db/queries/pages";
import { createIncident as openIncident } from "../../src/writes/incidents";
import { pauseFailingWebhooks } from "../../src/scheduled/pause-webhooks";
import { createComponent, createIncident, createPage, dbFingerprint } from "../helpers/fixtures";
import { admin, adminJson, AUTH, call } from "../helpers/http";
import { runCron } from "../helpers/scheduled";
import { consumeDeliveries } from "../../src/subscribers/consumer";
import { consume, db, deadLetters, deliveries, deps, receiver, TestMessage } from "./helpers";

/** Standard Webhooks verification written from the specification with Node's crypto, apart from src/subscribers/signing.ts. */
function independentlyVerified(secret: string, headers: Record<string, string>, body: string): boolean {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${body}`).digest();
  return (headers["webhook-signature"] ?? "").split(" ").some((part) => {
    const [version, signature] = part.split(",");
    const given = Buffer.from(signature ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

let desk: { id: string };
let portal: { id: string };
let group: { id: string };
let chat: { id: string };

async function addWebhook(body: Record<string, unknown>) {
  const { status, json } = await adminJson("POST", "/subscribers", { type: "webhook", ...body });
  expect(status).toBe(201);
  return json as { subscriber: { id: string }; secret: string };
}

async function deliveriesTo(subscriberId: string) {
  return (await deliveries()).filter((d) => d.subscriberId === subscriberId);
}

async function removeAll() {
  for (const s of (await adminJson("GET", "/subscribers")).json.subscribers) await admin("DELETE", `/subscribers/${s.id}`);
}

beforeAll(async () => {
  await createPage({ name: "Acme", url: "https://status.acme.test" });
  group = await createComponent({ name: "Support", group: true });
  desk = await createComponent({ name: "Desk", group_id: group.id });
  portal = await createComponent({ name: "Portal" });
  chat = await createComponent({ name: "Chat" });
});

describe("webhook subscribers", () => {
  it("answers the signing secret once, and every incident update arrives signed, verifiable by an independent implementation", async () => {
    const { subscriber, secret } = await addWebhook({ url: "https://hooks.example.com/status" });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await admin("GET", "/subscribers");
    expect(await listed.text()).not.toContain(secret.slice(6));

    const incident = await createIncident({ name: "Desk down", components: [{ id: desk.id, status: "major_outage" }] });
    const due = await deliveriesTo(subscriber.id);
    // The incident update and the component's own change (component_update), both queued at once.
    expect(due).toHaveLength(2);
    expect(due.every((d) => d.enqueuedAt !== null && d.sentAt === null)).toBe(true);

    const r = receiver(200);
    const messages = await consume(
      deps(r.fetch),
      due.map((d) => d.id),
    );
    expect(messages.every((m) => m.acked)).toBe(true);
    expect(r.received).toHaveLength(2);
    for (const request of r.received) {
      expect(request.url).toBe("https://hooks.example.com/status");
      expect(independentlyVerified(secret, request.headers, request.body)).toBe(true);
      expect(request.headers["webhook-id"]).toMatch(/^msg_/);
      expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    const bodies = r.received.map((x) => JSON.parse(x.body));
    const update = bodies.find((b) => b.incident);
    expect(update.page).toEqual({ id: expect.any(String), status_indicator: "major", status_description: expect.stringMatching(/Outage/) });
    expect(update.meta.unsubscribe).toMatch(/^https:\/\/status\.acme\.test\/unsubscribe\?token=/);
    expect(update.incident).toMatchObject({
      id: incident.id,
      name: "Desk down",
      status: "investigating",
      shortlink: `https://status.acme.test/incidents/${incident.id}`,
    });
    expect(update.incident.incident_updates).toHaveLength(1);
    const change = bodies.find((b) => b.component_update);
    expect(change.component_update).toMatchObject({
      component_id: desk.id,
      old_status: "operational",
      new_status: "major_outage",
      component_type: "Component",
    });
    expect(change.component).toMatchObject({ id: desk.id, name: "Desk", status: "major_outage", group_id: group.id });
    expect((await deliveriesTo(subscriber.id)).every((d) => d.sentAt !== null)).toBe(true);
    await removeAll();
  });

  it("never sends a delivery twice: a redelivered message, a second fan-out and a concurrent copy send nothing more", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/once", components: [portal.id] });
    await createIncident({ name: "Portal slow", components: [{ id: portal.id, status: "degraded_performance" }], body: "Slow." });
    const ids = (await deliveriesTo(subscriber.id)).map((d) => d.id);
    expect(ids).toHaveLength(2);

    // Two copies of each message at the same moment: one sends, the other waits for the first.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = receiver(200);
    const gated = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await gate;
      return slow.fetch(input, init);
    }) as typeof fetch;
    const first = consume(deps(gated), ids);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await consume(deps(gated), ids);
    release();
    await first;
    expect(slow.received).toHaveLength(2);
    expect(second.every((m) => m.retried?.delaySeconds === 60)).toBe(true);

    // The queue redelivers after the send: recorded as sent, acknowledged, nothing sent.
    const again = receiver(200);
    const redelivered = await consume(deps(again.fetch), ids, 2);
    expect(redelivered.every((m) => m.acked)).toBe(true);
    expect(again.received).toHaveLength(0);

    // A copy queued a second time (its mark lost): not the live message, acknowledged unsent; its dead letter marks nothing.
    const stale = new TestMessage("stale", { id: ids[0], at: 1 });
    await consumeDeliveries(
      { queue: "edge-status-deliveries", messages: [stale], metadata: { metrics: { backlogCount: 1, backlogBytes: 0 } }, ackAll() {}, retryAll() {} },
      deps(again.fetch),
    );
    expect(stale.acked).toBe(true);
    expect(again.received).toHaveLength(0);

    // The minute job finds the change fanned out already.
    const before = await dbFingerprint();
    await runCron(Date.now() + 120_000);
    expect((await deliveriesTo(subscriber.id)).map((d) => d.id)).toEqual(ids);
    expect(before.split("\n").find((t) => t.startsWith("deliveries:"))).toBe((await dbFingerprint()).split("\n").find((t) => t.startsWith("deliveries:")));
    await removeAll();
  });

  it("retries a failing receiver with growing delays, the first within a minute, records the error, and gives up in the dead-letter queue", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/broken" });
    await createIncident({ name: "Chat down", components: [{ id: chat.id, status: "partial_outage" }], deliver_notifications: true });
    const [id] = (await deliveriesTo(subscriber.id)).filter((d) => d.kind === "notification").map((d) => d.id);

    const failing = receiver(500);
    const [first] = await consume(deps(failing.fetch), [id!], 1);
    expect(first!.acked).toBe(false);
    expect(first!.retried?.delaySeconds).toBeLessThanOrEqual(60);
    const [second] = await consume(deps(failing.fetch), [id!], 2);
    expect(second!.retried!.delaySeconds!).toBeGreaterThan(first!.retried!.delaySeconds!);
    const [row] = (await deliveriesTo(subscriber.id)).filter((d) => d.id === id);
    expect(row).toMatchObject({ attempts: 2, lastError: "HTTP 500", sentAt: null, deadAt: null });
    const failingSub = (await adminJson("GET", `/subscribers/${subscriber.id}`)).json.subscriber;
    expect(failingSub.failing_since).not.toBeNull();
    expect(failingSub.last_error).toBe("HTTP 500");

    // A redirect is a failure, and it is not followed.
    const redirecting = receiver(302);
    const [third] = await consume(deps(redirecting.fetch), [id!], 3);
    expect(redirecting.received).toHaveLength(1);
    expect(third!.retried).not.toBeNull();

    await deadLetters([id!]);
    const [dead] = (await deliveriesTo(subscriber.id)).filter((d) => d.id === id);
    expect(dead!.deadAt).not.toBeNull();
    expect(dead!.lastError).toBe("HTTP 302: redirects are not followed");
    // A copy arriving after it was given up is not sent.
    const late = receiver(200);
    await consume(deps(late.fetch), [id!], 4);
    expect(late.received).toHaveLength(0);

    const counts = (await adminJson("GET", `/subscribers/${subscriber.id}`)).json.subscriber.deliveries;
    expect(counts.dead).toBe(1);
    await removeAll();
  });

  it("sends each subscriber only what touches its components; a group means its components; none means everything", async () => {
    const deskOnly = (await addWebhook({ url: "https://hooks.example.com/desk", components: [desk.id] })).subscriber;
    const groupOnly = (await addWebhook({ url: "https://hooks.example.com/group", components: [group.id] })).subscriber;
    const portalOnly = (await addWebhook({ url: "https://hooks.example.com/portal", components: [portal.id] })).subscriber;
    const everything = (await addWebhook({ url: "https://hooks.example.com/all" })).subscriber;
    await createIncident({ name: "Desk slow", components: [{ id: desk.id, status: "degraded_performance" }] });
    await createIncident({ name: "Unrelated notice", components: [] });
    const got = async (s: { id: string }) => (await deliveriesTo(s.id)).length;
    // Desk slow: the update and the component change; the notice touches no component.
    expect(await got(deskOnly)).toBe(2);
    expect(await got(groupOnly)).toBe(2);
    expect(await got(portalOnly)).toBe(0);
    expect(await got(everything)).toBe(3);
    await removeAll();
  });

  it("sends nothing for a change posted with deliver_notifications false", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/quiet" });
    await createIncident({ name: "Quiet fix", components: [{ id: portal.id, status: "operational" }], deliver_notifications: false });
    expect(await deliveriesTo(subscriber.id)).toHaveLength(0);
    await removeAll();
  });

  it("loses nothing when the queue fails: the deliveries are recorded with the change and the minute job queues them", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/later" });
    const down = async () => {
      throw new Error("queue down");
    };
    const broken = { send: down, sendBatch: down } as unknown as Queue;
    const res = await call(
      "/api/admin/incidents",
      {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "While the queue was down", body: "Looking." }),
      },
      { ...env, DELIVERIES: broken },
    );
    expect(res.status).toBe(201);
    const [pending] = await deliveriesTo(subscriber.id);
    expect(pending).toMatchObject({ enqueuedAt: null, sentAt: null });

    const sent: string[] = [];
    const working = {
      send: async () => undefined,
      sendBatch: async (batch: { body: { id: string } }[]) => void sent.push(...batch.map((m) => m.body.id)),
    } as unknown as Queue;
    await runCron(Date.now() + 120_000, "* * * * *", { ...env, DELIVERIES: working });
    expect(sent).toEqual([pending!.id]);
    expect((await deliveriesTo(subscriber.id))[0]!.enqueuedAt).not.toBeNull();
    // Queued once: the next run finds nothing left to queue.
    await runCron(Date.now() + 180_000, "* * * * *", { ...env, DELIVERIES: working });
    expect(sent).toHaveLength(1);
    await removeAll();
  });

  it("signs with both secrets for 24 hours after a rotation, then with the new one only", async () => {
    const { subscriber, secret: old } = await addWebhook({ url: "https://hooks.example.com/rotating" });
    const rotated = await adminJson("POST", `/subscribers/${subscriber.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.json.secret as string;
    expect(fresh).not.toBe(old);
    expect(rotated.json.subscriber.secret_rotation_ends_at).not.toBeNull();
    await createIncident({ name: "Rotation check", body: "Checking." });
    const [id] = (await deliveriesTo(subscriber.id)).map((d) => d.id);

    const during = receiver(500);
    await consume(deps(during.fetch), [id!]);
    const signed = during.received[0]!;
    expect(signed.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(independentlyVerified(old, signed.headers, signed.body)).toBe(true);
    expect(independentlyVerified(fresh, signed.headers, signed.body)).toBe(true);

    const after = receiver(200);
    await consume(
      deps(after.fetch, () => Date.now() + 25 * 3_600_000),
      [id!],
      2,
    );
    const late = after.received[0]!;
    expect(independentlyVerified(fresh, late.headers, late.body)).toBe(true);
    expect(independentlyVerified(old, late.headers, late.body)).toBe(false);
    await removeAll();
  });

  it("speaks Slack's and Discord's incoming-webhook formats: status, update text and a link", async () => {
    const slack = (await addWebhook({ url: "https://hooks.slack.com/services/T0/B0/x", format: "slack" })).subscriber;
    const discord = (await addWebhook({ url: "https://discord.com/api/webhooks/1/x", format: "discord" })).subscriber;
    const teams = (await addWebhook({ url: "https://example.webhook.office.com/x", format: "teams" })).subscriber;
    const incident = await createIncident({
      name: "Login <errors> & more",
      body: "Some users cannot sign in.",
      components: [{ id: portal.id, status: "major_outage" }],
    });
    // Component changes go to the hosted service's JSON only.
    for (const s of [slack, discord, teams]) expect(await deliveriesTo(s.id)).toHaveLength(1);
    const r = receiver(204);
    await consume(
      deps(r.fetch),
      [...(await deliveriesTo(slack.id)), ...(await deliveriesTo(discord.id)), ...(await deliveriesTo(teams.id))].map((d) => d.id),
    );
    const byHost = new Map(r.received.map((x) => [new URL(x.url).hostname, JSON.parse(x.body)]));
    const link = `https://status.acme.test/incidents/${incident.id}`;
    const s = byHost.get("hooks.slack.com");
    expect(s.text).toBe("[Acme] Login <errors> & more: Investigating");
    expect(s.attachments[0].blocks[0].text.text).toBe(`*<${link}|Login &lt;errors&gt; &amp; more>*: Investigating\nSome users cannot sign in.`);
    const d = byHost.get("discord.com");
    expect(d.allowed_mentions).toEqual({ parse: [] });
    expect(d.embeds[0]).toMatchObject({ title: "Login <errors> & more: Investigating", url: link, description: "Some users cannot sign in." });
    const t = byHost.get("example.webhook.office.com");
    expect(t.attachments[0].content.actions[0].url).toBe(link);
    await removeAll();
  });

  it("pauses a webhook failing for 3 days with a note in the audit log, once; resuming sends what it missed again", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/gone" });
    await createIncident({ name: "Missed", body: "Missed update." });
    const [id] = (await deliveriesTo(subscriber.id)).map((d) => d.id);
    const t0 = Date.now();
    await consume(
      deps(receiver(503).fetch, () => t0),
      [id!],
    );
    await deadLetters([id!], t0 + 1000);

    const job = { db, kv: env.CACHE, now: t0 + 3 * 86_400_000 - 60_000 };
    expect(await pauseFailingWebhooks(job)).toEqual({ paused: 0 });
    const later = { ...job, now: t0 + 3 * 86_400_000 + 60_000 };
    expect(await pauseFailingWebhooks(later)).toEqual({ paused: 1 });
    expect(await pauseFailingWebhooks(later)).toEqual({ paused: 0 });
    const audit = (await adminJson("GET", "/audit?limit=5")).json.entries.filter((e: { action: string }) => e.action === "subscriber.paused");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "job:pause-webhooks", target: `subscriber:${subscriber.id}`, before: { last_error: "HTTP 503" } });

    // Paused: a new update is not fanned out to it.
    await createIncident({ name: "While paused", body: "Sent once it is resumed." });
    expect(await deliveriesTo(subscriber.id)).toHaveLength(1);

    const resumed = await adminJson("POST", `/subscribers/${subscriber.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.json.subscriber).toMatchObject({ state: "active", failing_since: null });
    // The given-up delivery, and one for the update posted while it was paused.
    const due = await deliveriesTo(subscriber.id);
    expect(due).toHaveLength(2);
    expect(due.every((d) => d.deadAt === null && d.sentAt === null && d.enqueuedAt !== null)).toBe(true);
    const ok = receiver(200);
    await consume(
      deps(ok.fetch),
      due.map((d) => d.id),
    );
    expect(ok.received.map((r) => JSON.parse(r.body).incident.name).sort()).toEqual(["Missed", "While paused"]);
    expect((await adminJson("POST", `/subscribers/${subscriber.id}/resume`)).status).toBe(409);
    await removeAll();
  });
});

describe("changes the scheduler makes", () => {
  it("notifies when auto-resolve closes an incident and when a maintenance window starts and ends, queued in the same run", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/jobs" });
    const queued: string[] = [];
    const queue = {
      send: async () => undefined,
      sendBatch: async (batch: { body: { id: string } }[]) => void queued.push(...batch.map((m) => m.body.id)),
    } as unknown as Queue;
    const now = Date.now();
    const watched = await createIncident({ name: "Left in monitoring", status: "monitoring", body: "Fixed; watching." });
    const { json } = await adminJson("POST", "/maintenances", {
      name: "Database upgrade",
      body: "Upgrading.",
      scheduled_for: new Date(now + 60_000).toISOString(),
      scheduled_until: new Date(now + 120_000).toISOString(),
      auto_start: true,
      auto_complete: true,
    });
    const before = (await deliveriesTo(subscriber.id)).length;

    await runCron(now + 90_000, "* * * * *", { ...env, DELIVERIES: queue });
    await runCron(now + 150_000, "* * * * *", { ...env, DELIVERIES: queue });
    // Quiet for the page's 60 minutes since it was posted: resolved.
    await runCron(now + 62 * 60_000, "* * * * *", { ...env, DELIVERIES: queue });
    const made = (await deliveriesTo(subscriber.id)).slice(before);
    expect(made.map((d) => d.id).sort()).toEqual([...queued].sort());
    const r = receiver(200);
    await consume(
      deps(r.fetch),
      made.map((d) => d.id),
    );
    const events = r.received.map((x) => JSON.parse(x.body).incident).filter(Boolean);
    const said = events.map((e: { id: string; status: string }) => `${e.id}:${e.status}`);
    expect(said).toEqual(
      expect.arrayContaining([`${watched.id}:resolved`, `${json.scheduled_maintenance.id}:in_progress`, `${json.scheduled_maintenance.id}:completed`]),
    );
    await removeAll();
  });
});

describe("what a delivery says, and to whom", () => {
  it("describes the event as the change left it, even when it is fanned out after a later update", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/late" });
    // A writer that died after its commit: nobody fanned the change out.
    const [page] = await listPages(db);
    const now = Date.now();
    const opened = await openIncident(
      { db, kv: env.CACHE, page: page!, now, actor: "test" },
      {
        name: "Late fan-out",
        status: "investigating",
        body: "Looking.",
        components: [],
      },
    );
    await adminJson("POST", `/incidents/${opened.eventId}/updates`, { status: "resolved", body: "Fixed." });
    // The minute job fans the first change out once the writer's hold has run out, after the resolution.
    await notifyPending(db, env.DELIVERIES, now + 60_000);
    const r = receiver(200);
    await consume(
      deps(r.fetch),
      (await deliveriesTo(subscriber.id)).map((d) => d.id),
    );
    const bodies = r.received.map((x) => JSON.parse(x.body).incident);
    const first = bodies.find((b) => b.incident_updates.length === 1);
    const second = bodies.find((b) => b.incident_updates.length === 2);
    expect(first).toMatchObject({ status: "investigating", resolved_at: null });
    expect(second).toMatchObject({ status: "resolved" });
    expect(second.resolved_at).not.toBeNull();
    await removeAll();
  });

  it("shows a webhook's token pages its origin only, and answers a replayed change without the secret", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.slack.com/services/T000/B000/secretpart" });
    await createIncident({ name: "Token pages", body: "Hello." });
    const r = receiver(200);
    await consume(
      deps(r.fetch),
      (await deliveriesTo(subscriber.id)).map((d) => d.id),
    );
    const unsubscribe = new URL(JSON.parse(r.received[0]!.body).meta.unsubscribe);
    const page = await (await call(`${unsubscribe.pathname}${unsubscribe.search}`)).text();
    expect(page).toContain("https://hooks.slack.com/…");
    expect(page).not.toContain("secretpart");
    expect((await call(`/subscriptions/confirm${unsubscribe.search}`)).status).toBe(404);

    const patch = (key: string) =>
      call(`/api/admin/subscribers/${subscriber.id}`, {
        method: "PATCH",
        headers: { ...AUTH, "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify({ components: [portal.id] }),
      });
    expect((await patch("patch-once")).status).toBe(200);
    const replay = await patch("patch-once");
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.text()).not.toContain("whsec_");
    await removeAll();
  });

  it("keeps sending webhooks when mail is misconfigured: only the mail deliveries fail", async () => {
    const hook = (await addWebhook({ url: "https://hooks.example.com/beside-mail" })).subscriber;
    await adminJson("POST", "/subscribers", { type: "email", email: "mail@example.com", skip_confirmation: true });
    await createIncident({ name: "Mail is misconfigured", body: "Hello." });
    const due = (await deliveries()).filter((d) => d.sentAt === null && d.deadAt === null);
    const r = receiver(200);
    const misconfigured = lazyMailer(() => pickMailer({ ...env, LOCAL_MODE: undefined, MAIL_TRANSPORT: undefined }, db, r.fetch, () => Date.now()));
    const messages = await consume(
      { ...deps(r.fetch), mailer: misconfigured },
      due.map((d) => d.id),
    );
    const after = await deliveries();
    const webhookRow = after.find((d) => d.subscriberId === hook.id)!;
    expect(webhookRow.sentAt).not.toBeNull();
    const mailRow = after.find((d) => d.subscriberId !== hook.id && due.some((x) => x.id === d.id))!;
    expect(mailRow).toMatchObject({ sentAt: null, deadAt: null });
    expect(mailRow.lastError).toContain("MAIL_TRANSPORT is not set");
    expect(messages.filter((m) => m.retried !== null)).toHaveLength(1);
    await removeAll();
  });
});

describe("deliveries the queue dropped", () => {
  it("are marked given up once every try would have ended, once, and kept for a month", async () => {
    const { subscriber } = await addWebhook({ url: "https://hooks.example.com/dropped" });
    await createIncident({ name: "Dropped", body: "The queue lost this one." });
    const [queued] = await deliveriesTo(subscriber.id);
    expect(queued!.enqueuedAt).not.toBeNull();
    const job = (now: number) => notificationsCleanup({ db, kv: env.CACHE, now });
    expect(await job(Date.now() + 25 * 3_600_000)).toEqual({ lost: 0, deleted: 0 });
    expect(await job(Date.now() + 27 * 3_600_000)).toEqual({ lost: 1, deleted: 0 });
    expect(await job(Date.now() + 27 * 3_600_000)).toEqual({ lost: 0, deleted: 0 });
    const [dropped] = await deliveriesTo(subscriber.id);
    expect(dropped).toMatchObject({ lastError: "expired in the queue", sentAt: null });
    expect(dropped!.deadAt).not.toBeNull();
    expect((await job(Date.now() + 31 * 86_400_000)).deleted).toBeGreaterThan(0);
    expect(await deliveriesTo(subscriber.id)).toHaveLength(0);
    await removeAll();
  });
});

describe("the webhook URL guard on the admin API", () => {
  const TOKEN = "a-deployed-admin-token-of-forty-characters!";
  const deployed: Env = { ...env, ADMIN_TOKEN: TOKEN, LOCAL_MODE: undefined };
  const post = (url: string, bindings: Env = deployed) =>
    call(
      "/api/admin/subscribers",
      {
        method: "POST",
        headers: { Authorization: `Bearer ${bindings === deployed ? TOKEN : "test-admin-token"}`, "Content-Type": "application/json" },
        body: JSON.stringify({ type: "webhook", url }),
      },
      bindings,
    );

  it.each([
    "http://hooks.example.com/x",
    "https://user:pass@hooks.example.com/x",
    "https://127.0.0.1/x",
    "https://[::1]/x",
    "https://10.0.0.8/x",
    "https://169.254.169.254/latest/meta-data",
    "https://2130706433/x",
    "https://localhost/x",
    "https://metadata.google.internal/x",
    "https://printer.local/x",
    "ftp://hooks.example.com/x",
    "not a url",
  ])("refuses %s with 422 and writes nothing", async (url) => {
    const before = await dbFingerprint();
    const res = await post(url);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { field: string }[] } };
    expect(body.error.code).toBe("unsafe_url");
    expect(body.error.details[0]!.field).toBe("body.url");
    expect(await dbFingerprint()).toBe(before);
  });

  it("lets local mode (npm start) point a webhook at this machine, and still refuses private networks there", async () => {
    expect((await post("https://localhost:9999/hook", env)).status).toBe(201);
    expect((await post("https://10.1.2.3/hook", env)).status).toBe(422);
    await removeAll();
  });

  it("refuses unknown components and unknown fields with the offending field named", async () => {
    const before = await dbFingerprint();
    const unknown = await adminJson("POST", "/subscribers", { type: "webhook", url: "https://hooks.example.com/x", components: [desk.id, "zzzzzzzzzzzz"] });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([{ field: "body.components.1", message: "No such component on this page." }]);
    const misspelt = await adminJson("POST", "/subscribers", { type: "webhook", url: "https://hooks.example.com/x", compnents: [] });
    expect(misspelt.status).toBe(400);
    expect(await dbFingerprint()).toBe(before);
  });
});
