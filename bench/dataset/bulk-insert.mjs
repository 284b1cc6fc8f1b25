// Turns simulated rows into multi-row INSERTs built by drizzle from the app's schema, each under
// D1's 100 bound parameters, in foreign-key order.
const MAX_PARAMS = 100;
const ORDER = ["incidents", "incidentUpdates", "updateComponents", "incidentComponents", "componentStatusChanges"];

export function insertStatements(src, rows) {
  // Only .toSQL() is used: the client is never called.
  const db = src.drizzle({}, { schema: src.schema });
  const statements = [];
  for (const name of ORDER) {
    const table = src.schema[name];
    const list = rows[name];
    if (list.length === 0) continue;
    // Every column can become a parameter: size the chunks for the widest row.
    const columns = (
      db
        .insert(table)
        .values(list[0])
        .toSQL()
        .sql.match(/\(([^)]*)\) values/)?.[1] ?? ""
    ).split(",").length;
    const perInsert = Math.max(1, Math.floor(MAX_PARAMS / columns));
    for (let i = 0; i < list.length; i += perInsert) {
      const { sql, params } = db
        .insert(table)
        .values(list.slice(i, i + perInsert))
        .toSQL();
      if (params.length > MAX_PARAMS) throw new Error(`${name}: ${params.length} parameters in one statement`);
      statements.push({ sql, params });
    }
  }
  return statements;
}
