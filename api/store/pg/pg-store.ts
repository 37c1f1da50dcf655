import type pg from "pg";
import type { Logger } from "../../logger.ts";
import type { AppStore } from "../app-store.ts";
import type { JobLock } from "../job-lock.ts";
import { createPostgresConversationStore } from "./pg-conversation-store.ts";
import { foldIndicators } from "./pg-indicator-read.ts";
import { createPostgresIndicatorStore } from "./pg-indicator-store.ts";
import { createPostgresJobLock } from "./pg-job-lock.ts";
import {
  createPostgresLoginFailures,
  type PgLoginFailures,
} from "./pg-login-failures.ts";
import { migratePostgres } from "./pg-migrations.ts";
import {
  createPostgresRateCounters,
  type PgRateCounters,
} from "./pg-rate-counter.ts";
import { createPostgresRequestStore } from "./pg-request-store.ts";
import { createPostgresSupportStore } from "./pg-support-store.ts";
import { listenForTipChanges, type TipListener } from "./pg-tip-listener.ts";
import { createPostgresTipStore } from "./pg-tip-store.ts";
import { createPgPool } from "./pool.ts";

export interface PostgresStoreOptions {
  /** DATABASE_URL; holds the password, never logged. */
  url: string;
  /** DATABASE_POOL_SIZE. */
  poolSize: number;
  /** The secret every instance shares (FOLLOW_UP_SECRET): the counters keep addresses as HMACs under it. */
  secret: Buffer;
  logger?: Logger;
}

/** SNU Aide on PostgreSQL: the store, and what the instances share besides it. */
export interface PostgresStore {
  /** Every part of the store on one pool; `close()` ends the pool. */
  store: AppStore;
  /** The rate limits' counters, counted by all the instances together (and their purge). */
  rateCounters: PgRateCounters;
  /** The console's failed logins, seen by all the instances (and their purge). */
  loginFailures: PgLoginFailures;
  /** The periodic jobs, one instance at a time. Close it before the store. */
  jobLock: JobLock;
  /** Calls `onChange` whenever any instance changes the public catalog; close it before the store. */
  listenForTipChanges(onChange: () => void): TipListener;
  /**
   * Folds the indicators' pending facts into their rollups (migration 7). A console read does it first
   * anyway; run often, it leaves that read little to do.
   */
  foldIndicators(): Promise<void>;
}

/**
 * Opens the pool, brings the schema up to date (migratePostgres: one instance at a time), then composes the
 * store from its parts, each complete. A failed migration ends the pool before it throws.
 */
export async function createPostgresStore(
  options: PostgresStoreOptions,
): Promise<PostgresStore> {
  const pool = createPgPool({
    url: options.url,
    size: options.poolSize,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const store = composePostgresStore(pool);
  return {
    store,
    rateCounters: createPostgresRateCounters(pool, { secret: options.secret }),
    loginFailures: createPostgresLoginFailures(pool, {
      secret: options.secret,
    }),
    jobLock: createPostgresJobLock(pool),
    foldIndicators: () => foldIndicators(pool),
    listenForTipChanges: (onChange) =>
      listenForTipChanges({
        url: options.url,
        onChange,
        ...(options.logger ? { logger: options.logger } : {}),
      }),
  };
}

/**
 * Every part of the store on `pool`, a migrated database's: what `createPostgresStore` serves, and what the
 * contract suites run against (tests/support/pg-app-store.ts). `close()` ends the pool.
 */
export function composePostgresStore(pool: pg.Pool): AppStore {
  const requests = createPostgresRequestStore(pool);
  const support = createPostgresSupportStore(pool);
  let ended: Promise<void> | undefined;
  return {
    ...requests,
    ...support,
    ...createPostgresTipStore(pool),
    ...createPostgresConversationStore(pool, support.getRequestDetail),
    ...createPostgresIndicatorStore(pool),
    // Settles the submissions still waiting for a transaction, then waits for the connections still lent
    // to finish their query; twice is once.
    close: () => (ended ??= requests.close().then(() => pool.end())),
  };
}
