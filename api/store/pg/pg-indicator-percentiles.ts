import type pg from "pg";
import type { DurationFigures } from "../../contract/indicators.ts";
import { nearestRanks } from "../indicator-ranks.ts";
import type { DayRange } from "../indicator-types.ts";
import { totalAt, type PgReach } from "./pg-indicator-read.ts";

// Issue 15: exact percentiles (nearest rank) of the durations of a period without sorting them all, as on
// SQLite (sqlite-indicator-percentiles.ts): (1) the histogram of the period by bucket — the difference of
// each bucket line's running totals at both ends (migration 7), a few hundred index lookups whatever the
// period's length — tells which bucket holds each wanted rank and the rank inside it; (2) only that
// bucket's durations of the period are read, in order, up to that rank. Buckets are monotonic
// (snu_duration_bucket), so the answer is the value the sorted list has at that rank. Ranks: ⌈n/2⌉ and
// ⌈9n/10⌉, in integer arithmetic (indicator-ranks.ts). A few départements' durations of a short period
// are fewer than their lines (≈ 150 per département and kind): those are sorted as they are.

export type DurationKind = "reply" | "resolution";

/** Up to this many durations, a few départements' are sorted (≈ 1 µs each) rather than located. */
export const SORTED_DEPARTMENT_MAX = 3000;

/** How the durations are read: `sortedDepartmentMax` (default above) is set by tests to reach every path. */
export interface PercentileOptions {
  sortedDepartmentMax: number;
}

interface Located {
  rank: number;
  bucket: number;
  skip: number;
}

// The buckets' durations in the period (each line's two lookups made once: MATERIALIZED), cumulated in
// bucket order; for each wanted rank ($7), its bucket.
const LOCATE_SQL = `
  WITH histogram AS MATERIALIZED (
    SELECT l.bucket, sum(${totalAt("<= $6::date")} - ${totalAt("< $5::date")})::integer AS n
    FROM indicator_lines AS l
    WHERE l.scope = ANY($1::text[]) AND l.what = $2 AND l.platform = $3 AND l.role = $4
    GROUP BY l.bucket
  ), cumulated AS (
    SELECT bucket, n, sum(n) OVER (ORDER BY bucket) - n AS before FROM histogram WHERE n > 0
  )
  SELECT r.rank, c.bucket, (r.rank - c.before - 1)::integer AS skip
  FROM cumulated AS c
  JOIN unnest($7::integer[]) AS r (rank) ON r.rank > c.before AND r.rank <= c.before + c.n`;

/** The filters of a reach on indicator_durations `d`, from parameter `$first` on (départements, platform, role). */
const durationFilters = (reach: PgReach, first: number) =>
  `${reach.departments === null ? `$${first}::text[] IS NULL` : `d.department = ANY($${first}::text[])`}
   AND ($${first + 1}::text IS NULL OR d.platform = $${first + 1})
   AND ($${first + 2}::text IS NULL OR d.role = $${first + 2})`;

const filterValues = (reach: PgReach) => [
  reach.departments,
  reach.platform,
  reach.role,
];

/** The duration at 0-based rank `skip` of one bucket of a period. */
const inBucketSql = (reach: PgReach) =>
  `SELECT d.seconds::float8 AS seconds FROM indicator_durations AS d
   WHERE d.kind = $1 AND d.bucket = $2 AND d.day BETWEEN $3::date AND $4::date
     AND ${durationFilters(reach, 6)}
   ORDER BY d.seconds OFFSET $5 LIMIT 1`;

/** A few départements' durations of a period at the ranks $4 (1-based), in rank order: one sort. */
const sortedSql = (reach: PgReach) =>
  `SELECT seconds::float8 AS seconds FROM (
     SELECT d.seconds, row_number() OVER (ORDER BY d.seconds) AS rank FROM indicator_durations AS d
     WHERE d.kind = $1 AND d.day BETWEEN $2::date AND $3::date AND ${durationFilters(reach, 5)}
   ) AS ranked
   WHERE rank = ANY($4::bigint[])
   ORDER BY rank`;

