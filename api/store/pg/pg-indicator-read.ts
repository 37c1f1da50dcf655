import type pg from "pg";
import type { IndicatorFilter } from "../indicator-types.ts";
import { indicatorReach } from "../indicator-periods.ts";
import type { Scope } from "../support-types.ts";
import { transactionOn, withConnection } from "./pg-transaction.ts";

// Issue 15: how the indicators are read on PostgreSQL (migration 7). The writes only append facts; a read
// folds them into the rollups first, then reads the rollups on one snapshot.

/** Facts folded per transaction: a first read after a long quiet spell folds in steps of this size. */
const FOLD_BATCH = 20_000;

/**
 * Folds pending facts into the rollups (migration 7's indicator_fold), each batch its own transaction, until
 * none is left or `maxBatches` were folded; a fold waits for another instance's running one, then folds what
 * is left. The minute job (api/server/indicator-fold-job.ts) folds everything; a read folds one batch at most.
 */
export async function foldIndicators(
  client: pg.Pool | pg.PoolClient,
  maxBatches = Infinity,
): Promise<void> {
  for (let batch = 0; batch < maxBatches; batch++) {
    const { rows } = await client.query<{ n: number }>(
      "SELECT indicator_fold($1) AS n",
      [FOLD_BATCH],
    );
    if (rows[0]!.n < FOLD_BATCH) return;
  }
}

/**
 * Folds the pending facts, then runs `read` in one REPEATABLE READ, READ ONLY transaction: its queries see
 * the same fold (a histogram and the durations it counts always agree), and it waits for nothing and
 * blocks nothing. The fold is one batch at most (FOLD_BATCH facts, about a second): what a minute brings, so
 * a read sees every write before it; after a bulk import of more, the figures catch up as the minute job
 * folds the rest, instead of a console read holding a connection for minutes.
 */
export function readIndicators<T>(
  pool: pg.Pool,
  read: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withConnection(pool, async (client) => {
    await foldIndicators(client, 1);
    return transactionOn(
      client,
      read,
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  });
}

/**
 * What a query reads, as parameters: `scopes` the rollups' scopes ('' all requests, else départements; none:
 * every figure is zero), `departments` null for all requests; `platform` and `role` null when not filtered
 * (`role` '' for requests without identity), `anyPlatform` and `anyRole` the same with '*' for any (the
 * durations' lines and weeks).
 */
export interface PgReach {
  scopes: string[];
  departments: string[] | null;
  platform: string | null;
  role: string | null;
  anyPlatform: string;
  anyRole: string;
}

export function pgReach(scope: Scope, filter: IndicatorFilter): PgReach {
  const reach = indicatorReach(scope, filter);
  return {
    scopes: reach.departments ?? [""],
    departments: reach.departments,
    platform: reach.platform,
    role: reach.role,
    anyPlatform: reach.platform ?? "*",
    anyRole: reach.role ?? "*",
  };
}

/**
 * The running total of line `l` at the end of a day (`<= $n`) or before it (`< $n`): the latest row on or
 * before it (migration 7), 0 without any.
 */
export const totalAt = (bound: string) =>
  `coalesce((SELECT t.total FROM indicator_totals AS t
             WHERE t.line = l.id AND t.day ${bound} ORDER BY t.day DESC LIMIT 1), 0)`;

/** A bound of rollupSegments (indicator-periods.ts) as a date, null for an empty part: selects nothing. */
export const dayOrNull = (bound: string) =>
  bound.length === 10 ? bound : null;
