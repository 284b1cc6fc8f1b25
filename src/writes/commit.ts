import { bumpGenerationStatement } from "../db/queries/pages";
import { claimIdempotencyKeyStatement } from "../db/queries/idempotency";
import { insertOutboxStatement, OUTBOX_LEASE_MS, outboxRecordReads } from "../db/queries/outbox";
import { auditEntryExists, insertAuditStatement } from "../db/queries/audit";
import { combine, run, type Statement } from "../db/reads";
import type { OutboxRow, PageRow, StatusMove } from "../db/schema";
import { fanOut } from "../subscribers/fan-out";
import { conflict, IdempotencyKeyTaken, isD1Unavailable, isStaleState, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { type PublishData, publishReads, publishRecords, type PublishScope } from "../publish";
import type { WriteContext } from "./context";

/** One change, planned: its statements and what the outbox records of it. */
export interface Change {
  /** "incident.updated", "component.renamed", …: what subscribers and the audit trail will read. */
  change: string;
  statements: Statement[];
  scope: PublishScope;
  componentIds: readonly string[];
  updateId?: string;
  notify?: boolean;
  /** Component statuses moved by a change that notifies: `component_update` deliveries. */
  statusChanges?: readonly StatusMove[];
  /** A rename or a deletion: bodies built before it must never be served again, not even while D1 is down. */
  purges?: boolean;
  /** The page as the change leaves it (a new time zone changes which days and years are loaded). */
  page?: Pick<PageRow, "id" | "timeZone">;
  /** What was written ("incident:abc…") and the status the answer has: kept with an Idempotency-Key. */
  resource: string | null;
  status: number;
  audit?: AuditDetail;
}

/** What the audit log shows of a change besides who, what and when: a short before and after. */
export interface AuditDetail {
  /** Defaults to the change's resource (a deletion has none: name what was deleted). */
  target?: string | null;
  eventId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The audit row and the Idempotency-Key claim every write carries in its batch. */
function recordStatements(ctx: WriteContext, change: Pick<Change, "change" | "resource" | "status" | "audit">, auditId: string): Statement[] {
  const { db, now } = ctx;
  const audit = change.audit ?? {};
  return [
    insertAuditStatement(db, {
      id: auditId,
      pageId: ctx.page.id,
      at: now,
      actor: ctx.actor,
      action: change.change,
      target: audit.target === undefined ? change.resource : audit.target,
      eventId: audit.eventId ?? null,
      before: audit.before ?? null,
      after: audit.after ?? null,
    }),
    ...(ctx.idempotency ? [claimIdempotencyKeyStatement(db, ctx.idempotency, now, change.resource, change.status)] : []),
  ];
}

/**
 * What a failed batch means: a lost race (throws 409), a taken Idempotency-Key (throws), or D1
 * failing; then true when the batch committed after all and only its answer was lost (its audit
 * row exists), false when nothing was written.
 */
async function committedAfterAll(ctx: WriteContext, error: unknown, auditId: string): Promise<boolean> {
  if (isStaleState(error)) throw conflict();
  if (ctx.idempotency && isUniqueViolation(error, "idempotency_keys.key")) throw new IdempotencyKeyTaken(ctx.idempotency.key);
  if (!isD1Unavailable(error) || !(await auditEntryExists(ctx.db, auditId).catch(() => false))) return false;
  console.error("write committed but its answer was lost; reading it back", auditId, error);
  return true;
}

export interface Committed {
  /** The page after the commit, read from D1 in the write's own batch. */
  data: PublishData;
  /** Whether every public body already shows the change; if not, the minute job finishes it. */
  published: boolean;
}

/**
 * The one executor of every write: the change's statements, the page's new generation, the outbox
 * record and the Idempotency-Key claim go to D1 as one batch (all or nothing), together with the
 * reads every public body is rebuilt from, so those see the write in the same round trip. Then the
 * bodies are published, and the record is marked done; if publishing failed it stays pending and
 * the minute job finishes it. Once the batch has committed the change stands: nothing after it
 * turns it into a failure.
 */
export async function commit(ctx: WriteContext, change: Change): Promise<Committed> {
  const { db, now } = ctx;
  const page = change.page ?? ctx.page;
  const outboxId = newId();
  const auditId = newId();
  const notify = !ctx.quiet && (change.notify ?? false);
  const writes: Statement[] = [
    ...change.statements,
    bumpGenerationStatement(db, ctx.page.id, change.purges ?? false),
    insertOutboxStatement(db, {
      id: outboxId,
      pageId: ctx.page.id,
      change: change.change,
      actor: ctx.actor,
      eventIds: [...change.scope.eventIds],
      deletedEventIds: [...change.scope.deletedEventIds],
      componentIds: [...new Set(change.componentIds)],
      eventTimes: [...change.scope.eventTimes],
      updateId: change.updateId ?? null,
      notify,
      statusChanges: notify ? [...(change.statusChanges ?? [])] : [],
      createdAt: now,
      availableAt: now + OUTBOX_LEASE_MS,
    }),
    ...recordStatements(ctx, change, auditId),
  ];
  const reads = combine(publishReads(db, page, change.scope, now, true), outboxRecordReads(db, outboxId));
  let data: PublishData | null;
  let record: OutboxRow | null;
  try {
    [data, record] = await run(db, reads, writes);
  } catch (error) {
    // The batch may have committed and only its answer been lost: its audit row says which.
    if (!(await committedAfterAll(ctx, error, auditId))) throw error;
    [data, record] = await run(db, reads);
  }
  if (!data) throw new Error(`page ${page.id} vanished during a write`);
  const { published } = await publishRecords(ctx.kv, db, data, change.scope, [outboxId], now, { feeds: true, otherLanguages: true });
  // Written as fanned out when nobody is to be told: then nothing more is read or written.
  if (record && record.fannedOutAt === null) await fanOutAfterCommit(ctx, record);
  return { data, published };
}

/**
 * A write no public body shows (a template): the same batch of statements, audit row and
 * Idempotency-Key claim, without a page generation, an outbox record or a publication.
 */
export async function commitInternal(ctx: WriteContext, change: Pick<Change, "change" | "statements" | "resource" | "status" | "audit">): Promise<void> {
  const auditId = newId();
  try {
    await ctx.db.batch([...change.statements, ...recordStatements(ctx, change, auditId)] as [Statement, ...Statement[]]);
  } catch (error) {
    if (!(await committedAfterAll(ctx, error, auditId))) throw error;
  }
}

/**
 * Right after a commit, in the writer: fans its change out (in the background when the request can
 * wait for it). Failures are logged, never thrown: the change stands, and the minute job fans out
 * what is left once the writer's hold on the record runs out.
 */
async function fanOutAfterCommit(ctx: WriteContext, record: OutboxRow): Promise<void> {
  const notifier = ctx.notifier;
  if (!notifier) return;
  const work = fanOut(ctx.db, notifier.queue, record, ctx.now).catch((error) =>
    console.error("fan-out after commit failed; the minute job will do it", record.id, error),
  );
  if (notifier.defer) notifier.defer(work);
  else await work;
}
