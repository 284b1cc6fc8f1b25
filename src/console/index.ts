import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { refuseUnsafeTokens } from "../http/admin-token";
import { consoleAuth } from "./auth";
import { consolePage } from "./context";
import { consoleErrors } from "./errors";
import { auditRoutes } from "./routes/audit";
import { componentRoutes } from "./routes/components";
import { dashboardRoutes } from "./routes/dashboard";
import { incidentRoutes } from "./routes/incidents";
import { maintenanceRoutes } from "./routes/maintenances";
import { newPageRoutes, settingsRoutes } from "./routes/settings";
import { entryRoutes, signInRoutes } from "./routes/sign-in";
import { templateRoutes } from "./routes/templates";
import { sameOrigin } from "./same-origin";

const MAX_FORM_BYTES = 64 * 1024;

/** The operator console at /admin: server-rendered forms over the same write path as the admin API. */
export function consoleApp() {
  const app = new Hono<AppEnv>();
  app.onError(consoleErrors);
  app.use("*", sameOrigin());
  // Before sign-in too: an unsafe token must not open a session either.
  app.use("*", async (c, next) => {
    refuseUnsafeTokens(c.env);
    await next();
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", `Forms are limited to ${MAX_FORM_BYTES / 1024} KB.`, [{ field: "body", message: "Too large." }]);
      },
    }),
  );
  app.route("/", signInRoutes());
  app.use("*", consoleAuth());
  app.route("/", entryRoutes());
  app.route("/", newPageRoutes());
  const page = new Hono<AppEnv>();
  page.onError(consoleErrors);
  page.use("*", consolePage());
  for (const routes of [dashboardRoutes, incidentRoutes, maintenanceRoutes, componentRoutes, templateRoutes, settingsRoutes, auditRoutes])
    page.route("/", routes());
  app.route("/:page{[a-z0-9]{12}}", page);
  return app;
}
