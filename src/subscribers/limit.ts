import type { Context } from "hono";
import type { AppEnv } from "../env";
import { clientKey } from "../http/client-address";
import { underLimit } from "../http/rate-limit";

/** Subscribe requests per client address (IPv4, or IPv6 /64) within SUBSCRIBE_LIMITER's period. */
export function underSubscribeLimit(c: Context<AppEnv>): Promise<boolean> {
  const address = c.req.header("cf-connecting-ip");
  return underLimit(c.env.SUBSCRIBE_LIMITER, `subscribe:${address ? clientKey(address) : "unknown"}`, "subscribe requests");
}
