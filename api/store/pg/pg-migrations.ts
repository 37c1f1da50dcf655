import type pg from "pg";
import {
  ADVISORY_LOCK_NAMESPACE,
  ADVISORY_LOCKS,
} from "./pg-advisory-locks.ts";
import { REQUESTS_SQL } from "./pg-migration-1.ts";
import { SUPPORT_ACCOUNTS_SQL } from "./pg-migration-2.ts";
import { SUPPORT_INBOX_SQL } from "./pg-migration-3.ts";
import { TIPS_SQL } from "./pg-migration-4.ts";
import { SHARED_LIMITS_SQL } from "./pg-migration-5.ts";
import { CONVERSATION_SQL } from "./pg-migration-6.ts";
import { INDICATORS_SQL } from "./pg-migration-7.ts";
import {
  SEARCH_LEXEMES_BACKFILL_SQL,
  SEARCH_LEXEMES_SQL,
} from "./pg-migration-8.ts";
import { DEPARTMENT_SEARCH_INDEXES } from "./pg-migration-10.ts";
import type { PgIndexBuild, PgMigration } from "./pg-migration-types.ts";
import { withConnection } from "./pg-transaction.ts";

export type { PgIndexBuild, PgMigration } from "./pg-migration-types.ts";

/** Schema changes, applied in order. Never edit a shipped one: add the next. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: "requests and idempotency keys", sql: REQUESTS_SQL },
  {
    version: 2,
    name: "console accounts, sessions, request timeline",
    sql: SUPPORT_ACCOUNTS_SQL,
  },
  {
    version: 3,
    name: "console inbox: search, indexes, counts",
    sql: SUPPORT_INBOX_SQL,
  },
  { version: 4, name: "tips and anchor reports", sql: TIPS_SQL },
  {
    version: 5,
    name: "shared rate limits and login failures",
    sql: SHARED_LIMITS_SQL,
  },
  {
    version: 6,
    name: "conversation: messages, mail outbox, ratings, templates",
    sql: CONVERSATION_SQL,
  },
  { version: 7, name: "indicators", sql: INDICATORS_SQL },
  { version: 8, name: "search words", sql: SEARCH_LEXEMES_SQL },
  {
    version: 9,
    name: "search words of earlier requests",
    sql: SEARCH_LEXEMES_BACKFILL_SQL,
  },
  {
    version: 10,
    name: "a référent's search read from an index",
    indexes: DEPARTMENT_SEARCH_INDEXES,
  },
];

export interface PgMigrateOptions {
  /** For tests; default PG_MIGRATIONS. */
  migrations?: readonly PgMigration[];
  /**
   * How long a migration waits for a table lock held by the running instances' queries before it gives up
   * and tries again (default 5000 ms): while it waits, every query behind it on that table waits too.
   */
  lockTimeoutMs?: number;
  /** Tries per migration when its locks were not granted in time (default 5). */
  attempts?: number;
}

const SQLSTATE_LOCK_NOT_AVAILABLE = "55P03";

/**
 * Brings the database to the latest schema at start-up; returns the versions it applied. Instances that
 * start at once queue on one advisory lock: the first applies what is missing, the next find it recorded.
 * Each SQL migration is one transaction (DDL is transactional in PostgreSQL): applied and recorded, or not
 * at all. The instances already running keep serving meanwhile, so a migration must leave the previous
 * version's queries working (add columns and tables; rename or drop only a release later), and waits at
 * most `lockTimeoutMs` at a time for a table they use. An index on a large table is a PgIndexBuild: built
 * while they write.
 */
export async function migratePostgres(
  pool: pg.Pool,
  options: PgMigrateOptions = {},
): Promise<number[]> {
  const migrations = options.migrations ?? PG_MIGRATIONS;
  // On failure the connection is closed rather than reused: that frees the advisory lock whatever state
  // the session is in.
  return withConnection(
    pool,
    async (client) => {
      // Session-level: held across the migrations' transactions, freed by the server if this process dies.
      await takeMigrationLock(client);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number }>(
        "SELECT version FROM schema_migrations",
      );
      const recorded = new Set(rows.map((row) => row.version));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (recorded.has(migration.version)) continue;
        if ("indexes" in migration) await buildIndexes(client, migration);
        else await applyMigration(client, migration, options);
        applied.push(migration.version);
      }
      await client.query("SELECT pg_advisory_unlock($1, $2)", LOCK);
      return applied;
    },
    { discardOnError: true },
  );
}

const LOCK = [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations];

/** How often an instance starting while another migrates asks for the lock again. */
const LOCK_POLL_MS = 100;

/**
 * Waits for the migrations' lock by asking again and again, never by a statement that waits: a waiting
 * statement holds a snapshot, and CREATE INDEX CONCURRENTLY, run under this lock by the instance that holds
 * it, waits for every snapshot older than its build — each would wait for the other until PostgreSQL's
 * deadlock detector cancelled one of them.
 */
async function takeMigrationLock(client: pg.PoolClient) {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS locked",
      LOCK,
    );
    if (rows[0]!.locked) return;
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/**
 * Builds a migration's indexes, then records it. CREATE INDEX CONCURRENTLY waits for the transactions in
 * progress to end, without holding the instances' writes behind it: no lock or statement timeout applies
 * (an account's own, `ALTER ROLE … SET lock_timeout`, would fail the build at every start). A valid index
 * of that name on that table means a run built it and died before recording: kept.
 */
async function buildIndexes(
  client: pg.PoolClient,
  migration: PgMigration & { indexes: readonly PgIndexBuild[] },
) {
  try {
    await client.query("SET lock_timeout = 0; SET statement_timeout = 0");
    for (const { name, table, definition } of migration.indexes) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name) || !/^[a-z_][a-z0-9_]*$/.test(table))
        throw new Error("bad index or table name");
      // On that table only, whatever the search_path; the name as PostgreSQL writes it, schema included
      // when needed.
      const { rows } = await client.query<{ valid: boolean; index: string }>(
        `SELECT i.indisvalid AS valid, i.indexrelid::regclass::text AS index
         FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
         WHERE i.indrelid = $2::regclass AND c.relname = $1`,
        [name, table],
      );
      const found = rows[0];
      if (found?.valid) continue;
      if (found) await client.query(`DROP INDEX CONCURRENTLY ${found.index}`);
      await client.query(
        `CREATE INDEX CONCURRENTLY ${name} ON ${table} ${definition}`,
      );
    }
    await client.query("RESET lock_timeout; RESET statement_timeout");
    await client.query(
      "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
      [migration.version, migration.name],
    );
  } catch (error) {
    // The connection is discarded (migratePostgres): the settings go with it.
    throw new Error(
      `Migration ${migration.version} (${migration.name}) failed`,
      { cause: error },
    );
  }
}

async function applyMigration(
  client: pg.PoolClient,
  migration: PgMigration & { sql: string },
  { lockTimeoutMs = 5_000, attempts = 5 }: PgMigrateOptions,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query("BEGIN");
      await client.query(
        `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`,
      );
      // One simple-protocol query runs every statement of the migration, inside the transaction.
      await client.query(migration.sql);
      await client.query(
        "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
        [migration.version, migration.name],
      );
      await client.query("COMMIT");
      return;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      const code = (error as { code?: unknown }).code;
      if (code !== SQLSTATE_LOCK_NOT_AVAILABLE || attempt >= attempts)
        throw new Error(
          `Migration ${migration.version} (${migration.name}) failed`,
          { cause: error },
        );
      // Let the queries that held the lock finish, and those queued behind this migration run.
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
