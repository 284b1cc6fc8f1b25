import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../env";
import { type Reads, reads } from "../reads";
import { type TemplateRow, templates } from "../schema";

export type NewTemplate = typeof templates.$inferInsert;

/** A page's templates of one kind (or all), by name. */
export function listTemplates(db: Db, pageId: string, kind?: "incident" | "maintenance") {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.pageId, pageId), kind ? eq(templates.kind, kind) : undefined))
    .orderBy(asc(templates.kind), asc(templates.name))
    .all();
}

/** listTemplates for a shared batch. */
export function templatesReads(db: Db, pageId: string, kind: "incident" | "maintenance"): Reads<TemplateRow[]> {
  const query = db
    .select()
    .from(templates)
    .where(and(eq(templates.pageId, pageId), eq(templates.kind, kind)))
    .orderBy(asc(templates.name));
  return reads([query], ([rows]: [TemplateRow[]]) => rows);
}

export function getTemplate(db: Db, pageId: string, id: string) {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.pageId, pageId), eq(templates.id, id)))
    .get();
}

export const insertTemplateStatement = (db: Db, row: NewTemplate) => db.insert(templates).values(row);
export const updateTemplateStatement = (db: Db, id: string, changes: Partial<NewTemplate>) => db.update(templates).set(changes).where(eq(templates.id, id));
export const deleteTemplateStatement = (db: Db, id: string) => db.delete(templates).where(eq(templates.id, id));
