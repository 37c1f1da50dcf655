import type Database from "better-sqlite3";
import type { DurationFigures } from "../contract/indicators.ts";
import type { DayRange } from "./indicator-types.ts";
import {
  figuresOf,
  locate,
  nearestRanks,
  type BucketCount,
} from "./indicator-ranks.ts";
import { REACH_FILTERS as FILTERS } from "./sqlite-indicator-periods.ts";
import { daysIn } from "./working-days.ts";

// Issue 13: the exact percentiles of a few départements' durations (≈ 1 % of them each, spread thin). Over a
// short period, the period's durations are counted by bucket; over a long one, the histogram is the
// difference of the running totals per bucket at both ends (migration 7). Weekly medians: the octave holding
// each whole week's median from migration 7's weekly counts, then only that octave's durations of the week
// are sorted; a week cut by the period sorts all of its own.

/**
 * Up to this many durations in the period per département, a few départements' are read by day (those of
 * the period, counted by bucket with a sort: ≈ 4 µs each); beyond, from the running totals (two lookups per
 * bucket and département, ≈ 150 buckets: about as costly at this number).
 */
const DEPARTMENT_BY_DAY_MAX = 300;

const IN_DEPARTMENTS =
  "department IN (SELECT value FROM json_each(@departments)) AND department IS NOT NULL";

/** `p`: the query's parameters (kind, range, filters, '*' for any, the départements as JSON). */
export function createDepartmentPercentiles(
  db: Database.Database,
  departmentByDayMax = DEPARTMENT_BY_DAY_MAX,
) {
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
  return {
    /** Figures of `count` durations (the counters know) of `departments` départements. */
    figures(
      departments: number,
      count: number,
      p: Record<string, unknown>,
    ): DurationFigures {
      if (count <= departmentByDayMax * departments)
        return figuresOf(shortHistogram.all(p), ({ bucket, offset }) =>
          shortInBucket.get({ ...p, bucket, offset })!,
        );
      const buckets = longHistogram.all(p);
      return figuresOf(buckets, ({ bucket, offset }) =>
        longInBucket.get({ ...p, bucket, offset })!,
      );
    },

    /** The median of each week of `weeks`, whose durations number `counts`. */
    weeklyMedians(
      p: Record<string, unknown>,
      weeks: readonly DayRange[],
      counts: readonly number[],
    ): (number | null)[] {
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
    },
  };
}
