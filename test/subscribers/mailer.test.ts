import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { cloudflareMailer, DEFAULT_MAIL_API_URL, httpMailer, pickMailer } from "../../src/subscribers/mailer";
import type { MailMessage } from "../../src/subscribers/mails";

const mail: MailMessage = {
  to: "ana@example.com",
  subject: "[Blip] Desk down: Investigating",
  text: "We are looking into it.",
  html: "<p>We are looking into it.</p>",
  headers: { "List-Unsubscribe": "<https://status.blip.test/unsubscribe?token=t>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
};

describe("mail senders", () => {
  it("posts Resend's JSON to an HTTP mail API with the key, and throws on a refusal so the delivery is retried", async () => {
    const seen: { url: string; auth: string | null; body: any }[] = [];
    let status = 200;
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, auth: request.headers.get("Authorization"), body: await request.json() });
      return new Response(JSON.stringify({ id: "m1" }), { status });
    }) as typeof fetch;
    const mailer = httpMailer(DEFAULT_MAIL_API_URL, "re_key", "Blip <status@blip.test>", fetcher);
    await mailer.send(mail, null);
    expect(seen[0]).toEqual({
      url: "https://api.resend.com/emails",
      auth: "Bearer re_key",
      body: { from: "Blip <status@blip.test>", to: ["ana@example.com"], subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers },
    });
    status = 429;
    await expect(mailer.send(mail, null)).rejects.toThrow(/mail API answered 429/);
  });

  it("hands Cloudflare's email binding the same mail, headers included", async () => {
    const sent: unknown[] = [];
    const binding = { send: async (message: unknown) => void sent.push(message) } as unknown as SendEmail;
    await cloudflareMailer(binding, "status@blip.test").send(mail, null);
    expect(sent).toEqual([{ from: "status@blip.test", to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers }]);
  });

  it("uses the local mail log unless MAIL_TRANSPORT names a sender, and says what a named sender lacks", () => {
    const db = createDb(env.DB);
    const now = () => 0;
    expect(pickMailer({ ...env, MAIL_TRANSPORT: undefined }, db, fetch, now).name).toBe("log");
    expect(pickMailer({ ...env, MAIL_TRANSPORT: "http", MAIL_FROM: "a@b.test", MAIL_API_KEY: "k" }, db, fetch, now).name).toBe("http");
    expect(() => pickMailer({ ...env, MAIL_TRANSPORT: "http", MAIL_FROM: "a@b.test" }, db, fetch, now)).toThrow(/MAIL_API_KEY/);
    expect(() => pickMailer({ ...env, MAIL_TRANSPORT: "cloudflare", MAIL_FROM: "a@b.test" }, db, fetch, now)).toThrow(/send_email/);
    expect(() => pickMailer({ ...env, MAIL_TRANSPORT: "smtp", MAIL_FROM: "a@b.test" }, db, fetch, now)).toThrow(/log, cloudflare or http/);
  });
});
