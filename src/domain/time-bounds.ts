const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** 2000-01-01T00:00:00Z in UTC epoch ms: nothing this service records is older (a reset clock writes 1970). */
export const EARLIEST_TIME_MS = 946_684_800_000;

/** How far ahead of the server a client's clock may run before its times are refused. */
export const CLOCK_SKEW_MS = 5 * MINUTE;

/**
 * How far ahead a maintenance may be planned. Plans are legitimately in the future, but a client
 * whose clock runs a year fast schedules "tomorrow" a year out; a bound of about half a year
 * refuses that and still leaves room for any real plan.
 */
export const PLAN_HORIZON_DAYS = 180;
export const PLAN_HORIZON_MS = PLAN_HORIZON_DAYS * DAY;

export type TimeErrorCode = "timestamp_in_future" | "timestamp_out_of_range" | "timestamp_order";

export interface TimeViolation {
  code: TimeErrorCode;
  /** The request field it is about, e.g. "body.display_at". */
  field: string;
  message: string;
}

/**
 * A time that records something that happened ("past", e.g. display_at) or a plan ("plan", e.g.
 * scheduled_for). Values are UTC epoch ms.
 */
export interface TimeInput {
  field: string;
  at: number | undefined;
  kind: "past" | "plan";
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Checks one client-supplied time against the request's `now` (UTC ms): never before 2000; a past
 * event at most CLOCK_SKEW_MS ahead of `now`; a plan at most PLAN_HORIZON_MS ahead. Undefined
 * passes (the server fills it in).
 */
export function checkTime({ field, at, kind }: TimeInput, now: number): TimeViolation | null {
  if (at === undefined) return null;
  if (at < EARLIEST_TIME_MS) {
    return { code: "timestamp_out_of_range", field, message: `${iso(at)} is before ${iso(EARLIEST_TIME_MS)}; check the client's clock.` };
  }
  const limit = now + (kind === "past" ? CLOCK_SKEW_MS : PLAN_HORIZON_MS);
  if (at <= limit) return null;
  const message =
    kind === "past"
      ? `${iso(at)} is in the future: it may be at most ${CLOCK_SKEW_MS / MINUTE} minutes after the server's time (${iso(now)}); check the client's clock.`
      : `${iso(at)} is more than ${PLAN_HORIZON_DAYS} days ahead of the server's time (${iso(now)}); plan closer dates, or check the client's clock.`;
  return { code: "timestamp_in_future", field, message };
}

/** Every violation among `times`, in order. */
export function checkTimes(times: readonly TimeInput[], now: number): TimeViolation[] {
  return times.flatMap((t) => checkTime(t, now) ?? []);
}

/**
 * A violation naming `field` (the time the client sent) when `later` is before `earlier`: a
 * resolution before the start, an update before its incident, a window that ends before it begins.
 */
export function checkOrder(field: string, later: number, earlier: number, message: string): TimeViolation | null {
  return later < earlier ? { code: "timestamp_order", field, message } : null;
}

/**
 * Whether a request's `Date` header shows a client clock more than CLOCK_SKEW_MS ahead of `now`.
 * An absent or unparseable header and any past date (proxies, retries) are not evidence of skew.
 */
export function clockAhead(dateHeader: string | undefined, now: number): boolean {
  if (!dateHeader) return false;
  const sent = Date.parse(dateHeader);
  return Number.isFinite(sent) && sent > now + CLOCK_SKEW_MS;
}
