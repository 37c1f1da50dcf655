import type pg from "pg";
import { createRunTracker, type JobLock, type JobName } from "../job-lock.ts";
import {
  ADVISORY_LOCK_NAMESPACE,
  ADVISORY_LOCKS,
} from "./pg-advisory-locks.ts";

const KEYS: Record<JobName, number> = {
  purges: ADVISORY_LOCKS.purges,
  retention: ADVISORY_LOCKS.retention,
  "follow-ups": ADVISORY_LOCKS.followUps,
  "shared-limits": ADVISORY_LOCKS.sharedLimits,
  "indicator-fold": ADVISORY_LOCKS.indicatorFold,
  demo: ADVISORY_LOCKS.demo,
};

/**
 * The periodic jobs one instance at a time (issue 15): a run takes its job's session-level advisory lock
 * with pg_try_advisory_lock on a connection of `pool`, held for the run and unlocked in `finally`; another
 * instance's run of the same job meanwhile is skipped, not queued (the next period does the work). An
 * instance that dies mid-run loses its session, and the server frees the lock with it.
 *
 * This instance's runs go one after the other, so the jobs hold one of the pool's connections at most
 * (hence DATABASE_POOL_SIZE ≥ 2: the job's own queries take another).
 */
export function createPostgresJobLock(pool: pg.Pool): JobLock {
  const runs = createRunTracker();
  let previous: Promise<unknown> = Promise.resolve();
  return {
    runAlone(name, job) {
      if (runs.closed) return Promise.resolve(false);
      const run = previous.then(() =>
        runs.closed ? false : runLocked(pool, KEYS[name], job),
      );
      previous = run.catch(() => {});
      return runs.track(run);
    },
    close: runs.close,
  };
}

async function runLocked(
  pool: pg.Pool,
  key: number,
  job: () => Promise<void>,
): Promise<boolean> {
  const lock = [ADVISORY_LOCK_NAMESPACE, key];
  const client = await pool.connect();
  // Out of the pool, a connection cut by the server raises an `error` event nobody hears, which would end
  // the process (see pg-transaction.ts): heard here, and that connection is not given back.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on("error", onError);
  let reusable = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS locked",
      lock,
    );
    reusable = true;
    if (!rows[0]?.locked) return false;
    try {
      await job();
    } finally {
      // A failed unlock (connection lost) or one that held nothing (a pooler in transaction mode gave the
      // lock and the unlock to different server sessions): that connection is closed instead, which frees
      // whatever lock its session holds.
      reusable = await client
        .query<{ unlocked: boolean }>(
          "SELECT pg_advisory_unlock($1, $2) AS unlocked",
          lock,
        )
        .then(
          ({ rows }) => rows[0]?.unlocked === true,
          () => false,
        );
    }
    return true;
  } finally {
    client.removeListener("error", onError);
    client.release(reusable && !lost ? undefined : (lost ?? true));
  }
}
