import { beforeAll, describe, expect, it } from "vitest";
import { countingEnv, createComponent, createIncident, createPage, dbFingerprint } from "../helpers/fixtures";
import { admin, adminJson, call } from "../helpers/http";
import { listPages } from "../../src/db/queries/pages";
import { requestSubscription } from "../../src/subscribers/public";
import { consume, db, deliveries, deps, mails, receiver } from "./helpers";

let desk: { id: string };
let portal: { id: string };
let ip = 0;

/** Each call comes from its own address, so the per-address limit only bites where a test wants it. */
const subscribe = (body: unknown, address = `203.0.113.${++ip}`) =>
  call("/api/v2/subscribers.json", {
    method: "POST",
    headers: { "Content-Type": "application/json", "cf-connecting-ip": address },
    body: JSON.stringify(body),
  });

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** Sends every delivery still unsent (as the queue consumer would) and answers the mails sent to `to`. */
async function deliverAll(to: string) {
  const due = (await deliveries()).filter((d) => d.sentAt === null && d.deadAt === null);
  await consume(
    deps(receiver(200).fetch),
    due.map((d) => d.id),
  );
  return mails(to);
}

const tokenIn = (text: string, path: string) => new RegExp(`${path.replace("?", "\\?")}\\?token=([A-Za-z0-9_-]{43})`).exec(text)?.[1];

beforeAll(async () => {
  await createPage({ name: "Acme", url: "https://status.acme.test", time_zone: "America/Sao_Paulo" });
  desk = await createComponent({ name: "Desk" });
  portal = await createComponent({ name: "Portal" });
});

