import type pg from "pg";
import { describe, expect, it, onTestFinished } from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { scheduleSharedLimitsPurge } from "../../api/server/shared-limits-purge.ts";
import type { JobLock } from "../../api/store/job-lock.ts";
import type { FailurePolicy } from "../../api/store/login-failures.ts";
import {
  ADVISORY_LOCK_NAMESPACE,
  ADVISORY_LOCKS,
} from "../../api/store/pg/pg-advisory-locks.ts";
import { createPostgresStore } from "../../api/store/pg/pg-store.ts";
import { LOGIN_FAILURE_WINDOW_MS } from "../../api/support/login-throttle.ts";
import {
  truncateTables,
  useMigratedDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";

// Issue 15: on PostgreSQL the shared counters leave rows behind; the server deletes the ended windows and
// the forgotten login failures every few minutes, one instance at a time.

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

const T0 = new Date("2026-11-29T10:00:00Z").getTime();
const MINUTE = 60_000;
/** Counts every attempt, never slows one: only the rows matter here. */
const COUNT_ONLY: FailurePolicy = {
  windowMs: LOGIN_FAILURE_WINDOW_MS,
  throttles: () => false,
  waitMs: () => 0,
};

/** The composed store, with one ended window and one running, one forgotten failure and one recent. */
async function anInstanceWithRows() {
  await truncateTables(pool);
  const opened = await createPostgresStore({
    url: database.url,
    poolSize: 3,
    secret: Buffer.alloc(32, 4),
  });
  onTestFinished(() => opened.store.close());
  const requests = opened.rateCounters.counter("requests");
  await requests.hit("192.0.2.1", T0, MINUTE);
  await requests.hit("192.0.2.2", T0 + 10 * MINUTE, MINUTE);
  const failures = opened.loginFailures;
  await failures.admit(
    { email: "ancien@snu.gouv.fr", address: "192.0.2.3" },
    T0 - 2 * LOGIN_FAILURE_WINDOW_MS,
    COUNT_ONLY,
  );
  await failures.admit(
    { email: "recent@snu.gouv.fr", address: "192.0.2.4" },
    T0 + 9 * MINUTE,
    COUNT_ONLY,
  );
  return opened;
}

/** An instance's runs go one after the other: once a run asked for now is done, those asked before are. */
async function afterTheRunsAskedFor(lock: JobLock) {
  await lock.runAlone("purges", async () => {});
}

async function rowCounts() {
  const { rows } = await pool.query<{ counters: number; failures: number }>(
    `SELECT (SELECT count(*) FROM rate_counters)::integer AS counters,
            (SELECT count(*) FROM login_failures)::integer AS failures`,
  );
  return rows[0];
}

/** Schedules the purge at T0 + 10 min 30 s and waits for its first run; returns what it logged. */
async function purgedAtTenMinutes(
  opened: Awaited<ReturnType<typeof anInstanceWithRows>>,
) {
  const logger = createMemoryLogger();
  const stop = scheduleSharedLimitsPurge({
    ...opened,
    clock: createFixedClock(new Date(T0 + 10 * MINUTE + 30_000)),
    logger,
    lock: opened.jobLock,
  });
  onTestFinished(stop);
  await afterTheRunsAskedFor(opened.jobLock);
  return logger;
}

describe("the purge of the shared limits", () => {
  it("deletes the ended windows and the forgotten failures, and keeps the others", async () => {
    const opened = await anInstanceWithRows();
    // Three rows per failed attempt: the account, the address, the address on the account.
    expect(await rowCounts()).toEqual({ counters: 2, failures: 6 });
    const logger = await purgedAtTenMinutes(opened);
    expect(await rowCounts()).toEqual({ counters: 1, failures: 3 });
    expect(logger.lines.map((line) => JSON.parse(line))).toMatchObject([
      { event: "shared_limits_purged", counters: 1, failures: 3 },
    ]);
  });

  it("leaves the rows to the instance that is purging them", async () => {
    const opened = await anInstanceWithRows();
    const other = await pool.connect();
    onTestFinished(() => other.release(true));
    await other.query("SELECT pg_advisory_lock($1, $2)", [
      ADVISORY_LOCK_NAMESPACE,
      ADVISORY_LOCKS.sharedLimits,
    ]);
    const logger = await purgedAtTenMinutes(opened);
    expect(await rowCounts()).toEqual({ counters: 2, failures: 6 });
    expect(logger.lines).toEqual([]);
  });
});
