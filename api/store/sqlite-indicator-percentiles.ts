import type Database from "better-sqlite3";
import type { DurationFigures } from "../contract/indicators.ts";
import type { DayRange } from "./indicator-types.ts";
import {
  rollupSegments,
  segmentsSql,
  type IndicatorReach,
} from "./sqlite-indicator-periods.ts";
import { daysIn, mondayOf } from "./working-days.ts";

// Issue 13: exact percentiles (nearest rank) of the durations of a period without sorting them all. Sorting
// the 250 000 durations of 90 days at 1 M requests takes ≈ 95 ms; instead, (1) the histogram of the period
// by bucket (indicator_histogram, a few thousand rows) tells which bucket holds the wanted rank and the rank
// inside it, then (2) only that bucket's durations are read, in order, up to that rank. Buckets are
// monotonic (durationBucket), so the answer is the exact value the sorted list has at that rank. A bucket
// may hold a tenth of a year's durations (the automatic resolution after 14 days makes a peak): a large one
// is walked in the order of an index on (bucket, seconds) instead of being sorted. For départements the
// durations themselves are few (≈ 1 % each): over a short period the period's are counted by bucket; over a
// long one, the histogram is the difference of the running totals per bucket at both ends (migration 7).
// Their weekly medians: the octave (8 buckets) holding each whole week's median from weekly counts, then
// only that octave's durations of the week are sorted; a week cut by the period sorts all of its own.

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
 * Up to this many durations in the period per département, a few départements' are read by day (those of
 * the period, counted by bucket with a sort: ≈ 4 µs each); beyond, from the running totals (two lookups per
 * bucket and département, ≈ 150 buckets: about as costly at this number).
 */
const DEPARTMENT_BY_DAY_MAX = 300;

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
  // A long one: per bucket, the difference of two running totals (migration 7), for each of the
  // départements and each bucket from the lowest to the highest of that kind — two lookups each, whatever
  // the period's length.
  const totalAt = (bound: string) =>
    `coalesce((SELECT t.total FROM indicator_department_bucket_totals AS t
               WHERE t.department = d.value AND t.kind = @kind AND t.platform = @anyPlatform
                 AND t.role = @anyRole AND t.bucket = b.bucket AND t.day ${bound}
               ORDER BY t.day DESC LIMIT 1), 0)`;
  const longHistogram = db.prepare<Record<string, unknown>, BucketCount>(
    `WITH RECURSIVE b (bucket) AS (
       SELECT min(bucket) FROM indicator_durations WHERE kind = @kind
       UNION ALL SELECT bucket + 1 FROM b
       WHERE bucket < (SELECT max(bucket) FROM indicator_durations WHERE kind = @kind))
     SELECT bucket, n FROM (
       SELECT b.bucket, sum(${totalAt("<= @to")} - ${totalAt("< @from")}) AS n
       FROM json_each(@departments) AS d, b
       WHERE d.value IS NOT NULL
       GROUP BY b.bucket)
     WHERE n > 0 ORDER BY bucket`,
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
  // A few départements' weeks by octave of duration (migration 7), and the durations of one octave and week.
  const weeklyOctaves = db.prepare<
    Record<string, unknown>,
    BucketCount & { week: string }
  >(
    `SELECT week, octave AS bucket, sum(n) AS n FROM indicator_department_weeks
     WHERE department IN (SELECT value FROM json_each(@departments)) AND kind = @kind
       AND platform = @anyPlatform AND role = @anyRole AND week BETWEEN @from AND @to
     GROUP BY week, octave ORDER BY week, octave`,
  );
  const octaveAtRank = db
    .prepare<Record<string, unknown>, number>(
      `SELECT seconds FROM indicator_durations INDEXED BY indicator_durations_by_department_octave
       WHERE ${IN_DEPARTMENTS} AND kind = @kind AND bucket / 8 = @octave AND day BETWEEN @from AND @to
         AND ${FILTERS}
       ORDER BY seconds LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  const departmentFigures = (
    departments: number,
    count: number,
    p: Record<string, unknown>,
  ): DurationFigures => {
    if (count <= departmentByDayMax * departments)
      return figuresOf(shortHistogram.all(p), ({ bucket, offset }) =>
        shortInBucket.get({ ...p, bucket, offset })!,
      );
    const buckets = longHistogram.all(p);
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
      return departmentFigures(reach.departments.length, count, p);
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
      if (reach.departments !== null) {
        // Whole weeks: the octave of the median from migration 7's weekly counts, then that octave's
        // durations of the week; a week cut by the range sorts its own.
        const octaves = new Map<string, BucketCount[]>();
        for (const { week, bucket, n } of weeklyOctaves.all(p))
          octaves.set(week, [...(octaves.get(week) ?? []), { bucket, n }]);
        return weeks.map((week, i) => {
          const n = counts[i] ?? 0;
          if (n === 0) return null;
          const whole = daysIn(week) === 7;
          if (!whole)
            return departmentAtRank.get({
              ...p,
              from: week.from,
              to: week.to,
              offset: nearestRanks(n)[0] - 1,
            })!;
          const histogram = octaves.get(week.from) ?? [];
          const total = histogram.reduce((sum, octave) => sum + octave.n, 0);
          if (total === 0) return null;
          const { bucket, offset } = locate(histogram, nearestRanks(total)[0]);
          return octaveAtRank.get({
            ...p,
            from: week.from,
            to: week.to,
            octave: bucket,
            offset,
          })!;
        });
      }
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
