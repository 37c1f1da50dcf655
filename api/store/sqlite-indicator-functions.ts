import type Database from "better-sqlite3";
import {
  answeredWithin2WorkingDays,
  mondayOf,
  parisDay,
} from "./working-days.ts";

// Issue 13: the SQL functions the indicators' triggers call (migration 6). They must be registered on every
// connection that writes requests, messages or ratings BEFORE it migrates or writes: createSqliteStore does
// it, and so must any other code that opens the file to write (the benchmark's seeding does).

/** Bucket boundaries per doubling of a duration: a bucket spans at most 1/8 of its lower bound (≈ 12 %). */
const BUCKETS_PER_OCTAVE = 8;

/**
 * The histogram bucket of a duration in whole seconds: 8 buckets per doubling of `seconds + 1`, found with
 * integer arithmetic only (the bit length, then the next 3 bits), so that it is exactly monotonic — every
 * duration of a lower bucket is smaller than every one of a higher bucket, which the exact percentiles rely
 * on (sqlite-indicator-percentiles.ts). Negative durations (a clock set back) fall in bucket 0.
 */
export function durationBucket(seconds: number): number {
  const x = Math.max(0, Math.floor(seconds)) + 1;
  const octave = Math.floor(Math.log2(x));
  // log2 of a float may be off by one near powers of two: put the octave right by comparing integers.
  const low =
    2 ** octave > x ? octave - 1 : 2 ** (octave + 1) <= x ? octave + 1 : octave;
  if (low < 3) return low * BUCKETS_PER_OCTAVE + (x - 2 ** low);
  const step = 2 ** (low - 3);
  return low * BUCKETS_PER_OCTAVE + Math.floor((x - 2 ** low) / step);
}

/** Whole seconds from one ISO instant to another, floored (as indicator-types.ts defines durations). */
export function secondsBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 1000);
}

/**
 * `parisDay` with a memo on the UTC hour: Paris has been UTC+1 or UTC+2 since 1996 and changes at 01:00 UTC,
 * so the day of an instant written by `toISOString()` depends on its date and hour only. The triggers ask
 * for the same instant several times in a row, and a burst of requests shares its hour.
 */
function createParisDayOfInstant() {
  const memo = new Map<string, string>();
  return (instant: string): string => {
    if (
      instant.length !== 24 ||
      instant[10] !== "T" ||
      instant[23] !== "Z" ||
      instant < "1996"
    )
      return parisDay(instant);
    const hour = instant.slice(0, 13);
    let day = memo.get(hour);
    if (day === undefined) {
      if (memo.size > 10_000) memo.clear();
      day = parisDay(instant);
      memo.set(hour, day);
    }
    return day;
  };
}

/** Registers the indicators' deterministic SQL functions on a connection. */
export function registerIndicatorFunctions(db: Database.Database): void {
  const options = { deterministic: true, varargs: false } as const;
  const dayOf = createParisDayOfInstant();
  db.function("snu_paris_day", options, (instant: unknown) =>
    typeof instant === "string" ? dayOf(instant) : null,
  );
  db.function("snu_monday", options, (day: unknown) =>
    typeof day === "string" ? mondayOf(day) : null,
  );
  db.function("snu_seconds", options, (from: unknown, to: unknown) =>
    typeof from === "string" && typeof to === "string"
      ? secondsBetween(from, to)
      : null,
  );
  db.function("snu_bucket", options, (seconds: unknown) =>
    typeof seconds === "number" || typeof seconds === "bigint"
      ? durationBucket(Number(seconds))
      : null,
  );
  db.function(
    "snu_within_2wd",
    options,
    (createdAt: unknown, answeredAt: unknown) =>
      typeof createdAt === "string" && typeof answeredAt === "string"
        ? answeredWithin2WorkingDays(createdAt, answeredAt)
          ? 1
          : 0
        : null,
  );
}
