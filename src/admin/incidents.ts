import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { loadSnapshot } from "../db/queries/snapshot";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { Presenter } from "../present/statuspage";
import { IncidentSchema, type PublicIncident } from "../present/statuspage-schema";
import type { EventCommitted } from "../writes/events";
import { createIncident, deleteIncident, editUpdateBody, patchIncident, postIncidentUpdate, setPostmortem } from "../writes/incidents";
import { incidentUpdateOf, newIncidentOf } from "./inputs";
import { presentEvent, presentEventFromDb, saidPublished, writeContext } from "./context";
import { jsonBody, jsonResponse, noContent, security } from "./routes-helpers";
import { IdParam, IncidentInput, IncidentPatch, IncidentUpdateInput, PostmortemInput, UpdateBodyInput, UpdateIdParam } from "./schemas";

const tags = ["Admin: incidents"];
const One = z.object({ incident: IncidentSchema });
const answer = (incident: unknown) => ({ incident: incident as PublicIncident });
function written(c: Parameters<typeof saidPublished>[0], committed: EventCommitted) {
  saidPublished(c, committed);
  return answer(presentEvent(committed.data, committed.eventId));
}

export function incidentsApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  api.openapi(
    createRoute({
      method: "get",
      path: "/incidents",
      tags,
      security,
      summary: "Unresolved incidents and the 50 most recent, newest first, from D1",
      responses: jsonResponse(200, z.object({ incidents: z.array(IncidentSchema) }), "Incidents"),
    }),
    async (c) => {
      const snapshot = await loadSnapshot(c.get("db"), c.get("page").id);
      const p = new Presenter(snapshot!);
      return c.json({ incidents: p.events("incident").map((r) => p.incident(r)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/incidents/{id}",
      tags,
      security,
      summary: "One incident",
      request: { params: IdParam },
      responses: jsonResponse(200, One, "The incident", 404),
    }),
    async (c) => {
      return c.json(answer(await presentEventFromDb(c, "incident", c.req.valid("param").id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/incidents",
      tags,
      security,
      summary: "Open an incident with its first update, affected components and their statuses",
      request: jsonBody(IncidentInput),
      responses: jsonResponse(201, One, "Created", 409, 422),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const incident = await createIncident(writeContext(c), newIncidentOf(input));
      return c.json(written(c, incident), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/incidents/{id}/updates",
      tags,
      security,
      summary: "Post an update: a status change, a message, component statuses",
      request: { params: IdParam, ...jsonBody(IncidentUpdateInput) },
      responses: jsonResponse(201, One, "Posted", 404, 409, 422),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const incident = await postIncidentUpdate(writeContext(c), c.req.valid("param").id, incidentUpdateOf(input));
      return c.json(written(c, incident), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/incidents/{id}/updates/{updateId}",
      tags,
      security,
      summary: "Correct the text of an update",
      request: { params: UpdateIdParam, ...jsonBody(UpdateBodyInput) },
      responses: jsonResponse(200, One, "Edited", 404),
    }),
    async (c) => {
      const { id, updateId } = c.req.valid("param");
      return c.json(written(c, await editUpdateBody(writeContext(c), id, updateId, c.req.valid("json").body)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/incidents/{id}/postmortem",
      tags,
      security,
      summary: "Publish or replace the postmortem of a resolved incident",
      request: { params: IdParam, ...jsonBody(PostmortemInput) },
      responses: jsonResponse(200, One, "Published", 404, 409, 422),
    }),
    async (c) => {
      const { body, published_at } = c.req.valid("json");
      return c.json(written(c, await setPostmortem(writeContext(c), c.req.valid("param").id, body, published_at)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/incidents/{id}",
      tags,
      security,
      summary: "Rename, override the impact (null restores the computed one), or move started_at",
      request: { params: IdParam, ...jsonBody(IncidentPatch) },
      responses: jsonResponse(200, One, "Updated", 404, 422),
    }),
    async (c) => {
      const { name, impact, started_at } = c.req.valid("json");
      return c.json(written(c, await patchIncident(writeContext(c), c.req.valid("param").id, { name, impact, startedAt: started_at })), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/incidents/{id}",
      tags,
      security,
      summary: "Delete an incident and its updates",
      request: { params: IdParam },
      responses: noContent(404),
    }),
    async (c) => {
      saidPublished(c, await deleteIncident(writeContext(c), c.req.valid("param").id));
      return c.body(null, 204);
    },
  );
  return api;
}
