import type Database from "better-sqlite3";
import type { DurationFigures } from "../contract/indicators.ts";
import type { DayRange } from "./indicator-types.ts";
import {
  rollupSegments,
  segmentsSql,
  type IndicatorReach,
} from "./sqlite-indicator-periods.ts";
import { mondayOf } from "./working-days.ts";

// Issue 13: exact percentiles (nearest rank) of the durations of a period without sorting them all. Sorting
// the 250 000 durations of 90 days at 1 M requests takes ≈ 95 ms; instead, (1) the histogram of the period
// by bucket (indicator_histogram, a few thousand rows) tells which bucket holds the wanted rank and the rank
// inside it, then (2) only that bucket's durations are read, in order, up to that rank. Buckets are
// monotonic (durationBucket), so the answer is the exact value the sorted list has at that rank. A bucket
// may hold a tenth of a year's durations (the automatic resolution after 14 days makes a peak): a large one
// is walked in the order of an index on (bucket, seconds) instead of being sorted. For départements the
// durations themselves are few (≈ 1 % each): over a short period the period's are counted by bucket; over a
// long one, one département at a time in the order of an index on (département, bucket), which needs no
// sorting. Their weekly medians sort each week's.

export type DurationKind = "reply" | "resolution";

/** Ranks of the median and the 90th percentile among n sorted values (1-based; integer arithmetic). */
export const nearestRanks = (n: number) =>
  [Math.ceil(n / 2), Math.ceil((9 * n) / 10)] as const;

interface BucketCount {
  bucket: number;
  n: number;
}

/** A bucket of this many durations in the period or fewer is sorted; a larger one is walked in order. */
const SORTED_BUCKET_MAX = 4000;

/**
 * Up to this many durations in the period, a few départements' are read by day (those of the period only,
 * counted by bucket with a sort); beyond, by bucket (all of theirs, of every period, but counted without
 * sorting) — about as costly at this number, at 1 M requests.
 */
const DEPARTMENT_BY_DAY_MAX = 40_000;

/**
 * The bucket holding rank `rank` (1-based) of a histogram in bucket order, the 0-based rank inside it and
 * how many durations the bucket holds.
 */
function locate(histogram: readonly BucketCount[], rank: number) {
  let before = 0;
  for (const { bucket, n } of histogram) {
    if (before + n >= rank) return { bucket, offset: rank - before - 1, n };
    before += n;
  }
  throw new Error(`Rank ${rank} beyond the histogram (${before} values)`);
}

const FILTERS =
  "(@platform IS NULL OR platform = @platform) AND (@role IS NULL OR role = @role)";
const IN_DEPARTMENTS =
  "department IN (SELECT value FROM json_each(@departments)) AND department IS NOT NULL";

/** How the durations are read; the defaults suit 1 M requests, tests set others to reach every path. */
export interface PercentileOptions {
  sortedBucketMax?: number;
  departmentByDayMax?: number;
}