// Whole weeks: each one's histogram (migration 7's indicator_weeks), the bucket of its median, and that
// bucket's durations of the week read up to it, all in one statement.
const weeklyMediansSql = (reach: PgReach) => `
  WITH histogram AS (
    SELECT week, bucket, sum(n)::integer AS n FROM indicator_weeks
    WHERE scope = ANY($1::text[]) AND kind = $2 AND platform = $3 AND role = $4 AND week = ANY($5::date[])
    GROUP BY week, bucket
  ), cumulated AS (
    SELECT week, bucket, n, sum(n) OVER (PARTITION BY week ORDER BY bucket) - n AS before,
           (sum(n) OVER (PARTITION BY week) + 1) / 2 AS rank
    FROM histogram
  )
  SELECT c.week::text AS week,
         (SELECT d.seconds::float8 FROM indicator_durations AS d
          WHERE d.kind = $2 AND d.bucket = c.bucket AND d.day BETWEEN c.week AND c.week + 6
            AND ${durationFilters(reach, 6)}
          ORDER BY d.seconds OFFSET c.rank - c.before - 1 LIMIT 1) AS median
  FROM cumulated AS c
  WHERE c.rank > c.before AND c.rank <= c.before + c.n`;

/**
 * The durations of a kind whose day is in the range, within the reach, at the given ranks (1-based, each at
 * most `count`); `count`, how many there are (the counters know), chooses how they are read.
 */
async function valuesAtRanks(
  client: pg.PoolClient,
  options: PercentileOptions,
  kind: DurationKind,
  reach: PgReach,
  range: DayRange,
  count: number,
  ranks: readonly number[],
): Promise<number[]> {
  if (reach.departments !== null && count <= options.sortedDepartmentMax) {
    const { rows } = await client.query<{ seconds: number }>(sortedSql(reach), [
      kind,
      range.from,
      range.to,
      ranks,
      ...filterValues(reach),
    ]);
    const byRank = new Map(
      [...new Set(ranks)].sort((a, b) => a - b).map((rank, i) => [rank, i]),
    );
    return ranks.map((rank) => rows[byRank.get(rank)!]!.seconds);
  }
  const { rows } = await client.query<Located>(LOCATE_SQL, [
    reach.scopes,
    kind,
    reach.anyPlatform,
    reach.anyRole,
    range.from,
    range.to,
    ranks,
  ]);
  const values: number[] = [];
  for (const rank of ranks) {
    const at = rows.find((row) => row.rank === rank)!;
    const found = await client.query<{ seconds: number }>(inBucketSql(reach), [
      kind,
      at.bucket,
      range.from,
      range.to,
      at.skip,
      ...filterValues(reach),
    ]);
    values.push(found.rows[0]!.seconds);
  }
  return values;
}

/**
 * Count, median and 90th percentile of a kind's durations whose day is in the range, within the reach;
 * `count`, how many there are (the counters know).
 */
export async function durationFigures(
  client: pg.PoolClient,
  options: PercentileOptions,
  kind: DurationKind,
  reach: PgReach,
  range: DayRange,
  count: number,
): Promise<DurationFigures> {
  if (count === 0) return { count, median: null, p90: null };
  const [median, p90] = await valuesAtRanks(
    client,
    options,
    kind,
    reach,
    range,
    count,
    nearestRanks(count),
  );
  return { count, median: median!, p90: p90! };
}

/**
 * The median of a kind's durations in each week of `weeks` (Monday to Sunday, cut to the period), null for a
 * week without any; `counts`, how many each week has (the counters know). Whole weeks are read from the
 * weekly histograms; a cut one as a period.
 */
export async function weeklyMedians(
  client: pg.PoolClient,
  options: PercentileOptions,
  kind: DurationKind,
  reach: PgReach,
  weeks: readonly DayRange[],
  counts: readonly number[],
  whole: (week: DayRange) => boolean,
): Promise<(number | null)[]> {
  const mondays = weeks
    .filter((week, i) => whole(week) && counts[i]! > 0)
    .map((week) => week.from);
  const { rows } = mondays.length
    ? await client.query<{ week: string; median: number }>(
        weeklyMediansSql(reach),
        [
          reach.scopes,
          kind,
          reach.anyPlatform,
          reach.anyRole,
          mondays,
          ...filterValues(reach),
        ],
      )
    : { rows: [] };
  const byWeek = new Map(rows.map((row) => [row.week, row.median]));
  const medians: (number | null)[] = [];
  for (const [i, week] of weeks.entries()) {
    const count = counts[i]!;
    if (count === 0) medians.push(null);
    else if (whole(week)) medians.push(byWeek.get(week.from) ?? null);
    else
      medians.push(
        (
          await valuesAtRanks(client, options, kind, reach, week, count, [
            nearestRanks(count)[0],
          ])
        )[0]!,
      );
  }
  return medians;
}
