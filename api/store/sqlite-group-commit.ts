import type Database from "better-sqlite3";

/** At most this many steps share one commit; more wait for the next turn, so a burst never holds the loop long. */
const MAX_BATCH = 128;

/**
 * Group commit (issue 14): the steps asked for during one turn of the event loop run in one write
 * transaction, each in a savepoint of its own, and their promises settle once that transaction is committed
 * to the WAL — so an answer still means « stored ». Under load, one commit then writes the pages every
 * submission touches (the newest leaves of each index, the counters, the full-text segments that FTS5 keeps
 * in memory until the commit) once per batch instead of once per submission.
 *
 * A step that throws is rolled back to its savepoint and rejects alone; a commit that fails rejects the
 * whole batch, which stored nothing — as does a step after which SQLite rolled the whole transaction back.
 * `flushAll` commits everything waiting at once (before closing the file).
 */
export function createGroupCommit<I, O>(
  db: Database.Database,
  step: (input: I) => O,
): { run: (input: I) => Promise<O>; flushAll: () => void } {
  interface Waiting {
    input: I;
    resolve: (output: O) => void;
    reject: (error: unknown) => void;
  }
  let queue: Waiting[] = [];
  let scheduled = false;
  // better-sqlite3 runs a transaction function called inside another one as a savepoint.
  const inSavepoint = db.transaction(step);
  const commitAll = db.transaction((batch: readonly Waiting[]) =>
    batch.map((item) => {
      try {
        return { ok: true as const, output: inSavepoint(item.input) };
      } catch (error) {
        // SQLite may have rolled the whole transaction back (disk full, I/O error): the steps before are
        // gone, and those after would each commit on their own. The batch fails as one, with that error.
        if (!db.inTransaction) throw error;
        return { ok: false as const, error };
      }
    }),
  );

  const flush = () => {
    scheduled = false;
    if (!queue.length) return;
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(batch.length);
    if (queue.length) schedule();
    let outcomes;
    try {
      outcomes = commitAll.immediate(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) batch[i]!.resolve(outcome.output);
      else batch[i]!.reject(outcome.error);
    });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run: (input) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      }),
    flushAll: () => {
      while (queue.length) flush();
    },
  };
}
