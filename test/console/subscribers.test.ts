import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createPage, dbFingerprint } from "../helpers/fixtures";
import { get, postAs, signIn, textOf } from "./helpers";

let pageId: string;
let cookie: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Subscribed", time_zone: "Europe/Berlin" })).id;
  cookie = await signIn();
});

const SECRET = /whsec_[A-Za-z0-9+/=_-]+/;
const path = (suffix: string) => `/admin/${pageId}${suffix}`;
const submission = () => crypto.randomUUID().replace(/-/g, "").slice(0, 12);

const idOf = async (target: string) =>
  (await env.DB.prepare("SELECT id FROM subscribers WHERE page_id = ? AND target = ?").bind(pageId, target).first<{ id: string }>())!.id;

async function addWebhook(url: string, fields: Record<string, string> = {}) {
  const res = await postAs(cookie, path("/subscribers/new/webhook"), { url, format: "statuspage", _submission: submission(), ...fields });
  expect(res.status, await res.clone().text()).toBe(201);
  return res;
}

/** The "Failing" section of the list page. */
const failingSection = (html: string) => html.slice(html.indexOf("<h2>Failing</h2>"), html.indexOf("<h2>", html.indexOf("<h2>Failing</h2>") + 1));

describe("subscribers in the console", () => {
  it("adds a webhook and an email subscriber through the forms and lists both", async () => {
    const made = await postAs(cookie, path("/components/new"), { name: "API", status: "operational" });
    expect(made.status).toBe(303);
    const api = (await env.DB.prepare("SELECT id FROM components WHERE page_id = ? AND name = 'API'").bind(pageId).first<{ id: string }>())!.id;

    await addWebhook("https://hooks.example.com/status/T000/secret-path", { format: "slack" });
    const email = await postAs(cookie, path("/subscribers/new/email"), { email: "Ops@Example.com", [`components.${api}`]: "on", skip_confirmation: "on" });
    expect(email.status).toBe(303);
    expect(email.headers.get("Location")).toBe(path("/subscribers"));

    const list = textOf(await (await get(path("/subscribers"), cookie)).text());
    expect(list).toContain("https://hooks.example.com/status/T000/secret-path Webhook (Slack) All Active 0 sent · 0 pending · 0 given up");
    expect(list).toContain("ops@example.com Email API Active");
    expect(list).toContain("No subscriber is failing or paused.");
  });

  it("shows a new webhook's secret once: on the answer to the form, not on the list, the subscriber's page, or a resent form", async () => {
    const fields = { url: "https://hooks.example.com/once", format: "statuspage", _submission: submission() };
    const res = await postAs(cookie, path("/subscribers/new/webhook"), fields);
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const page = await res.text();
    const secret = SECRET.exec(page)?.[0];
    expect(secret).toBeTruthy();
    expect(textOf(page)).toContain("Store it now; it will not be shown again.");

    const id = await idOf("https://hooks.example.com/once");
    for (const suffix of ["/subscribers", `/subscribers/${id}`]) {
      const html = await (await get(path(suffix), cookie)).text();
      expect(html).toContain("https://hooks.example.com/once");
      expect(html).not.toContain(secret);
      expect(html).not.toMatch(SECRET);
    }
    // A double click (the same form sent again) writes once and shows where the first went, without the secret.
    const again = await postAs(cookie, path("/subscribers/new/webhook"), fields);
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).toBe(path(`/subscribers/${id}`));
  });

  it("refuses an unsafe URL with 422, the typed URL and the reason next to its field, writing nothing", async () => {
    for (const url of ["http://example.com/hook", "https://10.0.0.1/x"]) {
      const before = await dbFingerprint();
      const res = await postAs(cookie, path("/subscribers/new/webhook"), { url, format: "discord", _submission: submission() });
      expect(res.status, url).toBe(422);
      const html = await res.text();
      expect(html).toContain(`value="${url}"`);
      expect(html).toMatch(/<option value="discord" selected="">/);
      expect(html).toMatch(/id="f-url-error"/);
      expect(textOf(html)).toContain("There is a problem");
      expect(await dbFingerprint()).toBe(before);
    }
  });

  it("refuses an address already subscribed with 409, keeping what was typed", async () => {
    const fields = { email: "twice@example.com", skip_confirmation: "on" };
    expect((await postAs(cookie, path("/subscribers/new/email"), fields)).status).toBe(303);
    const res = await postAs(cookie, path("/subscribers/new/email"), fields);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('value="twice@example.com"');
    expect(html).toMatch(/<p class="error" id="f-email-error">.*Already subscribed\./s);
  });

  it("lists a paused webhook under Failing with its error, and Resume makes it active", async () => {
    await addWebhook("https://hooks.example.com/flaky");
    const id = await idOf("https://hooks.example.com/flaky");
    const since = Date.UTC(2026, 0, 2, 3, 4);
    await env.DB.prepare("UPDATE subscribers SET state = 'paused', paused_at = ?, failing_since = ?, last_error = 'HTTP 503 from the receiver' WHERE id = ?")
      .bind(since + 1000, since, id)
      .run();

    const failing = textOf(failingSection(await (await get(path("/subscribers"), cookie)).text()));
    expect(failing).toContain("https://hooks.example.com/flaky");
    // In the page's zone: 03:04 UTC is 04:04 in Berlin.
    expect(failing).toContain("failing since Jan 2, 2026 - 04:04");
    expect(failing).toContain("HTTP 503 from the receiver");
    expect(failing).toContain("Resume");

    const res = await postAs(cookie, path(`/subscribers/${id}/resume`), { _submission: submission() });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT state, failing_since, paused_at FROM subscribers WHERE id = ?").bind(id).first();
    expect(row).toEqual({ state: "active", failing_since: null, paused_at: null });
    expect(await (await get(path("/subscribers"), cookie)).text()).not.toContain(`/subscribers/${id}/resume`);
  });

  it("rotates a webhook's secret, showing the new one once", async () => {
    await addWebhook("https://hooks.example.com/rotated");
    const id = await idOf("https://hooks.example.com/rotated");
    const fields = { _submission: submission() };
    const res = await postAs(cookie, path(`/subscribers/${id}/rotate-secret`), fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(textOf(html)).toContain("Store it now; it will not be shown again.");
    const secret = SECRET.exec(html)?.[0];
    const stored = () => env.DB.prepare("SELECT secret FROM subscribers WHERE id = ?").bind(id).first<{ secret: string }>();
    expect(secret).toBe((await stored())?.secret);
    // Sent again (a reload): not rotated a second time, so the secret just shown stays the one that signs.
    const again = await postAs(cookie, path(`/subscribers/${id}/rotate-secret`), fields);
    expect(again.status).toBe(303);
    expect((await stored())?.secret).toBe(secret);
  });

  it("deletes a subscriber after asking", async () => {
    await addWebhook("https://hooks.example.com/gone");
    const id = await idOf("https://hooks.example.com/gone");
    const confirm = textOf(await (await get(path(`/subscribers/${id}/delete`), cookie)).text());
    expect(confirm).toContain("Delete the webhook “https://hooks.example.com/gone”?");
    expect((await postAs(cookie, path(`/subscribers/${id}/delete`), {})).status).toBe(303);
    expect(await (await get(path("/subscribers"), cookie)).text()).not.toContain("https://hooks.example.com/gone");
  });
});

