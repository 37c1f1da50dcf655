import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { JobLock } from "../store/job-lock.ts";
import { LOGIN_FAILURE_WINDOW_MS } from "../support/login-throttle.ts";
import { schedulePeriodicJob } from "./periodic-job.ts";

/**
 * Every 5 minutes: the shared rate-limit windows last a minute, and every address that ever hit a limit
 * left a row; a few minutes' rows stay small whatever the traffic.
 */
export const SHARED_LIMITS_PURGE_EVERY_MS = 5 * 60_000;

/** A purge of rows older than a date (pg-rate-counter.ts, pg-login-failures.ts). */
interface Purge {
  purge(before: Date): Promise<number>;
}

/**
 * On PostgreSQL (issue 15), deletes the rate-limit windows that have ended and the login failures the
 * throttle has forgotten: now, then every 5 minutes, one instance at a time (`lock`). In memory the
 * counters bound themselves; there is nothing to schedule. A failure is logged and retried at the next
 * period. Returns the cleanup.
 */
export function scheduleSharedLimitsPurge(deps: {
  rateCounters: Purge;
  loginFailures: Purge;
  clock: Clock;
  logger: Logger;
  lock: JobLock;
}): () => void {
  const purge = async () => {
    const now = deps.clock.now();
    const counters = await deps.rateCounters.purge(now);
    const failures = await deps.loginFailures.purge(
      new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS),
    );
    if (counters || failures)
      deps.logger.info("shared_limits_purged", { counters, failures });
  };
  return schedulePeriodicJob({
    name: "shared-limits",
    everyMs: SHARED_LIMITS_PURGE_EVERY_MS,
    job: purge,
    lock: deps.lock,
    logger: deps.logger,
    failedEvent: "shared_limits_purge_failed",
  });
}
