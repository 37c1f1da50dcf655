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
    expect(runs.flat().sort((x, y) => x - y)).toEqual(shipped);
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

  it("builds an index while the instances keep writing to its table", async () => {
    // The migrating instance, one writing, one watching.
    const [pool, running, watcher] = await instances(3);
    await migratePostgres(pool!, { migrations: TEST_MIGRATIONS });
    // A running instance's write in progress: a plain CREATE INDEX would wait for it, and hold every
    // later write to the table behind it.
    const writer = await running!.connect();
    await writer.query("BEGIN");
    await writer.query("INSERT INTO applied VALUES (10)");
    const migrating = migratePostgres(pool!, {
      migrations: [...TEST_MIGRATIONS, BY_N],
    });
    let finished = false;
    void migrating.then(() => (finished = true));
    // The build has started: it waits for the writer's transaction.
    await waitFor(
      watcher!,
      `SELECT 1 FROM pg_stat_progress_create_index
       WHERE datname = current_database() AND relid = 'applied'::regclass`,
    );
    // Another instance writes meanwhile, and is not held (the test times out if it is).
    await running!.query("INSERT INTO applied VALUES (11)");
    expect(finished).toBe(false);
    await writer.query("COMMIT");
    writer.release();
    expect(await migrating).toEqual([3]);
    expect(await indexValidity(pool!, "applied_by_n")).toEqual([true]);
    expect(await versions(pool!)).toEqual([1, 2, 3]);
  });

  it("drops an index whose build failed and builds it again at the next start", async () => {
    const [pool] = await instances(1);
    await migratePostgres(pool!, { migrations: TEST_MIGRATIONS });
    await pool!.query("INSERT INTO applied VALUES (0)");
    // 1 / n fails on the row holding 0, once the index is in the catalogue: left invalid, as when a
    // process is killed during a build.
    const inverse: PgMigration = {
      version: 3,
      name: "an index that fails",
      indexes: [
        { name: "applied_inverse", table: "applied", definition: "((1 / n))" },
      ],
    };
    await expect(
      migratePostgres(pool!, { migrations: [...TEST_MIGRATIONS, inverse] }),
    ).rejects.toThrow("Migration 3 (an index that fails) failed");
    expect(await versions(pool!)).toEqual([1, 2]);
    expect(await indexValidity(pool!, "applied_inverse")).toEqual([false]);
    await pool!.query("DELETE FROM applied WHERE n = 0");
    expect(
      await migratePostgres(pool!, {
        migrations: [...TEST_MIGRATIONS, inverse],
      }),
    ).toEqual([3]);
    expect(await indexValidity(pool!, "applied_inverse")).toEqual([true]);
  });

  it("records an index a run built before it died, without building it again", async () => {
    const [pool] = await instances(1);
    await migratePostgres(pool!, { migrations: TEST_MIGRATIONS });
    await pool!.query("CREATE INDEX applied_by_n ON applied (n)");
    const oid = async () =>
      (await pool!.query("SELECT 'applied_by_n'::regclass::oid AS oid")).rows;
    const before = await oid();
    expect(
      await migratePostgres(pool!, { migrations: [...TEST_MIGRATIONS, BY_N] }),
    ).toEqual([3]);
    expect(await oid()).toEqual(before);
  });

  it("lets instances that start during an index build wait for it, none cancelled", async () => {
    // Each waiting instance used to hold a statement (and its snapshot) open on the lock, which the
    // build waits for: PostgreSQL's deadlock detector then cancelled one side.
    const started = await instances(3);
    const runs = await Promise.all(
      started.map((pool) =>
        migratePostgres(pool, { migrations: [...TEST_MIGRATIONS, BY_N] }),
      ),
    );
    expect(runs.flat().sort((x, y) => x - y)).toEqual([1, 2, 3]);
    expect(await indexValidity(started[0]!, "applied_by_n")).toEqual([true]);
  });
});

const BY_N: PgMigration = {
  version: 3,
  name: "an index on applied",
  indexes: [{ name: "applied_by_n", table: "applied", definition: "(n)" }],
};

/** Whether each index of that name is valid (none: []). */
async function indexValidity(pool: pg.Pool, name: string) {
  const { rows } = await pool.query<{ valid: boolean }>(
    "SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass($1)",
    [name],
  );
  return rows.map((row) => row.valid);
}

/** Resolves once `sql` returns a row. */
async function waitFor(pool: pg.Pool, sql: string) {
  while (!(await pool.query(sql)).rowCount)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
