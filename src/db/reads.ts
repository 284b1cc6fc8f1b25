import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../env";

export type Statement = BatchItem<"sqlite">;

/**
 * Queries and how to read their results, kept apart so that several loaders (and a write) can share
 * one `db.batch`: one round trip to the D1 primary, however many queries.
 */
export interface Reads<T> {
  statements: Statement[];
  parse: (results: unknown[]) => T;
}

// Each loader knows the row types of its own statements; drizzle's batch result type is a tuple of all of them.
export const reads = <T>(statements: Statement[], parse: (results: any) => T): Reads<T> => ({ statements, parse });

type Parsed<T> = { [K in keyof T]: T[K] extends Reads<infer R> ? R : never };

/** Several loaders as one: their statements in order, each parsing its own slice of the results. */
export function combine<T extends readonly Reads<unknown>[]>(...parts: T): Reads<Parsed<T>> {
  return {
    statements: parts.flatMap((p) => p.statements),
    parse: (results) => {
      let at = 0;
      return parts.map((p) => {
        const mine = results.slice(at, at + p.statements.length);
        at += p.statements.length;
        return p.parse(mine);
      }) as Parsed<T>;
    },
  };
}

/** Runs `writes` then the reads in one batch (one transaction): the reads see what the writes did. */
export async function run<T>(db: Db, r: Reads<T>, writes: readonly Statement[] = []): Promise<T> {
  const all = [...writes, ...r.statements];
  if (all.length === 0) return r.parse([]);
  const results = await db.batch(all as [Statement, ...Statement[]]);
  return r.parse(results.slice(writes.length));
}
