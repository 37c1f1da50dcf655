import type pg from "pg";
import type { RateCounter } from "../rate-counter.ts";
import { createSharedKeyHash } from "../shared-key-hash.ts";
import { mapStoreFaults } from "../store-faults.ts";
import { pgFault } from "./pg-faults.ts";
import { purgeInBatches, type PurgeLimits } from "./pg-purge-batches.ts";

export interface PgRateCountersOptions {
  /** The secret every instance shares (the follow-up secret): addresses are kept as HMACs under it. */
  secret: Buffer;
}

export interface PgRateCounters {
  /** The counter of one limit; `bucket` names it ('requests', 'suivi'…): two limits never share counts. */
  counter(bucket: string): RateCounter;
  /**
   * Deletes the windows ended at `now`, oldest first, in bounded batches (pg-purge-batches.ts); returns
   * how many went. Safe on several instances at once, and alongside hits (see the statement).
   */
  purge(now: Date, limits?: PurgeLimits): Promise<number>;
}

/**
 * The rate limits' counters on PostgreSQL (migration 5), shared by every instance on the database: N
 * instances allow the limit once between them, not N times. Faults of the database become
 * `StoreUnavailableError`: the limited request answers 503 instead of going through uncounted.
 *
 * Windows are fixed and start at the first hit of an address, dated by the instance's clock (as in
 * memory): instances whose clocks disagree by a few seconds move a window's end by as much, no more.
 */
export function createPostgresRateCounters(
  pool: pg.Pool,
  options: PgRateCountersOptions,
): PgRateCounters {
  const hash = createSharedKeyHash(options.secret, "rate limits");
  return mapStoreFaults<PgRateCounters>(
    {
      counter(bucket) {
        return mapStoreFaults<RateCounter>(
          {
            async hit(address, now, windowMs) {
              // One statement, atomic: the conflicting row is locked, and both CASEs read its values as they
              // were before this hit. A finished window restarts here, in the same statement as the count.
              const { rows } = await pool.query<{
                count: number;
                reset_at: Date;
              }>(
                `INSERT INTO rate_counters AS c (bucket, key, count, reset_at)
               VALUES ($1, $2, 1, $4::timestamptz)
               ON CONFLICT (bucket, key) DO UPDATE SET
                 count = CASE WHEN c.reset_at <= $3 THEN 1 ELSE c.count + 1 END,
                 reset_at = CASE WHEN c.reset_at <= $3 THEN $4 ELSE c.reset_at END
               RETURNING count, reset_at`,
                [
                  bucket,
                  hash(address),
                  new Date(now),
                  new Date(now + windowMs),
                ],
              );
              const row = rows[0]!;
              return { count: row.count, resetAt: row.reset_at.getTime() };
            },
          },
          pgFault,
        );
      },
      purge: (now, limits = {}) =>
        purgeInBatches(
          pool,
          // The outer condition is checked again on the row as it is when locked: a window that a hit
          // restarted meanwhile is kept.
          `DELETE FROM rate_counters WHERE (bucket, key) IN (
           SELECT bucket, key FROM rate_counters WHERE reset_at <= $1 ORDER BY reset_at LIMIT $2
             FOR UPDATE SKIP LOCKED
         ) AND reset_at <= $1`,
          now,
          limits,
        ),
    },
    pgFault,
  );
}
