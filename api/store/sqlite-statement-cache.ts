import type Database from "better-sqlite3";

/**
 * Prepares each distinct SQL text once. The inbox builds its SQL from a fixed set of clauses, so the texts
 * are few; the cap only guards against an unforeseen variety.
 */
export function createStatementCache(db: Database.Database, max = 256) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= max) cache.clear();
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
