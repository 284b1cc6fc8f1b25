import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listAudit } from "../db/queries/audit";
import type { AuditRow } from "../db/schema";
import type { AppEnv } from "../env";
import { validationHook } from "../http/errors";
import { jsonResponse, security } from "./routes-helpers";
import { IdSchema } from "./schemas";

/** "<at>-<id>" of the last entry shown: the next page starts after it, so entries of one millisecond are neither skipped nor repeated. */
export const AUDIT_CURSOR = /^(\d{1,15})-([a-z0-9]{12})$/;
export const auditCursor = (row: AuditRow) => `${row.at}-${row.id}`;
export function parseAuditCursor(cursor: string | undefined) {
  const m = AUDIT_CURSOR.exec(cursor ?? "");
  return m ? { at: Number(m[1]), id: m[2]! } : undefined;
}

const Entry = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: "date-time" }),
    actor: z.string().openapi({ description: "An Access email, `console: <name> (admin token)`, `api (admin token)`, `job:<name>`, `demo`" }),
    action: z.string().openapi({ example: "incident.updated" }),
    target: z.string().nullable().openapi({ example: "incident:x7k2m9q4p1az" }),
    event_id: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("AuditEntry");

const Query = z.object({
  event: IdSchema.optional().openapi({ param: { name: "event", in: "query" }, description: "Only the entries about this incident or maintenance" }),
  after: z
    .string()
    .regex(AUDIT_CURSOR, "A cursor from `next`.")
    .optional()
    .openapi({ param: { name: "after", in: "query" } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
});

const present = (r: AuditRow) => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  action: r.action,
  target: r.target,
  event_id: r.eventId,
  before: r.before,
  after: r.after,
});

export function auditApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags: ["Admin: audit log"],
      security,
      summary: "Every write to the page, newest first: who, what, when, a short before and after",
      request: { query: Query },
      responses: jsonResponse(200, z.object({ entries: z.array(Entry), next: z.string().nullable() }), "Audit entries"),
    }),
    async (c) => {
      const { event, after, limit } = c.req.valid("query");
      const rows = await listAudit(c.get("db"), c.get("page").id, { eventId: event, after: parseAuditCursor(after), limit });
      const last = rows[rows.length - 1];
      return c.json({ entries: rows.map(present), next: rows.length === limit && last ? auditCursor(last) : null }, 200);
    },
  );
  return api;
}
