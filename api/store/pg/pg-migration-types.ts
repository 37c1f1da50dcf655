/**
 * One schema change, applied once and recorded in `schema_migrations`: SQL run in its own transaction, or
 * indexes built without blocking writes (PgIndexBuild).
 */
export type PgMigration = { version: number; name: string } & (
  { sql: string } | { indexes: readonly PgIndexBuild[] }
);

/**
 * An index on a table the running instances write: built with CREATE INDEX CONCURRENTLY, which holds no
 * lock that stops their inserts and updates, but cannot run in a transaction. A build interrupted (error,
 * process killed) leaves an invalid index of that name: dropped, and built again, by the next run.
 */
export interface PgIndexBuild {
  /** The index's name (letters, digits and underscores). */
  name: string;
  /** Its table (letters, digits and underscores). */
  table: string;
  /** What follows ON table: `(columns) INCLUDE (…) WHERE …`. */
  definition: string;
}
