import { createMiddleware } from "hono/factory";
import { CLOCK_SKEW_MS, clockAhead } from "../domain/time-bounds";
import type { AppEnv } from "../env";
import { ApiError } from "./api-error";
import { isWriteMethod } from "./methods";

/**
 * Refuses writes from a client whose clock runs ahead of the server's: its `Date` header is how a
 * skewed clock shows itself even on a write that carries no time (a component status change). An
 * unparseable header is ignored, and past dates pass (proxies and retries send old ones).
 */
export const clockGuard = () =>
  createMiddleware<AppEnv>(async function clockGuard(c, next) {
    const sent = c.req.header("date");
    if (isWriteMethod(c.req.method) && clockAhead(sent, c.get("now"))) {
      const message = `The request's Date header (${sent}) is more than ${CLOCK_SKEW_MS / 60_000} minutes ahead of the server's clock (${new Date(c.get("now")).toUTCString()}); check the client's clock.`;
      throw new ApiError(422, "timestamp_in_future", message, [{ field: "header.date", message: "Ahead of the server's clock." }]);
    }
    await next();
  });
