import { OpenAPIHono } from "@hono/zod-openapi";
import { jsonBodyLimit } from "../http/body-limit";
import type { AppEnv } from "../env";
import { adminAuth } from "../http/admin-auth";
import { clockGuard } from "../http/clock-guard";
import { validationHook } from "../http/errors";
import { idempotency } from "../http/idempotency";
import { adminWriteLimit } from "../http/rate-limit";
import { componentsApi } from "./components";
import { adminPage, presentResource } from "./context";
import { demoApi } from "./demo";
import { incidentsApi } from "./incidents";
import { maintenancesApi } from "./maintenances";
import { jobsApi } from "./jobs";
import { documentAdminMiddleware } from "./openapi-extras";
import { pagesApi } from "./pages";
import { templatesApi } from "./templates";
import { auditApi } from "./audit";
import { subscribersApi } from "./subscribers";
import { importApi } from "./import";

// Counted as read, with or without Content-Length (hono's bodyLimit streams a chunked body). An
// import carries a page's history: 50 incidents with their updates, or a part of a longer one.
const MAX_BODY_BYTES = 64 * 1024;
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export function adminApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use("*", adminAuth());
  api.use("*", clockGuard());
  api.use("*", adminWriteLimit());
  const importLimit = jsonBodyLimit(MAX_IMPORT_BYTES);
  const bodyLimit = jsonBodyLimit(MAX_BODY_BYTES);
  api.use("*", (c, next) => (c.req.path.endsWith("/admin/import") ? importLimit(c, next) : bodyLimit(c, next)));
  api.use("*", idempotency(presentResource));
  api.route("/", pagesApi());
  api.route("/", demoApi());
  api.route("/", importApi());
  api.route("/", jobsApi());
  for (const path of [
    "/components",
    "/components/*",
    "/incidents",
    "/incidents/*",
    "/maintenances",
    "/maintenances/*",
    "/templates",
    "/templates/*",
    "/audit",
    "/subscribers",
    "/subscribers/*",
    "/mail",
  ]) {
    api.use(path, adminPage());
  }
  api.route("/", componentsApi());
  api.route("/", incidentsApi());
  api.route("/", maintenancesApi());
  api.route("/", templatesApi());
  api.route("/", auditApi());
  api.route("/", subscribersApi());
  documentAdminMiddleware(api);
  return api;
}
