// SQL sent to the shared local D1 through the probe worker's /__bench/sql (one D1 batch per call).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// One db.batch is one transaction; keep each well under the runtime's per-invocation limits.
const STATEMENTS_PER_BATCH = 400;

export async function runStatements(probe, statements) {
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const res = await probe.fetch("http://bench.local/__bench/sql", {
      method: "POST",
      body: JSON.stringify({ statements: statements.slice(i, i + STATEMENTS_PER_BATCH) }),
    });
    if (!res.ok) throw new Error(`SQL batch failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
}

/**
 * Applies migrations/ as `wrangler d1 migrations apply` does: files in name order, each split with
 * wrangler's own splitter, run as one batch, and recorded in d1_migrations.
 */
export async function applyMigrations(probe, { migrationsDir, splitSql }) {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  await runStatements(probe, [
    {
      sql: "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
      params: [],
    },
  ]);
  for (const file of files) {
    const queries = splitSql(readFileSync(path.join(migrationsDir, file), "utf8"));
    const statements = [...queries, "INSERT INTO d1_migrations (name) VALUES (?)"].map((sql, i) => ({ sql, params: i === queries.length ? [file] : [] }));
    // A migration is all or nothing, like wrangler's: never split one across batches.
    if (statements.length > STATEMENTS_PER_BATCH) throw new Error(`${file} has too many statements for one batch`);
    await runStatements(probe, statements);
  }
  return files;
}
