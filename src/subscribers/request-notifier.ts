import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { Notifier } from "./fan-out";

/** A request's notifier: its queue binding, and waitUntil so the answer does not wait for the queueing. */
export function requestNotifier(c: Context<AppEnv>): Notifier {
  let defer: Notifier["defer"];
  try {
    const ctx = c.executionCtx;
    defer = (work) => ctx.waitUntil(work);
  } catch {
    // No execution context (app.request in a test): the write waits for its fan-out instead.
  }
  return { queue: c.env.DELIVERIES, ...(defer ? { defer } : {}) };
}
