import { checkTimes, type TimeInput, type TimeViolation } from "../domain/time-bounds";
import { ApiError } from "../lib/errors";

/**
 * Throws the 422 envelope when any check failed: the code of the first failure, with every field
 * that failed the same way in the details. Services call it before they write anything.
 */
export function refuseTimes(violations: readonly (TimeViolation | null)[]): void {
  const found = violations.filter((v): v is TimeViolation => v !== null);
  const first = found[0];
  if (!first) return;
  const same = found.filter((v) => v.code === first.code);
  throw new ApiError(
    422,
    first.code,
    first.message,
    same.map((v) => ({ field: v.field, message: v.message })),
  );
}

/** Refuses client-supplied times that are before 2000 or too far ahead of the request's `now` (UTC ms). */
export function requirePlausibleTimes(now: number, times: readonly TimeInput[]): void {
  refuseTimes(checkTimes(times, now));
}
