import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import type { DeliveryRow, MailLogRow } from "../../src/db/schema";
import { type ConsumerDeps, consumeDeliveries, consumeDeadLetters } from "../../src/subscribers/consumer";
import { logMailer } from "../../src/subscribers/mailer";
import { DEAD_LETTER_QUEUE, DELIVERIES_QUEUE } from "../../src/subscribers/queue";

export const db = createDb(env.DB);

/** A queue message the test can inspect: whether the consumer acknowledged it or asked for a retry, and after how long. */
export class TestMessage implements Message<unknown> {
  readonly timestamp = new Date();
  acked = false;
  retried: { delaySeconds?: number } | null = null;
  constructor(
    readonly id: string,
    readonly body: unknown,
    readonly attempts = 1,
  ) {}
  ack() {
    this.acked = true;
  }
  retry(options?: QueueRetryOptions) {
    this.retried = options ?? {};
  }
}

const batchOf = (queue: string, messages: TestMessage[]): MessageBatch<unknown> => ({
  queue,
  messages,
  metadata: { metrics: { backlogCount: messages.length, backlogBytes: 0 } },
  ackAll: () => messages.forEach((m) => m.ack()),
  retryAll: () => messages.forEach((m) => m.retry()),
});

export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A webhook receiver the consumer posts to: records each request and answers with `status` (a function of the attempt, or a fixed code). */
export function receiver(status: number | ((n: number) => number) = 204) {
  const received: Received[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    received.push({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    const code = typeof status === "number" ? status : status(received.length);
    return new Response(null, { status: code, headers: code >= 300 && code < 400 ? { Location: "https://elsewhere.test/" } : {} });
  }) as typeof globalThis.fetch;
  return { received, fetch };
}

export function deps(fetch: typeof globalThis.fetch, now = () => Date.now()): ConsumerDeps {
  return { db, now, fetch, mailer: logMailer(db, now), allowLoopback: false };
}

/** The message the queue holds for a delivery: its id and when D1 recorded it queued. */
async function messageBody(id: string): Promise<{ id: string; at: number }> {
  const row = await env.DB.prepare("SELECT enqueued_at FROM deliveries WHERE id = ?").bind(id).first<{ enqueued_at: number | null }>();
  return { id, at: row?.enqueued_at ?? -1 };
}

/** Runs the consumer over one message per delivery id, as the queue would deliver them. */
export async function consume(d: ConsumerDeps, ids: readonly string[], attempts = 1): Promise<TestMessage[]> {
  const messages = await Promise.all(ids.map(async (id, i) => new TestMessage(`m${i}-${attempts}`, await messageBody(id), attempts)));
  await consumeDeliveries(batchOf(DELIVERIES_QUEUE, messages), d);
  return messages;
}

export async function deadLetters(ids: readonly string[], now = Date.now()): Promise<void> {
  const messages = await Promise.all(ids.map(async (id, i) => new TestMessage(`d${i}`, await messageBody(id), 11)));
  await consumeDeadLetters(batchOf(DEAD_LETTER_QUEUE, messages), { db, now: () => now });
}

export async function deliveries(): Promise<DeliveryRow[]> {
  return (await env.DB.prepare("SELECT * FROM deliveries ORDER BY created_at, id").all<Record<string, unknown>>()).results.map(
    (r) =>
      ({
        id: r.id,
        subscriberId: r.subscriber_id,
        kind: r.kind,
        attempts: r.attempts,
        enqueuedAt: r.enqueued_at,
        sentAt: r.sent_at,
        deadAt: r.dead_at,
        lastError: r.last_error,
        notificationId: r.notification_id,
      }) as DeliveryRow,
  );
}

export async function mails(to?: string): Promise<MailLogRow[]> {
  const rows = (await env.DB.prepare("SELECT * FROM mail_log ORDER BY created_at, rowid").all<Record<string, unknown>>()).results;
  return rows.map((r) => ({ ...r, headers: JSON.parse(String(r.headers)) }) as unknown as MailLogRow).filter((m) => to === undefined || m.to === to);
}