describe("the mail log in the console", () => {
  it("lists a logged mail with its text and headers, and shows its HTML escaped", async () => {
    await env.DB.prepare('INSERT INTO mail_log (id, page_id, "to", subject, text, html, headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(
        "mail00000001",
        pageId,
        "reader@example.com",
        "Confirm your subscription",
        "Hello,\nconfirm here.",
        '<p onclick="x()">Hi</p><script>alert(1)</script>',
        JSON.stringify({ "List-Unsubscribe": "<https://status.test/unsubscribe>" }),
        Date.UTC(2026, 0, 2, 3, 4),
      )
      .run();
    const html = await (await get(path("/mail"), cookie)).text();
    expect(textOf(html)).toContain("Confirm your subscription To reader@example.com · Jan 2, 2026 - 04:04");
    expect(html).toContain("Hello,\nconfirm here.");
    expect(html).toContain("List-Unsubscribe: &lt;https://status.test/unsubscribe&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain('<p onclick="x()">');
    expect(html).toContain("Mail transport: <code>log</code>. Nothing is sent");
  });

  it("says the log only holds local mode's mails when another transport is configured", async () => {
    const html = await (await get(path("/mail"), cookie, { ...env, MAIL_TRANSPORT: "cloudflare" })).text();
    expect(html).toContain("Mail transport: <code>cloudflare</code>. Mail is sent through it; this log only holds mails sent in local mode.");
  });
});
