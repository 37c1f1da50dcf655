// Fresh stores for the insert path's timings (timeInsertPath, indicator-timings.ts): each on a new
// database, with or without the indicators' triggers on `requests` — what POST /v1/requests fires.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { AppStore } from "../../api/store/app-store.ts";
import {
  migratePostgres,
  PG_MIGRATIONS,
} from "../../api/store/pg/pg-migrations.ts";
import { createPostgresStore } from "../../api/store/pg/pg-store.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import type { BenchDatabases } from "./bench-database.ts";

/** SQLite files in `dir`, one per call; without the triggers, migration 6's (7's) indicators_after_request is dropped. */
export function sqliteInsertStores(
  dir: string,
): (indicatorTriggers: boolean) => Promise<AppStore> {
  let runs = 0;
  return async (indicatorTriggers) => {
    const file = path.join(dir, `insert-${++runs}`, "snu-aide.sqlite");
    const store = createSqliteStore({ file });
    if (!indicatorTriggers) {
      const db = new Database(file);
      db.exec("DROP TRIGGER indicators_after_request");
      db.close();
    }
    return store;
  };
}

/** The PostgreSQL migration of the indicators (issue 13 on PostgreSQL). */
const INDICATORS = 7;

/**
 * PostgreSQL databases, one per call, the store opened as the server opens it. Without the triggers: those
 * on `requests` that the indicators' migration added, found by comparing the triggers before and after it
 * (so whatever their names; the search words' triggers of migration 8 stay); `dropped` lists them.
 */
export function postgresInsertStores(
  databases: BenchDatabases,
  open: { poolSize: number; secret: Buffer },
): {
  open: (indicatorTriggers: boolean) => Promise<AppStore>;
  dropped: Set<string>;
} {
  const dropped = new Set<string>();
  return {
    dropped,
    async open(indicatorTriggers) {
      const url = await databases.create();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const triggers = async () =>
          (
            await client.query<{ name: string }>(
              `SELECT tgname AS name FROM pg_trigger
               WHERE tgrelid = 'requests'::regclass AND NOT tgisinternal`,
            )
          ).rows.map((row) => row.name);
        let indicators: string[] = [];
        if (!indicatorTriggers) {
          const pool = new pg.Pool({ connectionString: url, max: 1 });
          const upTo = (version: number) =>
            migratePostgres(pool, {
              migrations: PG_MIGRATIONS.filter((m) => m.version <= version),
            });
          try {
            await upTo(INDICATORS - 1);
            const before = await triggers();
            await upTo(INDICATORS);
            indicators = (await triggers()).filter(
              (name) => !before.includes(name),
            );
          } finally {
            await pool.end();
          }
        }
        const { store } = await createPostgresStore({ url, ...open });
        if (!indicatorTriggers)
          for (const name of indicators) {
            await client.query(
              `DROP TRIGGER ${client.escapeIdentifier(name)} ON requests`,
            );
            dropped.add(name);
          }
        return store;
      } finally {
        await client.end();
      }
    },
  };
}
