import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { loadSnapshot } from "../db/queries/snapshot";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { Presenter } from "../present/statuspage";
import { MaintenanceSchema } from "../present/statuspage-schema";
import type { EventCommitted } from "../writes/events";
import { cancelMaintenance, createMaintenance, patchMaintenance, postMaintenanceUpdate } from "../writes/maintenances";
import { maintenancePatchOf, maintenanceUpdateOf, newMaintenanceOf } from "./inputs";
import { presentEvent, presentEventFromDb, saidPublished, writeContext } from "./context";
import { jsonBody, jsonResponse, security } from "./routes-helpers";
import { CancelInput, IdParam, MaintenanceInput, MaintenancePatch, MaintenanceUpdateInput } from "./schemas";

const tags = ["Admin: scheduled maintenances"];
const AdminMaintenance = MaintenanceSchema.extend({ auto_start: z.boolean(), auto_complete: z.boolean(), cancelled: z.boolean() }).openapi(
  "AdminScheduledMaintenance",
);
const One = z.object({ scheduled_maintenance: AdminMaintenance });
const answer = (m: unknown) => ({ scheduled_maintenance: m as z.infer<typeof AdminMaintenance> });
function written(c: Parameters<typeof saidPublished>[0], committed: EventCommitted) {
  saidPublished(c, committed);
  return answer(presentEvent(committed.data, committed.eventId));
}

export function maintenancesApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  api.openapi(
    createRoute({
      method: "get",
      path: "/maintenances",
      tags,
      security,
      summary: "Upcoming and active maintenances and the 50 most recent, from D1",
      responses: jsonResponse(200, z.object({ scheduled_maintenances: z.array(MaintenanceSchema) }), "Maintenances"),
    }),
    async (c) => {
      const p = new Presenter((await loadSnapshot(c.get("db"), c.get("page").id))!);
      return c.json({ scheduled_maintenances: p.events("maintenance").map((r) => p.maintenance(r)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/maintenances/{id}",
      tags,
      security,
      summary: "One maintenance",
      request: { params: IdParam },
      responses: jsonResponse(200, One, "The maintenance", 404),
    }),
    async (c) => {
      return c.json(answer(await presentEventFromDb(c, "maintenance", c.req.valid("param").id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/maintenances",
      tags,
      security,
      summary: "Schedule a maintenance window for some components",
      request: jsonBody(MaintenanceInput),
      responses: jsonResponse(201, One, "Scheduled", 422),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const m = await createMaintenance(writeContext(c), newMaintenanceOf(input));
      return c.json(written(c, m), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/maintenances/{id}",
      tags,
      security,
      summary: "Change the plan: name, window, components (before it starts), automation",
      request: { params: IdParam, ...jsonBody(MaintenancePatch) },
      responses: jsonResponse(200, One, "Updated", 404, 409, 422),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const m = await patchMaintenance(writeContext(c), c.req.valid("param").id, maintenancePatchOf(input));
      return c.json(written(c, m), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/maintenances/{id}/updates",
      tags,
      security,
      summary: "Post an update: start (in_progress), verifying, completed, or a message",
      request: { params: IdParam, ...jsonBody(MaintenanceUpdateInput) },
      responses: jsonResponse(201, One, "Posted", 404, 409, 422),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const m = await postMaintenanceUpdate(writeContext(c), c.req.valid("param").id, maintenanceUpdateOf(input));
      return c.json(written(c, m), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/maintenances/{id}/cancel",
      tags,
      security,
      summary: "Cancel a maintenance that has not started",
      request: { params: IdParam, ...jsonBody(CancelInput, false) },
      responses: jsonResponse(200, One, "Cancelled", 404, 409),
    }),
    async (c) => c.json(written(c, await cancelMaintenance(writeContext(c), c.req.valid("param").id, c.req.valid("json").body)), 200),
  );
  return api;
}
