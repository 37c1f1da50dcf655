/** The periodic jobs that one instance at a time runs (issue 15), and the demo data's creation at start-up. */
export type JobName =
  | "purges"
  | "retention"
  | "follow-ups"
  | "shared-limits"
  | "indicator-fold"
  | "demo";

/**
 * Decides which instance runs a periodic job. In one process (SQLite, memory) every run goes ahead
 * (`createLocalJobLock`); on PostgreSQL a run goes ahead only if no other instance is running the same job,
 * and is skipped otherwise (pg/pg-job-lock.ts): the next period's run will do the work.
 */
export interface JobLock {
  /**
   * Runs `job` unless another instance runs `name` now, or the lock is closed; resolves whether it ran.
   * Rejects with the job's error (the lock is released all the same), or when the lock cannot be asked
   * for (the database is unreachable).
   */
  runAlone(name: JobName, job: () => Promise<void>): Promise<boolean>;
  /**
   * Refuses new runs (and, on PostgreSQL, this instance's runs still waiting for their turn), then resolves
   * once the runs in progress have finished: call it before closing the store.
   */
  close(): Promise<void>;
}

/** The runs in progress of a lock, and whether it is closed: what both implementations keep. */
export function createRunTracker() {
  let closed = false;
  const running = new Set<Promise<unknown>>();
  return {
    get closed() {
      return closed;
    },
    /** Counts `run` in until it settles. */
    track<T>(run: Promise<T>): Promise<T> {
      running.add(run);
      const forget = () => running.delete(run);
      run.then(forget, forget);
      return run;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running]);
    },
  };
}

/** One process alone on its store: every run goes ahead, until `close`. */
export function createLocalJobLock(): JobLock {
  const runs = createRunTracker();
  return {
    async runAlone(_name, job) {
      if (runs.closed) return false;
      await runs.track(job());
      return true;
    },
    close: runs.close,
  };
}
