import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { newId } from "../lib/ids";

/** One clock reading, one request id and one database handle per request. */
export const requestContext = () =>
  createMiddleware<AppEnv>(async function requestContext(c, next) {
    c.set("now", Date.now());
    c.set("requestId", c.req.header("cf-ray") ?? newId());
    c.set("db", createDb(c.env.DB));
    await next();
  });