describe("email subscriptions: double opt-in", () => {
  it("answers 202 alike for a new, a pending and a confirmed address, and mails only the address's owner", async () => {
    const first = await subscribe({ email: "Ana@Example.com" });
    expect(first.status).toBe(202);
    const answer = await first.json();
    const [confirmation] = await deliverAll("ana@example.com");
    expect(confirmation!.subject).toBe("Confirm your subscription to Acme status updates");
    expect(confirmation!.text).toMatch(/Confirm: https:\/\/status\.acme\.test\/subscriptions\/confirm\?token=/);
    expect(confirmation!.html).toContain("Confirm subscription");

    // Asked again at once: the same answer, and no second mail (at most one per address every 10 minutes).
    const again = await subscribe({ email: "ana@example.com" });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(answer);
    expect(await deliverAll("ana@example.com")).toHaveLength(1);
  });

  it("sends nothing but the confirmation before the owner confirms, and a link scanner's GET confirms nothing", async () => {
    await subscribe({ email: "bo@example.com" });
    const [confirmation] = await deliverAll("bo@example.com");
    const link = /Confirm: (\S+)/.exec(confirmation!.text)![1]!;
    await createIncident({ name: "Before confirming", body: "Nobody pending hears this." });
    expect(await deliverAll("bo@example.com")).toHaveLength(1);

    const page = await call(pathOf(link));
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html).toContain("Confirm subscription");
    expect(html).toContain("bo@example.com");
    const listed = (await adminJson("GET", "/subscribers")).json.subscribers.find((s: { target: string }) => s.target === "bo@example.com");
    expect(listed.state).toBe("pending");

    const token = tokenIn(link, "/subscriptions/confirm")!;
    const confirmed = await call("/subscriptions/confirm", { method: "POST", body: new URLSearchParams({ token }) });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("Location")).toBe(`/subscriptions/manage?token=${token}&said=confirmed`);
    const manage = await call(confirmed.headers.get("Location")!);
    expect(await manage.text()).toContain("Subscription confirmed");

    const incident = await createIncident({
      name: "After confirming",
      body: "Desk **errors** for some users.",
      components: [{ id: desk.id, status: "partial_outage" }],
    });
    const sent = await deliverAll("bo@example.com");
    expect(sent).toHaveLength(2);
    const mail = sent[1]!;
    expect(mail.subject).toBe("[Acme] After confirming: Investigating");
    expect(mail.text).toContain("Desk **errors** for some users.");
    expect(mail.text).toContain(`Details: https://status.acme.test/incidents/${incident.id}`);
    expect(mail.text).toMatch(/Times are in America\/Sao_Paulo, (GMT-3|UTC-3)/);
    expect(mail.text).toContain("Affected: Desk");
    expect(mail.html).toContain("<strong>errors</strong>");
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers["List-Unsubscribe"]).toBe(`<https://status.acme.test/unsubscribe?token=${token}>`);
  });

  it("unsubscribes in one click (RFC 8058) without signing in; the link then opens nothing and nothing more is sent", async () => {
    await adminJson("POST", "/subscribers", { type: "email", email: "cy@example.com", skip_confirmation: true });
    await createIncident({ name: "One for Cy", body: "Hello." });
    const [mail] = await deliverAll("cy@example.com");
    const url = /<(.+)>/.exec(mail!.headers["List-Unsubscribe"]!)![1]!;

    const oneClick = await call(pathOf(url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain("You are unsubscribed");
    expect((await adminJson("GET", "/subscribers")).json.subscribers.some((s: { target: string }) => s.target === "cy@example.com")).toBe(false);
    // Pressed twice (a mail client retrying): the same answer.
    expect((await call(pathOf(url), { method: "POST", body: "List-Unsubscribe=One-Click" })).status).toBe(200);
    expect((await call(pathOf(url))).status).toBe(404);

    await createIncident({ name: "After leaving", body: "Not for Cy." });
    expect(await deliverAll("cy@example.com")).toHaveLength(1);
  });

  it("lets a reader choose components from the manage page, and sends only what touches them", async () => {
    await adminJson("POST", "/subscribers", { type: "email", email: "di@example.com", skip_confirmation: true });
    await createIncident({ name: "Warm-up", body: "First." });
    const [first] = await deliverAll("di@example.com");
    const token = tokenIn(first!.text, "/subscriptions/manage")!;
    const saved = await call("/subscriptions/manage", {
      method: "POST",
      body: new URLSearchParams([
        ["token", token],
        ["components", portal.id],
      ]),
    });
    expect(saved.status).toBe(303);
    const page = await (await call(saved.headers.get("Location")!)).text();
    expect(page).toContain("Saved.");
    expect(page).toMatch(new RegExp(`value="${portal.id}" checked`));

    await createIncident({ name: "Desk only", body: "Desk.", components: [{ id: desk.id, status: "degraded_performance" }] });
    await createIncident({ name: "Portal only", body: "Portal.", components: [{ id: portal.id, status: "degraded_performance" }] });
    const subjects = (await deliverAll("di@example.com")).map((m) => m.subject);
    expect(subjects).toEqual(["[Acme] Warm-up: Investigating", "[Acme] Portal only: Investigating"]);
  });

  it("subscribes from the status page's form, and redraws it with a clear error for a bad address", async () => {
    const ok = await call("/subscribe", {
      method: "POST",
      headers: { "cf-connecting-ip": "198.51.100.7" },
      body: new URLSearchParams({ email: "ed@example.com" }),
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe("/subscribe?sent=1");
    expect(await (await call("/subscribe?sent=1")).text()).toContain("Check your inbox");
    expect(await deliverAll("ed@example.com")).toHaveLength(1);

    const before = await dbFingerprint();
    const bad = await call("/subscribe", {
      method: "POST",
      headers: { "cf-connecting-ip": "198.51.100.8" },
      body: new URLSearchParams({ email: "not-an-address" }),
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Enter an email address");
    expect(html).toContain('value="not-an-address"');
    expect(await dbFingerprint()).toBe(before);
    expect(await (await call("/")).text()).toContain('action="/subscribe"');
  });

  it("serves the subscribe page from the cache: no D1 query once it was built, rebuilt after a write", async () => {
    const first = await call("/subscribe");
    expect(first.status).toBe(200);
    const warm = countingEnv();
    const again = await call("/subscribe", {}, warm.env);
    expect(again.headers.get("Cache-Status")).toBe("edge-status; hit");
    expect(warm.d1()).toBe(0);
    await createComponent({ name: "Newly added" });
    expect(await (await call("/subscribe")).text()).toContain("Newly added");
  });

  it("refuses bad input with the offending field and writes nothing, and limits requests per address", async () => {
    const before = await dbFingerprint();
    const bad = await subscribe({ email: "x@example.com", components: ["zzzzzzzzzzzz"] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { details: unknown } }).error.details).toEqual([
      { field: "body.components.0", message: "No such component on this page." },
    ]);
    const notEmail = await subscribe({ email: "nope" });
    expect(notEmail.status).toBe(400);
    expect(await dbFingerprint()).toBe(before);

    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await subscribe({ email: `flood${i}@example.com` }, "192.0.2.55")).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("shows the local mail log newest first to the admin token only", async () => {
    const { json } = await adminJson("GET", "/mail?limit=2");
    expect(json.messages).toHaveLength(2);
    expect(Date.parse(json.messages[0].created_at)).toBeGreaterThanOrEqual(Date.parse(json.messages[1].created_at));
    expect(Object.keys(json.messages[0]).sort()).toEqual(["created_at", "headers", "html", "id", "subject", "text", "to"]);
    expect((await call("/api/admin/mail")).status).toBe(401);
    expect((await admin("GET", "/mail?limit=0")).status).toBe(400);
  });
});

describe("a stranger asking again", () => {
  it("cannot change what a pending address's owner will confirm, and gets the mail to the owner at most every 10 minutes", async () => {
    const [page] = await listPages(db);
    const ask = (components: string[], at: number) => requestSubscription({ db, page: page!, now: at, queue: undefined }, "gi@example.com", components);
    const t0 = Date.now();
    await ask([desk.id], t0);
    await ask([portal.id], t0 + 60_000);
    await ask([portal.id], t0 + 11 * 60_000);
    const row = (await adminJson("GET", "/subscribers")).json.subscribers.find((s: { target: string }) => s.target === "gi@example.com");
    expect(row.components).toEqual([desk.id]);
    const confirmations = (await deliveries()).filter((d) => d.subscriberId === row.id);
    expect(confirmations).toHaveLength(2);
  });
});

describe("a made-up link", () => {
  it("is refused from what KV holds, naming the page, without a D1 query", async () => {
    for (const path of ["/unsubscribe?token=x", "/subscriptions/manage?token=", "/subscriptions/confirm", `/subscriptions/manage?token=${"a".repeat(42)}!`]) {
      const counting = countingEnv();
      const res = await call(path, {}, counting.env);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain("This link is not valid");
      expect(html, path).toContain("Acme");
      expect(counting.d1(), path).toBe(0);
    }
  });
});

describe("a mail API that fails", () => {
  it("retries the delivery and records why", async () => {
    const fy = (await adminJson("POST", "/subscribers", { type: "email", email: "fy@example.com", skip_confirmation: true })).json.subscriber;
    await createIncident({ name: "Mail trouble", body: "Hello." });
    const due = (await deliveries()).filter((d) => d.subscriberId === fy.id && d.sentAt === null && d.deadAt === null);
    expect(due).toHaveLength(1);
    const failingMailer = { name: "http" as const, send: async () => Promise.reject(new Error("mail API answered 503")) };
    const messages = await consume(
      {
        ...deps(receiver(200).fetch),
        mailer: {
          ...failingMailer,
          send: async () => {
            throw new Error("mail API answered 503");
          },
        },
      },
      due.map((d) => d.id),
    );
    expect(messages.every((m) => m.retried !== null)).toBe(true);
    const row = (await deliveries()).find((d) => d.id === due[0]!.id)!;
    expect(row.lastError).toContain("mail API answered 503");
  });
});
