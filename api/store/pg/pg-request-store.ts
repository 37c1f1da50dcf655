import type pg from "pg";
import type { CreatedRequest } from "../../contract/request.ts";
import { mapStoreFaults } from "../store-faults.ts";
import {
  formatReference,
  referenceYear,
  requestColumns,
  type NewRequest,
  type Store,
  type Submission,
  type SubmissionOutcome,
} from "../store.ts";
import { pgFault } from "./pg-faults.ts";
import { createPgGroupCommit } from "./pg-group-commit.ts";
import { claimKey, completeKey } from "./pg-idempotency.ts";
import {
  REQUEST_ROW_COLUMNS,
  toStoredRequest,
  type PgRequestRow,
} from "./pg-request-rows.ts";
import { storableJson, storableText } from "./pg-text.ts";
import { submitBatch } from "./pg-submission-batch.ts";
import {
  inTransaction,
  transactionOn,
  withConnection,
} from "./pg-transaction.ts";

/**
 * A submission's transaction waits for a row lock at most as long as a submission waits for its turn
 * (5 s by default): another instance's transaction on the same key or on the year's counter ends in
 * milliseconds, unless that instance hangs with it open. Then only the submissions meeting that lock answer
 * 503 (lock_not_available, with Retry-After), instead of holding a batch, and behind it every submission of
 * this instance, for as long as the hang lasts.
 */
function inSubmissionTransaction<T>(
  pool: pg.Pool,
  lockWaitMs: number,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withConnection(pool, (client) =>
    transactionOn(
      client,
      work,
      `BEGIN; SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockWaitMs))}`,
    ),
  );
}

// As long as the pool waits for a connection (pool.ts): either wait ends in a 503 after the same time.
const SUBMISSION_WAIT_MS = 5_000;

export interface PgRequestStoreOptions {
  /** Whether `close()` ends the pool (default false: the pool is shared with the other stores). */
  ownsPool?: boolean;
  /**
   * How long a submission may wait for its transaction while others run, and then for a row lock, before
   * it is answered 503 (default 5 s, the pool's own wait for a connection); tests shorten it.
   */
  submissionWaitMs?: number;
}

/**
 * The requests and idempotency keys on PostgreSQL (issue 15), with the SQLite store's semantics. The
 * schema is migratePostgres's (pg-migrations.ts), applied before. Every method is safe with other
 * instances on the same database; faults of the database become `StoreUnavailableError` (503).
 */
export function createPostgresRequestStore(
  pool: pg.Pool,
  options: PgRequestStoreOptions = {},
): Store {
  let closed = false;
  const waitMs = options.submissionWaitMs ?? SUBMISSION_WAIT_MS;
  const submissions = createPgGroupCommit<Submission, SubmissionOutcome>({
    runOne: (submission) => submitOne(pool, waitMs, submission),
    runBatch: (batch) =>
      inSubmissionTransaction(pool, waitMs, (client) =>
        submitBatch(client, batch),
      ),
    // A refused row, a deadlock or a lock held too long is one submission's, or the batch's: each then
    // runs alone. A fault of the database would fail them all the same.
    retryAlone: (error) =>
      !pgFault(error) ||
      ["40P01", "55P03"].includes(String((error as { code?: unknown }).code)),
    keyOf: (submission) => submission.key,
    maxWaitMs: waitMs,
  });
  return mapStoreFaults<Store>(
    {
      async claimIdempotencyKey(key, fingerprint, now, staleAfterMs) {
        return inTransaction(pool, (client) =>
          claimKey(client, key, fingerprint, now, staleAfterMs),
        );
      },
      async releaseIdempotencyKey(key) {
        await pool.query(
          "DELETE FROM idempotency_keys WHERE key = $1 AND response IS NULL",
          [key],
        );
      },
      async createRequest(request, now, idempotencyKey, followUpHash) {
        return inTransaction(pool, (client) =>
          insertRequest(client, request, now, idempotencyKey, followUpHash),
        );
      },
      // Several at once share one transaction (pg-group-commit.ts); one alone runs as submitOne.
      submitRequest: submissions.run,
      async getRequest(reference) {
        const { rows } = await pool.query<PgRequestRow>(
          `SELECT ${REQUEST_ROW_COLUMNS} FROM requests WHERE reference = $1`,
          [reference],
        );
        return rows[0] && toStoredRequest(rows[0]);
      },
      async countRequests() {
        const { rows } = await pool.query<{ n: string }>(
          "SELECT count(*) AS n FROM requests",
        );
        return Number(rows[0]!.n);
      },
      async purgeIdempotencyKeys(before) {
        const { rowCount } = await pool.query(
          "DELETE FROM idempotency_keys WHERE created_at < $1",
          [before],
        );
        return rowCount ?? 0;
      },
      async close() {
        if (closed) return;
        closed = true;
        await submissions.drain();
        if (options.ownsPool) await pool.end();
      },
    },
    pgFault,
  );
}

/**
 * One submission in a transaction of its own: the key's row decides (see claimKey), and the request is
 * stored with its completed key or not at all.
 */
function submitOne(
  pool: pg.Pool,
  lockWaitMs: number,
  submission: Submission,
): Promise<SubmissionOutcome> {
  const { key, fingerprint, request, now, staleAfterMs } = submission;
  return inSubmissionTransaction(pool, lockWaitMs, async (client) => {
    const claim = await claimKey(client, key, fingerprint, now, staleAfterMs);
    if (claim.state !== "claimed") return claim;
    return {
      state: "created" as const,
      created: await insertRequest(
        client,
        request,
        now,
        key,
        submission.followUpHash,
      ),
    };
  });
}

/**
 * Stores a request inside the caller's transaction: the year's next number (Paris time), the row, and the
 * answer of its idempotency key if it has one.
 */
async function insertRequest(
  client: pg.PoolClient,
  request: NewRequest,
  now: Date,
  idempotencyKey?: string,
  followUpHash?: (reference: string) => string,
): Promise<CreatedRequest> {
  const year = referenceYear(now);
  // Atomic across instances; the year's row stays locked until the commit, so numbers never repeat and a
  // rolled-back transaction leaves no gap.
  const { rows } = await client.query<{ last: number }>(
    `INSERT INTO reference_sequences (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = reference_sequences.last + 1
     RETURNING last`,
    [year],
  );
  const created = {
    reference: formatReference(year, rows[0]!.last),
    createdAt: now.toISOString(),
  };
  const columns = requestColumns(request);
  await client.query(
    `INSERT INTO requests (reference, created_at, platform, route, category, subject, department, role,
                           email, message, context, follow_up_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      created.reference,
      now,
      columns.platform,
      columns.route,
      request.category,
      request.subject,
      columns.department ?? null,
      columns.role ?? null,
      // The free texts; the other columns' syntax is checked by the API (CreateRequestSchema).
      storableText(request.email) ?? null,
      storableText(request.message),
      storableJson(request.context),
      followUpHash?.(created.reference) ?? null,
    ],
  );
  if (idempotencyKey)
    await completeKey(client, idempotencyKey, { status: 201, body: created });
  return created;
}
