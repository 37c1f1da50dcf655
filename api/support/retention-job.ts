import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { codeOf, schedulePeriodicJob } from "../server/periodic-job.ts";
import { createLocalJobLock, type JobLock } from "../store/job-lock.ts";
import type { SupportStore } from "../store/support-types.ts";

const DAY_MS = 86_400_000;

/** Anonymises the requests closed for more than `retentionDays` (RETENTION_DAYS); returns how many. */
export async function runRetention(
  store: SupportStore,
  clock: Clock,
  retentionDays: number,
): Promise<number> {
  return store.anonymiseClosedBefore(
    new Date(clock.now().getTime() - retentionDays * DAY_MS),
  );
}

/**
 * Runs the retention now and then every day; a failure is logged and retried the next day. The pruning of
 * the search's words is logged on its own: its failure does not hide the anonymisation done before it. On PostgreSQL,
 * `lock` lets one instance at a time run it (issue 15). Returns the cleanup.
 */
export function scheduleRetention(
  store: SupportStore,
  clock: Clock,
  logger: Logger,
  retentionDays: number,
  lock: JobLock = createLocalJobLock(),
): () => void {
  return schedulePeriodicJob({
    name: "retention",
    everyMs: DAY_MS,
    job: async () => {
      const count = await runRetention(store, clock, retentionDays);
      logger.info("retention_done", { anonymised: count, retentionDays });
      try {
        // PostgreSQL only: the other stores keep no list of words (SupportStore.pruneSearchWords).
        const words = await store.pruneSearchWords?.();
        if (words) logger.info("search_words_pruned", words);
      } catch (error) {
        logger.error("search_words_prune_failed", codeOf(error));
      }
    },
    lock,
    logger,
    failedEvent: "retention_failed",
  });
}
