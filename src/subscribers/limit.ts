import type { Context } from "hono";
import type { AppEnv } from "../env";
import { requestClient } from "../http/client-address";
import { underLimit } from "../http/rate-limit";

/** Subscribe requests per client address (IPv4, or IPv6 /64) within SUBSCRIBE_LIMITER's period. */
export function underSubscribeLimit(c: Context<AppEnv>): Promise<boolean> {
  return underLimit(c.env.SUBSCRIBE_LIMITER, `subscribe:${requestClient(c) ?? "unknown"}`, "subscribe requests");
}
