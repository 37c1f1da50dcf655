import type { Logger } from "../logger.ts";
import type { JobLock } from "../store/job-lock.ts";
import { schedulePeriodicJob } from "./periodic-job.ts";

/**
 * Every minute: a request leaves 3 to 4 facts over its life, so a minute of a busy day is a few thousand
 * facts to fold, well under a second (about 65 µs each).
 */
export const INDICATOR_FOLD_EVERY_MS = 60_000;

/**
 * On PostgreSQL (issue 15), folds the indicators' pending facts into their rollups now, then every minute,
 * one instance at a time (`lock`). Without it the first console read after a quiet spell would fold
 * everything that waited (minutes after a bulk import); with it, that read finds a minute's worth at most.
 * A failure is logged and retried at the next period. Returns the cleanup.
 */
export function scheduleIndicatorFold(deps: {
  fold: () => Promise<void>;
  logger: Logger;
  lock: JobLock;
  /** The period (default INDICATOR_FOLD_EVERY_MS; shorter in tests). */
  everyMs?: number;
}): () => void {
  return schedulePeriodicJob({
    name: "indicator-fold",
    everyMs: deps.everyMs ?? INDICATOR_FOLD_EVERY_MS,
    job: deps.fold,
    lock: deps.lock,
    logger: deps.logger,
    failedEvent: "indicator_fold_failed",
  });
}
