import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { loadDemo } from "../demo/load";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { validationHook } from "../http/errors";
import { jsonResponse, security } from "./routes-helpers";

const DemoResult = z
  .object({
    page_id: z.string(),
    created: z.object({ pages: z.number(), components: z.number(), incidents: z.number(), updates: z.number(), templates: z.number() }),
  })
  .openapi("DemoResult");

/**
 * Debug routes exist only where DEV_ROUTES is "1": `.dev.vars` (local `wrangler dev`) and the tests.
 * It is never a [vars] entry of wrangler.toml, so a deployed worker answers exactly as for an unknown path.
 */
export const devRoutesOnly = () =>
  createMiddleware<AppEnv>(async function devRoutesOnly(c, next) {
    if (c.env.DEV_ROUTES !== "1")
      throw new ApiError(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`, [{ field: "path", message: "Unknown path." }]);
    await next();
  });

export function demoApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use("/demo", devRoutesOnly());
  api.openapi(
    createRoute({
      method: "post",
      path: "/demo",
      tags: ["Admin: demo"],
      security,
      summary: "Load the Blip demo page (idempotent: writes only what is missing)",
      description: 'Local development only: served when the DEV_ROUTES variable is "1" (`.dev.vars`); a deployed worker answers 404.',
      responses: jsonResponse(200, DemoResult, "Loaded", 404),
    }),
    async (c) => {
      const { page, created } = await loadDemo(c.get("db"), c.env.CACHE, c.get("now"));
      return c.json({ page_id: page.id, created }, 200);
    },
  );
  return api;
}
