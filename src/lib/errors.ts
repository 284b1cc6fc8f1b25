export interface ErrorDetail {
  /** Where the problem is: "body.components.0.status", "query.limit", "header.authorization". */
  field: string;
  message: string;
}

/**
 * Why domain or database code refused a change. Only http/ turns a kind into a status code:
 * invalid input that names something unusable, a thing that does not exist, a state that forbids
 * the change, or a write that lost a race with another one.
 */
export type RefusalKind = "invalid" | "not_found" | "state" | "conflict";

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** For a conflict: the thing as it is now, so the client can see what changed. */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string, details: ErrorDetail[]) => new Refusal("invalid", code, message, details);

export const refusedByState = (code: string, message: string, details: ErrorDetail[]) => new Refusal("state", code, message, details);

export const notFound = (what: string, field = "path.id") =>
  new Refusal("not_found", "not_found", `${what} not found.`, [{ field, message: "No such id on this page." }]);

/** A write lost a race: someone changed what it was based on. Nothing of it was written. */
export const conflict = (message = "Someone else changed this at the same moment; reload and try again.", field = "path.id", current?: unknown) =>
  new Refusal("conflict", "conflict", message, [{ field, message: "Changed concurrently." }], current);

/**
 * The request's Idempotency-Key was claimed by another request between its lookup and its write:
 * nothing was written. Answered as "in progress" unless the idempotency middleware can say more.
 */
export class IdempotencyKeyTaken extends Refusal {
  constructor(readonly key: string) {
    super("conflict", "idempotency_key_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.", [
      { field: "header.idempotency-key", message: "In progress." },
    ]);
  }
}

/** The messages of an error and of its causes (drizzle wraps D1's errors). */
export function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) messages.push(String(e));
  return messages;
}

/** Whether a (possibly drizzle-wrapped) D1 error is a UNIQUE violation on `target` ("pages.host"). */
export function isUniqueViolation(error: unknown, target: string): boolean {
  return messagesOf(error).some((m) => m.includes(`UNIQUE constraint failed: ${target}`));
}

// What D1 says when it cannot serve (documented transient errors, and its error prefix); a
// constraint failure is the request's fault or ours, never the database being down.
const UNAVAILABLE = /D1_ERROR|D1_EXEC_ERROR|D1 DB|Network connection lost|storage operation exceeded|overloaded|object to be reset|transient issue/i;
const CONSTRAINT = /constraint failed|SQLITE_CONSTRAINT/i;

/** Whether D1 failed to serve (as opposed to refusing a statement): a write that fails so may still have committed. */
export function isD1Unavailable(error: unknown): boolean {
  const messages = messagesOf(error);
  return !messages.some((m) => CONSTRAINT.test(m)) && messages.some((m) => UNAVAILABLE.test(m));
}

/** Whether a batch was rolled back because a write guard found the state changed since it was read. */
export function isStaleState(error: unknown): boolean {
  return messagesOf(error).some((m) => m.includes("write_guards_stale_state"));
}
