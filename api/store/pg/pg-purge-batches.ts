import type pg from "pg";

export interface PurgeLimits {
  /** Rows per statement (default 5,000): each statement holds its row locks only briefly. */
  batch?: number;
  /** Statements per call (default 20): one call's work is bounded, whatever an attack left behind. */
  maxBatches?: number;
}

/**
 * Runs `sql`, a `DELETE` of at most $2 rows older than $1, until a batch comes out short or `maxBatches`
 * ran; returns how many rows went. Each statement commits on its own: a purge never holds many locks.
 */
export async function purgeInBatches(
  pool: pg.Pool,
  sql: string,
  before: Date,
  { batch = 5_000, maxBatches = 20 }: PurgeLimits,
): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { rowCount } = await pool.query(sql, [before, batch]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) break;
  }
  return total;
}
