import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { createLocalJobLock, type JobLock } from "../store/job-lock.ts";
import type { Store } from "../store/store.ts";
import type { SupportStore } from "../store/support-types.ts";
import { SESSION_IDLE_MS } from "../support/session-auth.ts";
import {
  runPeriodicJob,
  schedulePeriodicJob,
  type PeriodicJob,
} from "./periodic-job.ts";

const IDEMPOTENCY_RETENTION_MS = 48 * 3600_000; // ≥ 24 h promised (BUDGETS.md), with a margin
const PURGE_EVERY_MS = 3600_000;

/**
 * Forgets idempotency keys past their retention and deletes expired or idle console sessions (findSession
 * refuses them at once; deleting them keeps the table small): now, awaited, then every hour. A failure is
 * logged and retried the next hour. On PostgreSQL, `lock` lets one instance at a time run it (issue 15).
 * Returns the cleanup.
 */
export async function schedulePurges(
  store: Pick<Store, "purgeIdempotencyKeys"> &
    Pick<SupportStore, "purgeExpiredSessions">,
  clock: Clock,
  logger: Logger,
  lock: JobLock = createLocalJobLock(),
): Promise<() => void> {
  const nameOf = (error: unknown) => ({
    error: String((error as { name?: unknown } | undefined)?.name),
  });
  const failed = (event: string) => (error: unknown) =>
    logger.error(event, nameOf(error));
  const purgeKeys = () =>
    store
      .purgeIdempotencyKeys(
        new Date(clock.now().getTime() - IDEMPOTENCY_RETENTION_MS),
      )
      .catch(failed("idempotency_purge_failed"));
  const purgeSessions = () =>
    store
      .purgeExpiredSessions(clock.now(), SESSION_IDLE_MS)
      .catch(failed("session_purge_failed"));
  const purges: PeriodicJob = {
    name: "purges",
    job: async () => {
      await purgeKeys();
      await purgeSessions();
    },
    lock,
    logger,
    failedEvent: "purge_lock_failed",
    failureFields: nameOf,
  };
  // The first run is awaited: the server starts once the tables are purged.
  await runPeriodicJob(purges);
  return schedulePeriodicJob({
    ...purges,
    everyMs: PURGE_EVERY_MS,
    runAtOnce: false,
  });
}
