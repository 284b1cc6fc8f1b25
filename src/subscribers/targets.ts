import type { SubscriberRow } from "../db/schema";

/** A webhook named by its origin only (the path may hold a chat app's credential): for the audit log and the pages a token opens. */
export function describeTarget(row: Pick<SubscriberRow, "type" | "target">): string {
  if (row.type === "email") return row.target;
  try {
    return `${new URL(row.target).origin}/…`;
  } catch {
    return "(invalid URL)";
  }
}
