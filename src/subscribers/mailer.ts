import { insertMailStatement } from "../db/queries/mail";
import type { Db } from "../env";
import { newId } from "../lib/ids";
import type { MailMessage } from "./mails";

/** Every way this worker sends mail: one method, which throws when the mail was not accepted. */
export interface Mailer {
  readonly name: "log" | "cloudflare" | "http";
  send(mail: MailMessage, pageId: string | null): Promise<void>;
}

/** Local mode's mailbox: a D1 table, read at GET /api/admin/mail and in the console. */
export function logMailer(db: Db, now: () => number): Mailer {
  return {
    name: "log",
    async send(mail, pageId) {
      await insertMailStatement(db, { id: newId(), pageId, ...mail, createdAt: now() }).run();
    },
  };
}

// A send that hangs must not outlive the delivery's lease (another consumer could then send it too).
const SEND_TIMEOUT_MS = 10_000;

/** Cloudflare's email sending binding (`[[send_email]]` in wrangler.toml). */
export function cloudflareMailer(binding: SendEmail, from: string): Mailer {
  return {
    name: "cloudflare",
    async send(mail) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the email binding did not answer within ${SEND_TIMEOUT_MS / 1000} s`)), SEND_TIMEOUT_MS);
      });
      try {
        await Promise.race([binding.send({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers }), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export const DEFAULT_MAIL_API_URL = "https://api.resend.com/emails";

/** An HTTP mail API taking Resend's JSON (several services accept the same shape). */
export function httpMailer(url: string, apiKey: string, from: string, fetcher: typeof fetch): Mailer {
  return {
    name: "http",
    async send(mail) {
      const response = await fetcher(url, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ from, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers }),
        redirect: "manual",
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`mail API answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    },
  };
}

/**
 * Which sender MAIL_TRANSPORT names. Unset, local mode (`npm start`) keeps mail in the log, so a
 * fresh clone sends nothing anywhere; a deployed worker must say where mail goes, or its mails fail
 * (and show as failing) rather than vanish into a table nobody reads.
 */
export function pickMailer(env: Env, db: Db, fetcher: typeof fetch, now: () => number): Mailer {
  const transport = env.MAIL_TRANSPORT ?? (env.LOCAL_MODE === "1" ? "log" : undefined);
  if (transport === undefined) throw new Error("MAIL_TRANSPORT is not set: choose log, cloudflare or http");
  if (transport === "log") return logMailer(db, now);
  const from = env.MAIL_FROM;
  if (!from) throw new Error("MAIL_FROM is required to send mail");
  if (transport === "cloudflare") {
    if (!env.EMAIL) throw new Error("MAIL_TRANSPORT=cloudflare needs a [[send_email]] binding named EMAIL");
    return cloudflareMailer(env.EMAIL, from);
  }
  if (transport === "http") {
    if (!env.MAIL_API_KEY) throw new Error("MAIL_TRANSPORT=http needs the MAIL_API_KEY secret");
    return httpMailer(env.MAIL_API_URL ?? DEFAULT_MAIL_API_URL, env.MAIL_API_KEY, from, fetcher);
  }
  throw new Error(`MAIL_TRANSPORT must be log, cloudflare or http, not ${transport}`);
}

/**
 * The sender chosen on first use: a mail misconfiguration fails the mail deliveries (retried, then
 * shown as given up), never the webhooks that share their batch.
 */
export function lazyMailer(choose: () => Mailer): Mailer {
  let chosen: Mailer | undefined;
  const mailer = () => {
    chosen ??= choose();
    return chosen;
  };
  return {
    get name() {
      return mailer().name;
    },
    send: (mail, pageId) => mailer().send(mail, pageId),
  };
}
