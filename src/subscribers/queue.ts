import { createDb } from "../db/client";
import { consumeDeadLetters, consumeDeliveries } from "./consumer";
import { lazyMailer, pickMailer } from "./mailer";

/** Keep in step with [[queues]] in wrangler.toml. */
export const DELIVERIES_QUEUE = "edge-status-deliveries";
export const DEAD_LETTER_QUEUE = "edge-status-deliveries-dead";

/** The worker's queue handler: deliveries, and the dead letters of those that failed every try. */
export async function queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  const now = () => Date.now();
  if (batch.queue === DEAD_LETTER_QUEUE) {
    await consumeDeadLetters(batch, { db, now });
    return;
  }
  const fetcher: typeof fetch = (input, init) => fetch(input, init);
  await consumeDeliveries(batch, {
    db,
    now,
    fetch: fetcher,
    mailer: lazyMailer(() => pickMailer(env, db, fetcher, now)),
    allowLoopback: env.LOCAL_MODE === "1",
  });
}
