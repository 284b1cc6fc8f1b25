import type { AuditDetail } from "./commit";

/** The `keys` a change moves on a row, before and after, for the audit log (values compared by their JSON). */
export function fieldChanges<T extends object>(current: T, changes: Partial<T>, keys: readonly (keyof T & string)[]): AuditDetail {
  const moved = keys.filter((k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(current[k]));
  return { before: Object.fromEntries(moved.map((k) => [k, current[k]])), after: Object.fromEntries(moved.map((k) => [k, changes[k]])) };
}
