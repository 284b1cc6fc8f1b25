import { claimDeliveryReads, markDeliveryDead, markDeliveryFailed, markDeliverySent } from "../db/queries/deliveries";
import { markSubscriberFailed, markSubscriberSucceeded } from "../db/queries/subscribers";
import { run } from "../db/reads";
import type { Db } from "../env";
import { newId } from "../lib/ids";
import { retryDelaySeconds } from "./backoff";
import { type Outcome, send, type Transport } from "./deliver";
import type { DeliveryMessage } from "./fan-out";

// Longer than one attempt can take (the 10 s timeout, the mail API's): a copy of the message
// redelivered meanwhile waits instead of sending a second time.
const LEASE_MS = 60_000;
const HELD_ELSEWHERE_RETRY_S = 60;

export interface ConsumerDeps extends Transport {
  db: Db;
  now: () => number;
}

export type Handled = "sent" | "already-done" | "gone" | "stale" | "skipped" | "held" | "failed";

const isDeliveryMessage = (body: unknown): body is DeliveryMessage =>
  typeof body === "object" && body !== null && typeof (body as DeliveryMessage).id === "string" && typeof (body as DeliveryMessage).at === "number";

/**
 * One message: claim its delivery (nobody else is sending it, it is not sent yet), send it, record
 * the outcome. A redelivered message whose delivery is recorded as sent is acknowledged and
 * nothing is sent; a failure is retried by the queue with a growing delay.
 */
export async function handleMessage(deps: ConsumerDeps, message: Message<unknown>): Promise<Handled> {
  const { db } = deps;
  if (!isDeliveryMessage(message.body)) {
    console.error("dropping a message that is not a delivery", message.id);
    message.ack();
    return "gone";
  }
  const { id, at } = message.body;
  const now = deps.now();
  const token = newId();
  const state = await run(db, claimDeliveryReads(db, id, at, token, now, LEASE_MS));
  const { delivery, subscriber, notification, page } = state;
  if (!delivery || !subscriber || !page) {
    // Unsubscribed or deleted since: nobody to tell.
    message.ack();
    return "gone";
  }
  if (delivery.sentAt !== null || delivery.deadAt !== null) {
    message.ack();
    return "already-done";
  }
  if (delivery.enqueuedAt !== at) {
    // A second copy from a second queueing: the delivery's live message is another one.
    message.ack();
    return "stale";
  }
  if (!state.claimed) {
    message.retry({ delaySeconds: HELD_ELSEWHERE_RETRY_S });
    return "held";
  }
  const wanted = delivery.kind === "confirmation" ? subscriber.state !== "paused" : subscriber.state === "active";
  if (!wanted) {
    await markDeliveryDead(db, id, now, `subscriber is ${subscriber.state}`).run();
    message.ack();
    return "skipped";
  }
  const outcome: Outcome = await send(deps, page, delivery, subscriber, notification, now);
  if (outcome.ok) {
    // Once sent it stays sent: if recording it fails, acknowledging still beats sending it again.
    await db
      .batch([markDeliverySent(db, id, deps.now()), markSubscriberSucceeded(db, subscriber.id, deps.now())])
      .catch((e) => console.error("sent but not recorded", id, e));
    message.ack();
    return "sent";
  }
  await db
    .batch([markDeliveryFailed(db, id, token, outcome.error), markSubscriberFailed(db, subscriber.id, now, outcome.error)])
    .catch((e) => console.error("failure not recorded", id, e));
  message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  return "failed";
}

/** The deliveries queue: messages are handled side by side, each acknowledged or retried on its own. */
export async function consumeDeliveries(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<Handled[]> {
  return Promise.all(
    batch.messages.map((message) =>
      handleMessage(deps, message).catch((error) => {
        // D1 unavailable or a bug: the queue tries again later, the delivery is still unsent.
        console.error("delivery failed unexpectedly", message.id, error);
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        return "failed" as const;
      }),
    ),
  );
}

/**
 * The dead-letter queue: messages that failed every try. Their deliveries are marked given up (the
 * console lists them), unless the message was a stale copy: the live one may still have tries left.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, deps: Pick<ConsumerDeps, "db" | "now">): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      if (isDeliveryMessage(message.body)) {
        await markDeliveryDead(deps.db, message.body.id, deps.now(), undefined, message.body.at).run();
      }
      message.ack();
    }),
  );
}
