import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { loadDemo } from "../demo/load";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { jsonResponse, security } from "./routes-helpers";

const DemoResult = z
  .object({
    page_id: z.string(),
    created: z.object({ pages: z.number(), components: z.number(), incidents: z.number(), updates: z.number() }),
  })
  .openapi("DemoResult");

export function demoApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openapi(
    createRoute({
      method: "post",
      path: "/demo",
      tags: ["Admin: demo"],
      security,
      summary: "Load the Blip demo page (idempotent: writes only what is missing)",
      responses: jsonResponse(200, DemoResult, "Loaded"),
    }),
    async (c) => {
      const { page, created } = await loadDemo(c.get("db"), c.env.CACHE, c.get("now"));
      return c.json({ page_id: page.id, created }, 200);
    },
  );
  return api;
}
