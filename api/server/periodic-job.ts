import type { Logger } from "../logger.ts";
import type { JobLock, JobName } from "../store/job-lock.ts";

/** A job run every period, one instance at a time (issue 15). */
export interface PeriodicJob {
  name: JobName;
  job: () => Promise<void>;
  lock: JobLock;
  logger: Logger;
  /** The event logged when a run fails (or the lock cannot be asked for). */
  failedEvent: string;
  /** The fields logged with `failedEvent` (default: the error's code, never its message). */
  failureFields?: (error: unknown) => Record<string, unknown>;
}

/** An error as a log line may hold it: its code, never its message (which may quote data). */
export const codeOf = (error: unknown) => ({
  code: (error as { code?: unknown } | undefined)?.code,
});

/**
 * One run of `job` under its lock. Never rejects: a failure is logged, and the next period retries, so that
 * one bad run neither stops the schedule nor reaches the process as an unhandled rejection.
 */
export function runPeriodicJob(spec: PeriodicJob): Promise<void> {
  return spec.lock.runAlone(spec.name, spec.job).then(
    () => {},
    (error: unknown) =>
      spec.logger.error(
        spec.failedEvent,
        (spec.failureFields ?? codeOf)(error),
      ),
  );
}

/**
 * Runs the job now (unless `runAtOnce` is false: the caller ran it itself, e.g. awaited) and then every
 * `everyMs`; the timer does not keep the process alive. Returns the cleanup.
 */
export function schedulePeriodicJob(
  spec: PeriodicJob & { everyMs: number; runAtOnce?: boolean },
): () => void {
  const run = () => void runPeriodicJob(spec);
  if (spec.runAtOnce ?? true) run();
  const timer = setInterval(run, spec.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
