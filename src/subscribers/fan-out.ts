import { fanOutStatement, insertNotificationStatement, markEnqueuedStatements, type UnqueuedFilter, unqueuedDeliveries } from "../db/queries/deliveries";
import { deferFanOutStatement, listUnfannedOutbox, markFannedOutStatement } from "../db/queries/outbox";
import type { Statement } from "../db/reads";
import type { OutboxRow } from "../db/schema";
import type { Db } from "../env";
import { buildNotifications } from "./notification";

/**
 * A queue message: one delivery's id (everything else is read from D1 when it is sent) and when it
 * was queued. A delivery queued twice (a lost mark, a writer and the minute job at once) has one
 * live message, the one whose time D1 recorded; the consumer acknowledges the others unsent.
 */
export interface DeliveryMessage {
  id: string;
  at: number;
}

export type DeliveryQueue = Queue<DeliveryMessage>;

/** Where a request fans its committed change out at once. */
export interface Notifier {
  queue: DeliveryQueue | undefined;
  /** The request's waitUntil: the answer need not wait for thousands of deliveries to be queued. */
  defer?: (work: Promise<unknown>) => void;
}

// The queue takes at most 100 messages per sendBatch.
const SEND_BATCH = 100;
// Per invocation: enough for a large page's subscribers in one go; the minute job queues the rest.
const MAX_BATCHES = 40;

export interface FanOutResult {
  notifications: number;
  deliveries: number;
  enqueued: number;
}

/**
 * Records what one committed change tells whom: its notifications and one delivery per subscriber
 * concerned, in one batch with the mark that the change is fanned out (all or nothing, and ids
 * derived from the change, so a second run adds nothing). Then queues the deliveries.
 */
export async function fanOut(db: Db, queue: DeliveryQueue | undefined, change: OutboxRow, now: number): Promise<FanOutResult> {
  const built = await buildNotifications(db, change);
  const statements: Statement[] = [
    ...built.map((n) => insertNotificationStatement(db, n)),
    ...built.map((n) => fanOutStatement(db, n, now)),
    markFannedOutStatement(db, change.id, now),
  ];
  const results = await db.batch(statements as [Statement, ...Statement[]]);
  const deliveries = results.slice(built.length, built.length * 2).reduce((sum: number, r) => sum + ((r as D1Result).meta?.changes ?? 0), 0);
  const enqueued = queue && built.length > 0 ? await enqueueDeliveries(db, queue, now, { outboxId: change.id }) : 0;
  return { notifications: built.length, deliveries, enqueued };
}

/**
 * Sends recorded deliveries the queue has not accepted yet, 100 per message batch, marking each
 * batch once the queue took it. A failing queue stops the run; the deliveries stay recorded and the
 * minute job sends them later. Marks that do not land make a second message, which the consumer
 * recognises as sent.
 */
export async function enqueueDeliveries(db: Db, queue: DeliveryQueue, now: number, filter: Partial<UnqueuedFilter> = {}): Promise<number> {
  let enqueued = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const due = await unqueuedDeliveries(db, { createdBefore: now, ...filter }, SEND_BATCH);
    if (due.length === 0) break;
    try {
      await queue.sendBatch(due.map(({ id }) => ({ body: { id, at: now }, contentType: "json" as const })));
    } catch (error) {
      console.error("queue refused deliveries; the minute job sends them again", error);
      break;
    }
    const ids = due.map((d) => d.id);
    await db.batch(markEnqueuedStatements(db, ids, now) as unknown as [Statement, ...Statement[]]);
    enqueued += ids.length;
    if (due.length < SEND_BATCH) break;
  }
  return enqueued;
}

export interface NotifyJobResult {
  changes: number;
  deliveries: number;
  enqueued: number;
  failed: number;
}

const RETRY_FAN_OUT_MS = 5 * 60_000;
// Deliveries younger than this may still be being queued by their writer.
const WRITER_GRACE_MS = 60_000;

/** The minute job's share: changes no writer fanned out, and deliveries the queue never accepted. */
export async function notifyPending(db: Db, queue: DeliveryQueue | undefined, now: number): Promise<NotifyJobResult> {
  const result: NotifyJobResult = { changes: 0, deliveries: 0, enqueued: 0, failed: 0 };
  for (const change of await listUnfannedOutbox(db, now)) {
    try {
      const r = await fanOut(db, queue, change, now);
      result.changes++;
      result.deliveries += r.deliveries;
      result.enqueued += r.enqueued;
    } catch (error) {
      result.failed++;
      console.error(`fan-out failed; tried again in ${RETRY_FAN_OUT_MS / 60_000} minutes`, change.id, error);
      await deferFanOutStatement(db, change.id, now + RETRY_FAN_OUT_MS)
        .run()
        .catch(() => undefined);
    }
  }
  if (queue) result.enqueued += await enqueueDeliveries(db, queue, now, { createdBefore: now - WRITER_GRACE_MS });
  return result;
}
