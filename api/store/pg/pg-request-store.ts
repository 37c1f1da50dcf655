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
import { inTransaction } from "./pg-transaction.ts";

export interface PgRequestStoreOptions {
  /** Whether `close()` ends the pool (default false: the pool is shared with the other stores). */
  ownsPool?: boolean;
  /**
   * How long a submission may wait for a transaction while others run before it is answered 503 (default
   * the pool's own wait for a connection, 5 s); tests shorten it.
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
  const submissions = createPgGroupCommit<Submission, SubmissionOutcome>({
    runOne: (submission) => submitOne(pool, submission),
    runBatch: (batch) =>
      inTransaction(pool, (client) => submitBatch(client, batch)),
    // A refused row or a deadlock is one submission's, or the batch's: each then runs alone. A fault of
    // the database would fail them all the same.
    retryAlone: (error) =>
      !pgFault(error) || (error as { code?: unknown }).code === "40P01",
    keyOf: (submission) => submission.key,
    ...(options.submissionWaitMs === undefined
      ? {}
      : { maxWaitMs: options.submissionWaitMs }),
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
  submission: Submission,
): Promise<SubmissionOutcome> {
  const { key, fingerprint, request, now, staleAfterMs } = submission;
  return inTransaction(pool, async (client) => {
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
