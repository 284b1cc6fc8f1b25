import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { ZodError } from "zod";
import { ApiError } from "../http/api-error";
import { respondWithError, zodDetails } from "../http/errors";
import { ImportInput } from "../import/capture";
import { errorResponses } from "../openapi/common";
import { importCapture } from "../writes/import";
import { requestWriter, saidPublished } from "./context";
import { jsonBody, security } from "./routes-helpers";

const Counts = z.object({ components: z.number(), incidents: z.number(), maintenances: z.number(), updates: z.number() });

const ImportResult = z
  .object({
    dry_run: z.boolean(),
    page: z.object({ id: z.string(), name: z.string(), host: z.string().nullable(), created: z.boolean() }),
    created: Counts,
    updated: Counts,
    unchanged: Counts,
    skipped: z.array(z.object({ kind: z.string(), source_id: z.string(), reason: z.string() })),
  })
  .openapi("ImportResult");

const answer = (description: string) => ({ description, content: { "application/json": { schema: ImportResult } } });

// JSON that is not a capture the hosted API could have served: 422 with every offending field.
function captureHook(result: { success: boolean; error?: unknown; target: string }, c: Context<AppEnv>) {
  if (result.success) return;
  const details = zodDetails(result.error as ZodError, result.target);
  return respondWithError(c, new ApiError(422, "malformed_capture", "This is not a capture of a hosted status page's v2 JSON; see details.", details));
}

export function importApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: captureHook });
  api.openapi(
    createRoute({
      method: "post",
      path: "/import",
      tags: ["Admin: import"],
      security,
      summary: "Import a hosted status page from its public v2 JSON (summary.json, incidents.json, scheduled-maintenances.json)",
      description:
        "Creates the page on `host` (or updates the page already there) with its components and groups in their order, every incident and maintenance with its updates, affected components and postmortem, keeping the source's times. Everything is matched by source id: importing the same capture again changes nothing, and an event edited here since its import is left alone. One batch: all or nothing. Nobody is notified; the audit log records it. `dry_run` answers the same counts and writes nothing.",
      request: jsonBody(ImportInput),
      responses: {
        200: answer("Imported into an existing page, or a dry run"),
        201: answer("Imported into a new page"),
        ...errorResponses(400, 401, 409, 413, 422),
      },
    }),
    async (c) => {
      const result = await importCapture(requestWriter(c), c.req.valid("json"));
      if (!result.dryRun) saidPublished(c, result);
      const body = {
        dry_run: result.dryRun,
        page: { id: result.page.id, name: result.page.name, host: result.page.host, created: result.pageCreated },
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        skipped: result.skipped,
      };
      return c.json(body, result.pageCreated && !result.dryRun ? 201 : 200);
    },
    // JSON that is not a capture the hosted API could have served: 422 with every offending field.
  );
  return api;
}
