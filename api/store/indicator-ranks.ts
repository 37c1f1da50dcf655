import type { DurationFigures } from "../contract/indicators.ts";

// Issue 13: nearest-rank percentiles found through a histogram — which class holds a rank, and where in it.
// Classes are buckets of durations (durationBucket) or octaves (8 buckets); both never go down, so the value
// at a rank is that class's value at the rank inside it.

/** Ranks of the median and the 90th percentile among n sorted values (1-based; integer arithmetic). */
export const nearestRanks = (n: number) =>
  [Math.ceil(n / 2), Math.ceil((9 * n) / 10)] as const;

export interface BucketCount {
  bucket: number;
  n: number;
}

export type Located = ReturnType<typeof locate>;

/**
 * The bucket holding rank `rank` (1-based) of a histogram in bucket order, the 0-based rank inside it and
 * how many durations the bucket holds.
 */
export function locate(histogram: readonly BucketCount[], rank: number) {
  let before = 0;
  for (const { bucket, n } of histogram) {
    if (before + n >= rank) return { bucket, offset: rank - before - 1, n };
    before += n;
  }
  throw new Error(`Rank ${rank} beyond the histogram (${before} values)`);
}

/** Count, median and 90th percentile of a histogram's values, the ranked ones read by `valueAt`. */
export function figuresOf(
  buckets: readonly BucketCount[],
  valueAt: (at: Located) => number,
): DurationFigures {
  const count = buckets.reduce((sum, { n }) => sum + n, 0);
  if (count === 0) return { count, median: null, p90: null };
  const [median, p90] = nearestRanks(count).map((rank) =>
    valueAt(locate(buckets, rank)),
  );
  return { count, median: median!, p90: p90! };
}