export function createSqlitePercentiles(
  db: Database.Database,
  {
    sortedBucketMax = SORTED_BUCKET_MAX,
    departmentByDayMax = DEPARTMENT_BY_DAY_MAX,
  }: PercentileOptions = {},
) {
  // All requests: the histograms by platform and role, '*' standing for any.
  const histogram = db.prepare<Record<string, unknown>, BucketCount>(
    `SELECT bucket, sum(n) AS n FROM (${segmentsSql(
      "bucket, n",
      "indicator_histogram",
      "kind = @kind AND platform = @anyPlatform AND role = @anyRole",
    )}) GROUP BY bucket ORDER BY bucket`,
  );
  const weeklyHistogram = db.prepare<
    Record<string, unknown>,
    BucketCount & { week: string }
  >(
    `SELECT week, bucket, sum(n) AS n FROM (${segmentsSql(
      "CASE grain WHEN 7 THEN start ELSE snu_monday(start) END AS week, bucket, n",
      "indicator_histogram",
      "kind = @kind AND platform = @anyPlatform AND role = @anyRole",
    )}) GROUP BY week, bucket ORDER BY week, bucket`,
  );
  const sortedInBucket = db
    .prepare<Record<string, unknown>, number>(
      `SELECT seconds FROM indicator_durations INDEXED BY indicator_durations_by_bucket_day
       WHERE kind = @kind AND bucket = @bucket AND day BETWEEN @from AND @to AND ${FILTERS}
       ORDER BY seconds LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  const walkedInBucket = db
    .prepare<Record<string, unknown>, number>(
      `SELECT seconds FROM indicator_durations INDEXED BY indicator_durations_by_bucket_seconds
       WHERE kind = @kind AND bucket = @bucket AND day BETWEEN @from AND @to AND ${FILTERS}
       ORDER BY seconds LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  const inBucket = (
    p: Record<string, unknown>,
    { bucket, offset, n }: ReturnType<typeof locate>,
  ) =>
    (n > sortedBucketMax ? walkedInBucket : sortedInBucket).get({
      ...p,
      bucket,
      offset,
    })!;

  // Départements, a short period: its durations through the index that leads with the day (a few thousand).
  const shortHistogram = db.prepare<Record<string, unknown>, BucketCount>(
    `SELECT bucket, count(*) AS n FROM indicator_durations INDEXED BY indicator_durations_by_department_day
     WHERE ${IN_DEPARTMENTS} AND kind = @kind AND day BETWEEN @from AND @to AND ${FILTERS}
     GROUP BY bucket ORDER BY bucket`,
  );
  const shortInBucket = db
    .prepare<Record<string, unknown>, number>(
      `SELECT seconds FROM indicator_durations INDEXED BY indicator_durations_by_department_day
       WHERE ${IN_DEPARTMENTS} AND kind = @kind AND day BETWEEN @from AND @to AND bucket = @bucket
         AND ${FILTERS}
       ORDER BY seconds LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  // A long one: one département at a time in the order of buckets (no sorting), then one bucket's durations.
  const longHistogram = db.prepare<Record<string, unknown>, BucketCount>(
    `SELECT bucket, count(*) AS n FROM indicator_durations INDEXED BY indicator_durations_by_department
     WHERE department = @department AND kind = @kind AND day BETWEEN @from AND @to AND ${FILTERS}
     GROUP BY bucket`,
  );
  const longInBucket = db
    .prepare<Record<string, unknown>, number>(
      `SELECT seconds FROM indicator_durations INDEXED BY indicator_durations_by_department
       WHERE ${IN_DEPARTMENTS} AND kind = @kind AND bucket = @bucket AND day BETWEEN @from AND @to
         AND ${FILTERS}
       ORDER BY seconds LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  // A few départements' duration at a rank of a short period (a week: a few thousand to sort).
  const departmentAtRank = db
    .prepare<Record<string, unknown>, number>(
      `SELECT seconds FROM indicator_durations INDEXED BY indicator_durations_by_department_day
       WHERE ${IN_DEPARTMENTS} AND kind = @kind AND day BETWEEN @from AND @to AND ${FILTERS}
       ORDER BY seconds LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  const departmentFigures = (
    departments: readonly string[],
    count: number,
    p: Record<string, unknown>,
  ): DurationFigures => {
    if (count <= departmentByDayMax)
      return figuresOf(shortHistogram.all(p), ({ bucket, offset }) =>
        shortInBucket.get({ ...p, bucket, offset })!,
      );
    const sums = new Map<number, number>();
    for (const department of departments)
      for (const { bucket, n } of longHistogram.all({ ...p, department }))
        sums.set(bucket, (sums.get(bucket) ?? 0) + n);
    const buckets = [...sums]
      .map(([bucket, n]) => ({ bucket, n }))
      .sort((a, b) => a.bucket - b.bucket);
    return figuresOf(buckets, ({ bucket, offset }) =>
      longInBucket.get({ ...p, bucket, offset })!,
    );
  };

  const params = (
    kind: DurationKind,
    reach: IndicatorReach,
    range: DayRange,
  ) => ({
    kind,
    from: range.from,
    to: range.to,
    platform: reach.platform,
    role: reach.role,
    anyPlatform: reach.platform ?? "*",
    anyRole: reach.role ?? "*",
    departments: JSON.stringify(reach.departments ?? []),
  });

  /** Count, median and 90th percentile of a histogram's values, the ranked ones read by `valueAt`. */
  const figuresOf = (
    buckets: readonly BucketCount[],
    valueAt: (at: ReturnType<typeof locate>) => number,
  ): DurationFigures => {
    const count = buckets.reduce((sum, { n }) => sum + n, 0);
    if (count === 0) return { count, median: null, p90: null };
    const [median, p90] = nearestRanks(count).map((rank) =>
      valueAt(locate(buckets, rank)),
    );
    return { count, median: median!, p90: p90! };
  };

  return {
    /**
     * The durations of a kind whose event's day is in the range, within the reach; `count`, how many there
     * are (the counters know), chooses how a few départements' are read.
     */
    figures(
      kind: DurationKind,
      reach: IndicatorReach,
      range: DayRange,
      count: number,
    ): DurationFigures {
      const p = params(kind, reach, range);
      if (count === 0) return { count, median: null, p90: null };
      if (reach.departments === null)
        return figuresOf(
          histogram.all({ ...p, ...rollupSegments(range) }),
          (at) => inBucket(p, at),
        );
      return departmentFigures(reach.departments, count, p);
    },

    /**
     * The median of each week (cut to the range). For départements, `counts` (the durations of each week, the
     * counters know) give the rank: each week's are sorted (reading a year of them at once costs more).
     */
    weeklyMedians(
      kind: DurationKind,
      reach: IndicatorReach,
      range: DayRange,
      weeks: readonly DayRange[],
      counts: readonly number[],
    ): (number | null)[] {
      const p = params(kind, reach, range);
      if (reach.departments !== null)
        return weeks.map((week, i) => {
          const n = counts[i] ?? 0;
          if (n === 0) return null;
          return departmentAtRank.get({
            ...p,
            from: week.from,
            to: week.to,
            offset: nearestRanks(n)[0] - 1,
          })!;
        });
      const byWeek = new Map<string, BucketCount[]>();
      for (const row of weeklyHistogram.all({
        ...p,
        ...rollupSegments(range),
      })) {
        const buckets = byWeek.get(row.week) ?? [];
        buckets.push(row);
        byWeek.set(row.week, buckets);
      }
      return weeks.map((week) => {
        const buckets = byWeek.get(mondayOf(week.from)) ?? [];
        const count = buckets.reduce((sum, { n }) => sum + n, 0);
        if (count === 0) return null;
        return inBucket(
          { ...p, from: week.from, to: week.to },
          locate(buckets, nearestRanks(count)[0]),
        );
      });
    },
  };
}
