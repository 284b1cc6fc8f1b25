import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { ApiError } from "../http/api-error";
import { ID_PATTERN } from "../lib/ids";
import type { BodyName } from "./bodies";
import { errorResponses } from "../openapi/common";
import { ComponentSchema, IncidentSchema, MaintenanceSchema, PageSchema, StatusSchema, SummarySchema } from "../present/statuspage-schema";
import { registerHeartbeat } from "./heartbeat";
import { registerSubscribe } from "./subscribe";
import { serveEventBody, servePageBody } from "./serve";
import { StatsSchema } from "./stats";

const pageAnd = (shape: Record<string, z.ZodType>) => z.object({ page: PageSchema, ...shape });

const ENDPOINTS: { path: string; name: BodyName | "stats"; summary: string; schema: z.ZodType }[] = [
  {
    path: "/summary.json",
    name: "summary",
    summary: "Page, all components, unresolved incidents, upcoming and active maintenances, overall status",
    schema: SummarySchema,
  },
  { path: "/status.json", name: "status", summary: "The overall status indicator and its description", schema: pageAnd({ status: StatusSchema }) },
  {
    path: "/components.json",
    name: "components",
    summary: "Every component and group, in display order",
    schema: pageAnd({ components: z.array(ComponentSchema) }),
  },
  {
    path: "/incidents.json",
    name: "incidents",
    summary: "The 50 most recent incidents, any status, newest first",
    schema: pageAnd({ incidents: z.array(IncidentSchema) }),
  },
  {
    path: "/incidents/unresolved.json",
    name: "incidents-unresolved",
    summary: "Incidents still investigating, identified or monitoring",
    schema: pageAnd({ incidents: z.array(IncidentSchema) }),
  },
  {
    path: "/scheduled-maintenances.json",
    name: "scheduled-maintenances",
    summary: "The 50 most recent scheduled maintenances, completed ones included",
    schema: pageAnd({ scheduled_maintenances: z.array(MaintenanceSchema) }),
  },
  {
    path: "/scheduled-maintenances/upcoming.json",
    name: "scheduled-maintenances-upcoming",
    summary: "Maintenances that have not started",
    schema: pageAnd({ scheduled_maintenances: z.array(MaintenanceSchema) }),
  },
  {
    path: "/scheduled-maintenances/active.json",
    name: "scheduled-maintenances-active",
    summary: "Maintenances in progress or verifying",
    schema: pageAnd({ scheduled_maintenances: z.array(MaintenanceSchema) }),
  },
  {
    path: "/stats.json",
    name: "stats",
    summary: "Extension (not in Statuspage v2): incident counts and mean time to resolve over the last 30 and 90 days, for the page and per component",
    schema: StatsSchema,
  },
];

const cachedResponse = (schema: z.ZodType, description: string) => ({
  200: {
    description: `${description}. While the database fails, the last known good copy is served instead, with \`"stale": true\` and \`"stale_as_of"\` (ISO-8601) added first in the object and an Edge-Status-Stale header.`,
    headers: z.object({
      ETag: z.string(),
      "Cache-Control": z.string(),
      "Edge-Status-Stale": z
        .string()
        .optional()
        .openapi({ description: "Present only on a last known good copy served while the database fails: when that copy was built (ISO-8601)" }),
    }),
    content: { "application/json": { schema } },
  },
  304: { description: "Not modified: the If-None-Match ETag is current" },
  ...errorResponses(404, 503),
});

export function publicApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Read-only and credential-free, but for subscribing an email address (a widget may offer it).
  api.use(
    "*",
    cors({ origin: "*", allowMethods: ["GET", "HEAD", "POST", "OPTIONS"], exposeHeaders: ["ETag", "Cache-Status", "Edge-Status-Stale"], maxAge: 86400 }),
  );

  for (const endpoint of ENDPOINTS) {
    const route = createRoute({
      method: "get",
      path: endpoint.path,
      tags: ["Public status API"],
      summary: endpoint.summary,
      responses: cachedResponse(endpoint.schema, endpoint.summary),
    });
    api.openapi(route, (c) => servePageBody(c, endpoint.name) as never);
  }

  const byId = (kind: "incident" | "maintenance", segment: string, schema: z.ZodType) => {
    // Hono cannot split ":id.json", so the route matches the file name and the document names the id.
    api.openAPIRegistry.registerPath({
      method: "get",
      path: `/${segment}/{id}.json`,
      tags: ["Public status API"],
      summary: kind === "incident" ? "One incident with all its updates" : "One scheduled maintenance with all its updates",
      request: { params: z.object({ id: z.string().regex(ID_PATTERN) }) },
      responses: cachedResponse(schema, "Found"),
    });
    api.get(`/${segment}/:file{[a-z0-9]+\\.json}`, (c) => {
      const id = c.req.param("file").slice(0, -".json".length);
      if (!ID_PATTERN.test(id))
        throw new ApiError(404, "not_found", `No such ${kind}.`, [{ field: "path.id", message: "Ids are 12 lowercase letters or digits." }]);
      return serveEventBody(c, id, kind);
    });
  };
  byId("incident", "incidents", pageAnd({ incident: IncidentSchema }));
  byId("maintenance", "scheduled-maintenances", pageAnd({ scheduled_maintenance: MaintenanceSchema }));
  registerHeartbeat(api);
  registerSubscribe(api);
  return api;
}
