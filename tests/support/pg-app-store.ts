import type pg from "pg";
import type { AppStore } from "../../api/store/app-store.ts";
import { composePostgresStore } from "../../api/store/pg/pg-store.ts";

/**
 * The whole PostgreSQL store on the test file's pool (a migrated database), for the contract suites: the
 * production composition, but `close()` leaves the pool alone — it is the test file's, ended after its last
 * test (useMigratedDatabase).
 */
export function createPgAppStore(pool: pg.Pool): AppStore {
  return { ...composePostgresStore(pool), close: async () => {} };
}
