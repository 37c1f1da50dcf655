import type Database from "better-sqlite3";
import type { DurationFigures } from "../contract/indicators.ts";
import {
  figuresOf,
  locate,
  nearestRanks,
  type BucketCount,
  type Located,
} from "./indicator-ranks.ts";
import { createDepartmentPercentiles } from "./sqlite-indicator-department-percentiles.ts";
import type { DayRange } from "./indicator-types.ts";
import { rollupSegments, type IndicatorReach } from "./indicator-periods.ts";
import {
  REACH_FILTERS as FILTERS,
  segmentsSql,
} from "./sqlite-indicator-periods.ts";
import { mondayOf } from "./working-days.ts";

// Issue 13: exact percentiles (nearest rank) of the durations of a period without sorting them all. Sorting
// the 250 000 durations of 90 days at 1 M requests takes ≈ 95 ms; instead, (1) the histogram of the period
// by bucket (indicator_histogram, a few thousand rows) tells which bucket holds the wanted rank and the rank
// inside it, then (2) only that bucket's durations are read, in order, up to that rank. Buckets are
// monotonic (durationBucket), so the answer is the exact value the sorted list has at that rank. A bucket
// may hold a tenth of a year's durations (the automatic resolution after 14 days makes a peak): a large one
// is walked in the order of an index on (bucket, seconds) instead of being sorted. Départements are read
// their own way (sqlite-indicator-department-percentiles.ts).

export type DurationKind = "reply" | "resolution";

/** A bucket of this many durations in the period or fewer is sorted; a larger one is walked in order. */
const SORTED_BUCKET_MAX = 4000;

/** How the durations are read; the defaults suit 1 M requests, tests set others to reach every path. */
export interface PercentileOptions {
  sortedBucketMax?: number;
  departmentByDayMax?: number;
}

export function createSqlitePercentiles(
  db: Database.Database,
  {
    sortedBucketMax = SORTED_BUCKET_MAX,
    departmentByDayMax,
  }: PercentileOptions = {},
) {
  const departments = createDepartmentPercentiles(db, departmentByDayMax);
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
    { bucket, offset, n }: Located,
  ) =>
    (n > sortedBucketMax ? walkedInBucket : sortedInBucket).get({
      ...p,
      bucket,
      offset,
    })!;

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
      return departments.figures(reach.departments.length, count, p);
    },

    /**
     * The median of each week (cut to the range). For départements, `counts` are the durations of each week
     * (the counters know).
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
        return departments.weeklyMedians(p, weeks, counts);
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
