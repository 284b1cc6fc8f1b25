import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { EVERY_MINUTE } from "../../src/scheduled";

/** Runs the worker's scheduled handler for one tick of `cron`, as the platform would, and waits for it. */
export async function runCron(scheduledTime: number, cron: string = EVERY_MINUTE, bindings: Env = env): Promise<void> {
  const ctx = createExecutionContext();
  await (worker as ExportedHandler<Env>).scheduled!(createScheduledController({ scheduledTime, cron }), bindings, ctx);
  await waitOnExecutionContext(ctx);
}
