import { StoreUnavailableError } from "../store-faults.ts";

/** At most this many submissions share one transaction. */
const MAX_BATCH = 64;
/**
 * At most this many wait, each at most `maxWaitMs`: when the transactions ahead are stuck (a lock held
 * elsewhere, the database gone), a submission is answered 503 in time, as it was when each waited for a
 * connection of its own, and the waiting ones never pile up.
 */
const MAX_WAITING = 1024;
/**
 * Transactions on their way at once: while one holds the year's counter until its commit, the next one
 * already claims its keys. Under load, submissions wait for one of them to end and go together in the next.
 */
const MAX_IN_FLIGHT = 2;

export interface PgGroupCommitOptions<I, O> {
  /** Runs several inputs in one transaction; their outputs in order. Keys are distinct within one call. */
  runBatch: (inputs: readonly I[]) => Promise<O[]>;
  /** Runs one input in a transaction of its own. */
  runOne: (input: I) => Promise<O>;
  /** Whether a failed batch is worth running again one input at a time (the failure was one input's). */
  retryAlone: (error: unknown) => boolean;
  /** The input's idempotency key: one key goes once per batch, a repeat waits for the next one. */
  keyOf: (input: I) => string;
  /** How long an input may wait for its transaction before it is rejected as unavailable. */
  maxWaitMs: number;
}

export interface PgGroupCommit<I, O> {
  run(input: I): Promise<O>;
  /** Resolves once every input given so far is settled (before the pool ends). */
  drain(): Promise<void>;
}

/**
 * Group commit on PostgreSQL (issue 15), the SQLite store's idea (sqlite-group-commit.ts) with a pool.
 * Every submission holds the year's counter row from its number to its commit, so one instance's
 * submissions were stored one after another, each paying its round trips inside that lock. Here an input
 * arriving while fewer than MAX_IN_FLIGHT transactions run starts at once, alone (as before); the others
 * wait and share the next transaction. Each promise settles after that transaction is committed, so an
 * answer still means « stored ».
 *
 * A batch that fails for one of its inputs (an error `retryAlone` accepts: a refused row, a deadlock)
 * runs again one input at a time, so that input fails alone; any other failure (the database unreachable)
 * rejects the whole batch, which stored nothing or, if the commit's answer was lost, everything — which
 * the idempotency keys settle on the next try.
 */
export function createPgGroupCommit<I, O>(
  options: PgGroupCommitOptions<I, O>,
): PgGroupCommit<I, O> {
  interface Waiting {
    input: I;
    resolve: (output: O) => void;
    reject: (error: unknown) => void;
    deadline: ReturnType<typeof setTimeout>;
  }
  let queue: Waiting[] = [];
  let inFlight = 0;
  let idle: (() => void)[] = [];

  const settleOne = (item: Waiting) =>
    options.runOne(item.input).then(item.resolve, item.reject);

  const runBatch = async (batch: Waiting[]) => {
    if (batch.length === 1) return settleOne(batch[0]!);
    let outputs: O[];
    try {
      outputs = await options.runBatch(batch.map((item) => item.input));
    } catch (error) {
      if (!options.retryAlone(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      // One after another, in this batch's place: the others' submissions keep their turn, and the pool
      // is not flooded by a whole batch at once.
      for (const item of batch) await settleOne(item);
      return;
    }
    batch.forEach((item, i) => item.resolve(outputs[i]!));
  };

  /** The next batch: the oldest inputs, up to MAX_BATCH, a key's repeats left for later. */
  const takeBatch = () => {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const keys = new Set<string>();
    for (const item of queue) {
      const key = options.keyOf(item.input);
      if (batch.length < MAX_BATCH && !keys.has(key)) {
        keys.add(key);
        clearTimeout(item.deadline);
        batch.push(item);
      } else rest.push(item);
    }
    queue = rest;
    return batch;
  };

  const pump = () => {
    while (inFlight < MAX_IN_FLIGHT && queue.length) {
      const batch = takeBatch();
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
    if (!inFlight && !queue.length) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };

  return {
    run: (input) =>
      new Promise<O>((resolve, reject) => {
        if (queue.length >= MAX_WAITING) {
          reject(new StoreUnavailableError("submissions_queue_full"));
          return;
        }
        const item: Waiting = {
          input,
          resolve,
          reject,
          deadline: setTimeout(() => {
            queue = queue.filter((other) => other !== item);
            reject(new StoreUnavailableError("submissions_queue_timeout"));
            pump();
          }, options.maxWaitMs),
        };
        queue.push(item);
        pump();
      }),
    drain: () =>
      !inFlight && !queue.length
        ? Promise.resolve()
        : new Promise<void>((resolve) => idle.push(resolve)),
  };
}
