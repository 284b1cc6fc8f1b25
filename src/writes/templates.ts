import { deleteTemplateStatement, getTemplate, insertTemplateStatement, updateTemplateStatement } from "../db/queries/templates";
import type { TemplateRow } from "../db/schema";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../domain/statuses";
import { invalid, isUniqueViolation, notFound, Refusal } from "../lib/errors";
import { newId } from "../lib/ids";
import { commitInternal } from "./commit";
import type { WriteContext } from "./context";

export interface TemplateInput {
  kind: "incident" | "maintenance";
  name: string;
  status: string;
  body: string;
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, "templates.")) {
    throw new Refusal("conflict", "template_name_taken", "A template of this kind already has this name.", [
      { field: "body.name", message: "Already in use." },
    ]);
  }
  throw error;
}

function requireStatusOfKind(kind: TemplateInput["kind"], status: string): void {
  const statuses: readonly string[] = kind === "incident" ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;
  if (!statuses.includes(status)) {
    throw invalid("invalid_status", `A ${kind} template's status is one of: ${statuses.join(", ")}.`, [
      { field: "body.status", message: "Not a status of this kind of event." },
    ]);
  }
}

export async function requireTemplate(ctx: Pick<WriteContext, "db" | "page">, id: string): Promise<TemplateRow> {
  const row = await getTemplate(ctx.db, ctx.page.id, id);
  if (!row) throw notFound("Template");
  return row;
}

export async function createTemplate(ctx: WriteContext, input: TemplateInput): Promise<string> {
  requireStatusOfKind(input.kind, input.status);
  const id = newId();
  const row = { id, pageId: ctx.page.id, ...input, createdAt: ctx.now, updatedAt: ctx.now };
  await commitInternal(ctx, {
    change: "template.created",
    statements: [insertTemplateStatement(ctx.db, row)],
    resource: `template:${id}`,
    status: 201,
    audit: { after: { name: input.name, status: input.status } },
  }).catch(nameTaken);
  return id;
}

export async function updateTemplate(ctx: WriteContext, id: string, input: Partial<Omit<TemplateInput, "kind">>): Promise<void> {
  const current = await requireTemplate(ctx, id);
  const next = { name: input.name ?? current.name, status: input.status ?? current.status, body: input.body ?? current.body };
  requireStatusOfKind(current.kind, next.status);
  await commitInternal(ctx, {
    change: "template.updated",
    statements: [updateTemplateStatement(ctx.db, id, { ...next, updatedAt: ctx.now })],
    resource: `template:${id}`,
    status: 200,
    audit: { before: { name: current.name, status: current.status }, after: { name: next.name, status: next.status } },
  }).catch(nameTaken);
}

export async function deleteTemplate(ctx: WriteContext, id: string): Promise<void> {
  const current = await requireTemplate(ctx, id);
  await commitInternal(ctx, {
    change: "template.deleted",
    statements: [deleteTemplateStatement(ctx.db, id)],
    resource: null,
    status: 204,
    audit: { target: `template:${id}`, before: { name: current.name } },
  });
}
