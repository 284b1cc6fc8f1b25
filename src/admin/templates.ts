import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listTemplates } from "../db/queries/templates";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { createTemplate, deleteTemplate, requireTemplate, updateTemplate } from "../writes/templates";
import { presentTemplate, writeContext } from "./context";
import { jsonBody, jsonResponse, noContent, security } from "./routes-helpers";
import { IdParam, TemplateInput, TemplatePatch } from "./schemas";

const tags = ["Admin: templates"];

export const TemplateSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["incident", "maintenance"]),
    name: z.string(),
    status: z.string(),
    body: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Template");

const One = z.object({ template: TemplateSchema });

/** Saved update texts per page, as the console offers them when posting an update. */
export function templatesApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  type C = Parameters<typeof writeContext>[0];
  const one = async (c: C, id: string) => ({ template: presentTemplate(await requireTemplate({ db: c.get("db"), page: c.get("page") }, id)) });

  api.openapi(
    createRoute({
      method: "get",
      path: "/templates",
      tags,
      security,
      summary: "The page's templates",
      responses: jsonResponse(200, z.object({ templates: z.array(TemplateSchema) }), "Templates"),
    }),
    async (c) => c.json({ templates: (await listTemplates(c.get("db"), c.get("page").id)).map(presentTemplate) }, 200),
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/templates",
      tags,
      security,
      summary: "Save a template",
      request: jsonBody(TemplateInput),
      responses: jsonResponse(201, One, "Created", 409, 422),
    }),
    async (c) => c.json(await one(c, await createTemplate(writeContext(c), c.req.valid("json"))), 201),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/templates/{id}",
      tags,
      security,
      summary: "One template",
      request: { params: IdParam },
      responses: jsonResponse(200, One, "The template", 404),
    }),
    async (c) => c.json(await one(c, c.req.valid("param").id), 200),
  );
  api.openapi(
    createRoute({
      method: "patch",
      path: "/templates/{id}",
      tags,
      security,
      summary: "Change a template's name, status or text",
      request: { params: IdParam, ...jsonBody(TemplatePatch) },
      responses: jsonResponse(200, One, "Changed", 404, 409, 422),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await updateTemplate(writeContext(c), id, c.req.valid("json"));
      return c.json(await one(c, id), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/templates/{id}",
      tags,
      security,
      summary: "Delete a template",
      request: { params: IdParam },
      responses: noContent(404),
    }),
    async (c) => {
      await deleteTemplate(writeContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  return api;
}
