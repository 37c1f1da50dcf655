import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPgPool } from "../../api/store/pg/pool.ts";
import {
  migratePostgres,
  PG_MIGRATIONS,
  type PgMigration,
} from "../../api/store/pg/pg-migrations.ts";
import {
  createTestDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";

const databases: TestDatabase[] = [];
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await Promise.all(databases.map((database) => database.drop()));
});

/** A fresh database and `n` instances on it, each with its own pool (its own connections). */
async function instances(n: number) {
  const database = await createTestDatabase();
  databases.push(database);
  const created = Array.from({ length: n }, () =>
    createPgPool({ url: database.url, size: 2 }),
  );
  pools.push(...created);
  return created;
}

// Neither can run twice: CREATE TABLE without IF NOT EXISTS fails the second time. The sleep holds the
// first runner inside its migration while the others start.
const TEST_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    name: "a table",
    sql: `CREATE TABLE applied (n integer NOT NULL); SELECT pg_sleep(0.3); INSERT INTO applied VALUES (1);`,
  },
  {
    version: 2,
    name: "another table",
    sql: `CREATE TABLE second (n integer); INSERT INTO applied VALUES (2);`,
  },
];

async function versions(pool: pg.Pool) {
  const { rows } = await pool.query<{ version: number }>(
    "SELECT version FROM schema_migrations ORDER BY version",
  );
  return rows.map((row) => row.version);
}

describe("postgresql migrations", () => {
  it("applies each migration once when three instances start at once, then finds nothing to do", async () => {
    const [a, b, c] = await instances(3);
    const runs = await Promise.all(
      [a!, b!, c!].map((pool) =>
        migratePostgres(pool, { migrations: TEST_MIGRATIONS }),
      ),
    );
    expect(runs.map((applied) => applied.length).sort()).toEqual([0, 0, 2]);
    expect(runs.flat().sort()).toEqual([1, 2]);
    const { rows } = await a!.query("SELECT n FROM applied ORDER BY n");
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await versions(a!)).toEqual([1, 2]);
    expect(await migratePostgres(b!, { migrations: TEST_MIGRATIONS })).toEqual(
      [],
    );
  });

  it("brings three instances starting at once to the shipped schema, recorded once", async () => {
    const started = await instances(3);
    const runs = await Promise.all(
      started.map((pool) => migratePostgres(pool)),
    );
    const shipped = PG_MIGRATIONS.map((migration) => migration.version);
    expect(runs.flat().sort()).toEqual(shipped);
    expect(await versions(started[0]!)).toEqual(shipped);
    const { rows } = await started[0]!.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    // Later migrations add tables: those of the first two are enough to tell the schema is there.
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        "idempotency_keys",
        "reference_sequences",
        "request_events",
        "requests",
        "schema_migrations",
        "support_sessions",
        "support_users",
      ]),
    );
  });

  it("leaves a failing migration wholly undone and unrecorded, keeping the ones before it", async () => {
    const [pool] = await instances(1);
    const broken: PgMigration = {
      version: 3,
      name: "broken",
      sql: `CREATE TABLE third (n integer); INSERT INTO nowhere VALUES (1);`,
    };
    await expect(
      migratePostgres(pool!, { migrations: [...TEST_MIGRATIONS, broken] }),
    ).rejects.toThrow("Migration 3 (broken) failed");
    expect(await versions(pool!)).toEqual([1, 2]);
    const { rows } = await pool!.query("SELECT to_regclass('third') AS t");
    expect(rows).toEqual([{ t: null }]);
    // The advisory lock went with the failed run: another run gets it at once.
    expect(
      await migratePostgres(pool!, { migrations: TEST_MIGRATIONS }),
    ).toEqual([]);
  });

  it("gives up waiting for a table that running instances use instead of holding their queries, and applies later", async () => {
    const [pool] = await instances(1);
    await migratePostgres(pool!, { migrations: TEST_MIGRATIONS });
    const alter: PgMigration = {
      version: 3,
      name: "alter applied",
      sql: "ALTER TABLE applied ADD COLUMN note text",
    };
    // A running instance's long transaction that read the table: its lock blocks ALTER TABLE.
    const reader = await pool!.connect();
    await reader.query("BEGIN");
    await reader.query("SELECT count(*) FROM applied");
    await expect(
      migratePostgres(pool!, {
        migrations: [...TEST_MIGRATIONS, alter],
        lockTimeoutMs: 50,
        attempts: 2,
      }),
    ).rejects.toMatchObject({ cause: { code: "55P03" } });
    // Meanwhile the instance's queries on the table were never held: the reader still reads.
    await reader.query("SELECT count(*) FROM applied");
    await reader.query("COMMIT");
    reader.release();
    expect(
      await migratePostgres(pool!, { migrations: [...TEST_MIGRATIONS, alter] }),
    ).toEqual([3]);
  });
});
