import { ROUTING_KEY } from "../cache/keys";
import { type Heartbeat, type Site, storeSite } from "../cache/routing";
import { loadRouting, type Routing } from "../db/queries/pages";
import type { JobContext } from "./job-context";

// KV's free plan allows 1,000 writes a day: a beat every minute would spend 1,440 of them. Readers
// see "checked N minutes ago" with N ≤ 5 (plus KV's propagation), and a failure is written at once.
export const HEARTBEAT_WRITE_EVERY_MS = 5 * 60_000;

export interface HeartbeatResult {
  written: boolean;
}

const sameRouting = (a: Routing, b: Routing) =>
  JSON.stringify([a.hosts, a.defaultId, a.zones]) === JSON.stringify([b.hosts, b.defaultId, b.zones]);

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
  const { hosts, defaultId, zones } = routing;
  await storeSite(ctx.kv, { hosts, defaultId, zones }, ctx.now, beat);
  return { written: true };
}
