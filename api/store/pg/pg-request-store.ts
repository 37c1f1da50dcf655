import type pg from "pg";
import type { CreatedRequest } from "../../contract/request.ts";
import { mapStoreFaults } from "../store-faults.ts";
import {
  formatReference,
  referenceYear,
  requestColumns,
  type NewRequest,
  type Store,
} from "../store.ts";
import { pgFault } from "./pg-faults.ts";
import { claimKey, completeKey } from "./pg-idempotency.ts";
import {
  REQUEST_ROW_COLUMNS,
  toStoredRequest,
  type PgRequestRow,
} from "./pg-request-rows.ts";
import { storableJson, storableText } from "./pg-text.ts";
import { inTransaction } from "./pg-transaction.ts";

export interface PgRequestStoreOptions {
  /** Whether `close()` ends the pool (default false: the pool is shared with the other stores). */
  ownsPool?: boolean;
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
      // One transaction: the key's row decides (see claimKey), and the request is stored with its
      // completed key or not at all.
      async submitRequest(submission) {
        const { key, fingerprint, request, now, staleAfterMs } = submission;
        return inTransaction(pool, async (client) => {
          const claim = await claimKey(
            client,
            key,
            fingerprint,
            now,
            staleAfterMs,
          );
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
      },
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
        if (options.ownsPool) await pool.end();
      },
    },
    pgFault,
  );
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
