import pg from "pg";
import type { Logger } from "../../logger.ts";

export interface PgPoolOptions {
  /**
   * `postgres://user:password@host:port/database?…`. TLS is the URL's to ask for, read by pg itself:
   * `sslmode=verify-full` (encrypted, certificate and host name checked; pg 8 reads `require` and
   * `verify-ca` the same way, with a warning), `sslrootcert=/path/ca.pem` for a platform's own CA,
   * `sslmode=no-verify` (encrypted, unchecked); no `sslmode` or `disable`: plain TCP.
   */
  url: string;
  /** Most connections this process opens at once (DATABASE_POOL_SIZE); more queries wait for a free one. */
  size: number;
  /**
   * How long a query waits for a connection (all busy, or the server slow to accept) before failing, so
   * that an exhausted pool answers 503 instead of holding requests (default 5000 ms).
   */
  connectTimeoutMs?: number;
  /** Where the faults of idle connections are logged (default: nowhere). */
  logger?: Logger;
}

/** A pool of connections to one PostgreSQL database. Ending it (`pool.end()`) is the caller's. */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.size,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    // Shown in pg_stat_activity: which connections are the app's.
    application_name: "snu-aide",
  });
  // An idle connection cut by the server (restart, failover, pg_terminate_backend) is an `error` event on
  // the pool; unheard, Node would end the process. The pool drops that connection and opens a new one on
  // demand: nothing else to do than to say so.
  pool.on("error", (error) => {
    options.logger?.error("db_idle_connection_lost", {
      code: (error as { code?: string }).code ?? error.message,
    });
  });
  return pool;
}
