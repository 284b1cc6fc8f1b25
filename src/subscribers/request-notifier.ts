import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { Notifier } from "./fan-out";

/** A request's notifier: its queue binding, and waitUntil so the answer does not wait for the queueing. */
export const requestNotifier = (c: Context<AppEnv>): Notifier => ({ queue: c.env.DELIVERIES, defer: (work) => c.executionCtx.waitUntil(work) });
