import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listComponents } from "../db/queries/components";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { ComponentSchema } from "../present/statuspage-schema";
import {
  createComponent,
  deleteComponent,
  reorderComponents,
  requireComponent,
  updateComponent,
  type ComponentInput as ServiceInput,
} from "../writes/components";
import { presentComponents, saidPublished, writeContext } from "./context";
import type { Committed } from "../writes/commit";
import { jsonBody, jsonResponse, noContent, security } from "./routes-helpers";
import { ComponentInput, ComponentOrder, ComponentPatch, IdParam } from "./schemas";

const tags = ["Admin: components"];
const One = z.object({ component: ComponentSchema });
const Many = z.object({ components: z.array(ComponentSchema) });

export function toService(input: z.output<typeof ComponentPatch> & { group?: boolean }): Partial<ServiceInput> {
  return {
    name: input.name,
    description: input.description,
    group: input.group,
    groupId: input.group_id,
    status: input.status,
    showcase: input.showcase,
    onlyShowIfDegraded: input.only_show_if_degraded,
    startDate: input.start_date,
  };
}

export function componentsApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  type C = Parameters<typeof writeContext>[0];
  const present = async (c: C) => presentComponents(c.get("page"), await listComponents(c.get("db"), c.get("page").id));
  const presentOne = async (c: C, id: string) => (await present(c)).find((p) => p.id === id)!;
  // After a write: the components as its own batch read them back from D1.
  const written = (c: C, committed: Committed) => {
    saidPublished(c, committed);
    return presentComponents(committed.data.page, committed.data.snapshot.components);
  };

  api.openapi(
    createRoute({
      method: "get",
      path: "/components",
      tags,
      security,
      summary: "Every component and group, from D1",
      responses: jsonResponse(200, Many, "Components"),
    }),
    async (c) => c.json({ components: await present(c) }, 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/components",
      tags,
      security,
      summary: "Create a component or a group",
      request: jsonBody(ComponentInput),
      responses: jsonResponse(201, One, "Created", 422),
    }),
    async (c) => {
      const committed = await createComponent(writeContext(c), toService(c.req.valid("json")) as ServiceInput);
      return c.json({ component: written(c, committed).find((p) => p.id === committed.componentId)! }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/components/order",
      tags,
      security,
      summary: "Set the order of the top level or of one group's components",
      request: jsonBody(ComponentOrder),
      responses: jsonResponse(200, Many, "Reordered", 422),
    }),
    async (c) => {
      const { group_id, ids } = c.req.valid("json");
      return c.json({ components: written(c, await reorderComponents(writeContext(c), group_id, ids)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/components/{id}",
      tags,
      security,
      summary: "One component",
      request: { params: IdParam },
      responses: jsonResponse(200, One, "The component", 404),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await requireComponent(writeContext(c), id);
      return c.json({ component: await presentOne(c, id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/components/{id}",
      tags,
      security,
      summary: "Change a component: name, description, status, group, display flags",
      request: { params: IdParam, ...jsonBody(ComponentPatch) },
      responses: jsonResponse(200, One, "Updated", 404, 422),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const committed = await updateComponent(writeContext(c), id, toService(c.req.valid("json")));
      return c.json({ component: written(c, committed).find((p) => p.id === id)! }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/components/{id}",
      tags,
      security,
      summary: "Delete a component (past incidents keep naming it) or an empty group",
      request: { params: IdParam },
      responses: noContent(404, 409),
    }),
    async (c) => {
      saidPublished(c, await deleteComponent(writeContext(c), c.req.valid("param").id));
      return c.body(null, 204);
    },
  );
  return api;
}
