import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject, onTestFinished } from "vitest";
import {
  migratePostgres,
  PG_MIGRATIONS,
} from "../../api/store/pg/pg-migrations.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";

/** A database of its own for one test file: its URL, and `drop` to remove it. */
export interface TestDatabase {
  url: string;
  /** Drops the database, cutting any connection still open on it (a test that failed midway). */
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the run's server (pg-global-setup.ts), named uniquely so that test files
 * running at once, or two runs on one TEST_DATABASE_URL server, never share one.
 */
export async function createTestDatabase(
  adminUrl: string = inject("pgAdminUrl"),
): Promise<TestDatabase> {
  const name = `snu_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * A database of its own, migrated up to `version` (a schema as an earlier release left it), for `work` with a
 * small pool; dropped afterwards, whatever `work` did.
 */
export async function withDatabaseAt(
  version: number,
  work: (pool: pg.Pool) => Promise<void>,
): Promise<void> {
  const database = await createTestDatabase();
  const pool = createPgPool({ url: database.url, size: 2 });
  try {
    await migratePostgres(pool, {
      migrations: PG_MIGRATIONS.filter((m) => m.version <= version),
    });
    await work(pool);
  } finally {
    await pool.end();
    await database.drop();
  }
}

/** Empties every table but the migrations' record: each test of a store contract starts from nothing. */
export async function truncateTables(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (rows.length)
    await pool.query(
      `TRUNCATE ${rows.map((row) => row.name).join(", ")} RESTART IDENTITY CASCADE`,
    );
}

async function asAdmin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database of its own for the test file that calls this at its top level: created before its
 * tests, handed to `opened` with its pool (4 connections), ended and dropped after them.
 */
export function useMigratedDatabase(
  opened: (database: { pool: pg.Pool; database: TestDatabase }) => void,
): void {
  useDatabase(opened, { migrated: true, poolSize: 4 });
}

/**
 * As `useMigratedDatabase`, but left empty — for the tests whose servers or commands migrate it themselves
 * — with a small pool (2 connections) to look into it.
 */
export function useEmptyDatabase(
  opened: (database: { pool: pg.Pool; database: TestDatabase }) => void,
): void {
  useDatabase(opened, { migrated: false, poolSize: 2 });
}

function useDatabase(
  opened: (database: { pool: pg.Pool; database: TestDatabase }) => void,
  options: { migrated: boolean; poolSize: number },
): void {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool({ url: database.url, size: options.poolSize });
    if (options.migrated) await migratePostgres(pool);
    opened({ pool, database });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
}

/** Backends of `pool`'s database waiting for a lock another transaction holds. */
export async function waitingForLocks(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}

/**
 * A connection of `pool` holding, in an open transaction, the row locks `sql` takes (what an instance in
 * the middle of its own transaction holds); `release` commits. Released when the test ends, whatever happens.
 */
export async function holdLocks(
  pool: pg.Pool,
  sql: string,
  values: unknown[] = [],
): Promise<{ locker: pg.PoolClient; release: () => Promise<void> }> {
  const locker = await pool.connect();
  let held = true;
  const release = async () => {
    if (!held) return;
    held = false;
    await locker.query("COMMIT");
    locker.release();
  };
  onTestFinished(release);
  await locker.query("BEGIN");
  await locker.query(sql, values);
  return { locker, release };
}
