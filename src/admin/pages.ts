import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listPages } from "../db/queries/pages";
import type { AppEnv } from "../env";
import { LOCALES } from "../i18n/locales";
import { validationHook } from "../http/errors";
import { createPage, patchPage, type PageInput as ServicePageInput } from "../writes/pages";
import { adminPage, presentAdminPage, requestWriter, saidPublished, writeContext } from "./context";
import { jsonBody, jsonResponse, security } from "./routes-helpers";
import { PageInput, PagePatch } from "./schemas";

const AdminPage = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    host: z.string().nullable(),
    time_zone: z.string(),
    default: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
    locale: z.enum(LOCALES),
    locales: z.array(z.enum(LOCALES)),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("AdminPage");

const tags = ["Admin: pages"];

export function toService(input: Partial<z.output<typeof PageInput>>): Partial<ServicePageInput> {
  const languages = { ...(input.locale ? { locale: input.locale } : {}), ...(input.locales ? { locales: input.locales } : {}) };
  const settings = input.settings || Object.keys(languages).length > 0 ? { ...input.settings, ...languages } : undefined;
  return { name: input.name, url: input.url, host: input.host, timeZone: input.time_zone, isDefault: input.default, settings };
}

export function pagesApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  api.openapi(
    createRoute({
      method: "get",
      path: "/pages",
      tags,
      security,
      summary: "Every page this deployment serves",
      responses: jsonResponse(200, z.object({ pages: z.array(AdminPage) }), "Pages"),
    }),
    async (c) => c.json({ pages: (await listPages(c.get("db"))).map(presentAdminPage) }, 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/pages",
      tags,
      security,
      summary: "Create a page (served on its host; the first page is the default for every other host)",
      request: jsonBody(PageInput),
      responses: jsonResponse(201, z.object({ page: AdminPage }), "Created", 409),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const committed = await createPage(requestWriter(c), toService(input) as ServicePageInput);
      saidPublished(c, committed);
      return c.json({ page: presentAdminPage(committed.page) }, 201);
    },
  );

  api.use("/page", adminPage());
  api.openapi(
    createRoute({
      method: "get",
      path: "/page",
      tags,
      security,
      summary: "The page this host serves",
      responses: jsonResponse(200, z.object({ page: AdminPage }), "The page", 409),
    }),
    (c) => c.json({ page: presentAdminPage(c.get("page")) }, 200),
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/page",
      tags,
      security,
      summary: "Change the page's name, URL, host, time zone or settings",
      request: jsonBody(PagePatch),
      responses: jsonResponse(200, z.object({ page: AdminPage }), "Updated", 409),
    }),
    async (c) => {
      const input = c.req.valid("json");
      const committed = await patchPage(writeContext(c), toService(input));
      saidPublished(c, committed);
      return c.json({ page: presentAdminPage(committed.page) }, 200);
    },
  );
  return api;
}
