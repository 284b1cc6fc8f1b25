import { ROUTING_KEY } from "../cache/keys";
import { sameRouting, type Site, storeSite } from "../cache/routing";
import { loadRouting } from "../db/queries/pages";
import { type Heartbeat, HEARTBEAT_WRITE_EVERY_MS } from "../domain/heartbeat";
import type { JobContext } from "./job-context";

export interface HeartbeatResult {
  written: boolean;
}

/**
 * Records that the minute run happened (and which jobs failed) in the routing record, and keeps that
 * record's routing in step with D1. With D1 down the stored routing stays and only the beat moves,
 * so readers learn that the jobs are failing.
 */
export async function writeHeartbeat(ctx: JobContext, failing: readonly string[]): Promise<HeartbeatResult> {
  const current = await ctx.kv.get<Site>(ROUTING_KEY, "json").catch(() => null);
  const fromDb = await loadRouting(ctx.db).catch(() => null);
  const routing = fromDb ?? current;
  if (!routing?.defaultId) return { written: false };
  const previous = current?.heartbeat;
  // A late or repeated run must not move the beat backwards.
  if (previous && previous.at >= ctx.now) return { written: false };
  const beat: Heartbeat = { at: ctx.now, failing: [...failing].sort() };
  const due =
    !previous ||
    ctx.now - previous.at >= HEARTBEAT_WRITE_EVERY_MS ||
    previous.failing.join() !== beat.failing.join() ||
    !current ||
    (fromDb !== null && !sameRouting(fromDb, current));
  if (!due) return { written: false };
  await storeSite(ctx.kv, routing, ctx.now, beat);
  return { written: true };
}
