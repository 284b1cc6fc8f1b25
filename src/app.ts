import { OpenAPIHono } from "@hono/zod-openapi";
import { adminApi } from "./admin";
import { consoleApp } from "./console";
import { embedsApp } from "./embeds";
import type { AppEnv } from "./env";
import { badgeSvg } from "./embeds/badge-svg";
import { errorHandlers, validationHook } from "./http/errors";
import { requestContext } from "./http/request-context";
import { securityHeaders } from "./http/security-headers";
import { errorHtml } from "./site/build";
import { pagesApp } from "./site/routes";
import { subscriptionsApp } from "./site/subscriptions";
import { publicApi } from "./public-api/routes";

/** The whole application; the worker entry and the tests both use it. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", requestContext());
  app.use("*", securityHeaders());
  app.route("/api/v2", publicApi());
  app.route("/api/admin", adminApi());
  app.route("/admin", consoleApp());
  app.route("/", subscriptionsApp());
  app.route("/", embedsApp());
  app.route("/", pagesApp());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "The ADMIN_TOKEN secret",
  });
  app.doc31("/api/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Edge Status API",
      version: "1.0.0",
      description:
        "Public reads speak the Statuspage v2 JSON API (change a URL and existing tools keep working). Admin writes need `Authorization: Bearer <ADMIN_TOKEN>`. Every error answers `{ error: { code, message, details, requestId } }`.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));

  const { onError, onNotFound } = errorHandlers({
    page: (title, message, now) => errorHtml(title, message, null, now),
    unavailableBadge: () => badgeSvg({ label: "status", message: "unavailable", colour: "lightgrey", theme: "light" }),
  });
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
