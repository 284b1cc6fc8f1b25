import { Hono } from "hono";
import { jsonBodyLimit } from "../http/body-limit";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { refuseUnsafeTokens } from "../http/admin-token";
import { accessHalfConfigured } from "./access";
import { consoleAuth } from "./auth";
import { consolePage } from "./context";
import { consoleErrors } from "./errors";
import { auditRoutes } from "./routes/audit";
import { componentRoutes } from "./routes/components";
import { dashboardRoutes } from "./routes/dashboard";
import { incidentEditRoutes } from "./routes/incident-edits";
import { incidentRoutes } from "./routes/incidents";
import { mailRoutes } from "./routes/mail";
import { maintenanceRoutes } from "./routes/maintenances";
import { newPageRoutes, settingsRoutes } from "./routes/settings";
import { entryRoutes, signInRoutes } from "./routes/sign-in";
import { subscriberFormRoutes } from "./routes/subscriber-forms";
import { subscriberRoutes } from "./routes/subscribers";
import { templateRoutes } from "./routes/templates";
import { sameOrigin } from "./same-origin";

const MAX_FORM_BYTES = 64 * 1024;

/** The operator console at /admin: server-rendered forms over the same write path as the admin API. */
export function consoleApp() {
  const app = new Hono<AppEnv>();
  app.onError(consoleErrors);
  app.use("*", sameOrigin());
  // Before sign-in too: an unsafe token, or half an Access setup, must not open a session either.
  app.use("*", async (c, next) => {
    refuseUnsafeTokens(c.env);
    if (accessHalfConfigured(c.env)) {
      const message = "The console is disabled: set both ACCESS_TEAM_DOMAIN and ACCESS_AUD for Cloudflare Access, or neither for token sign-in.";
      console.error(message);
      throw new ApiError(503, "access_misconfigured", message, [{ field: "env.ACCESS_AUD", message: "Only one of the two is set." }]);
    }
    await next();
  });
  app.use("*", jsonBodyLimit(MAX_FORM_BYTES, "Forms"));
  app.route("/", signInRoutes());
  app.use("*", consoleAuth());
  app.route("/", entryRoutes());
  app.route("/", newPageRoutes());
  const page = new Hono<AppEnv>();
  page.onError(consoleErrors);
  page.use("*", consolePage());
  const sections = [dashboardRoutes, incidentRoutes, incidentEditRoutes, maintenanceRoutes, componentRoutes, templateRoutes, settingsRoutes, auditRoutes];
  // The add forms before the subscriber routes: "/subscribers/new/…" is not a subscriber id.
  for (const routes of [...sections, subscriberFormRoutes, subscriberRoutes, mailRoutes]) page.route("/", routes());
  app.route("/:page{[a-z0-9]{12}}", page);
  return app;
}
