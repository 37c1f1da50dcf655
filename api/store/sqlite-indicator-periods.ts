import type { IndicatorReach } from "./indicator-periods.ts";
import { addDays, parisDay } from "./working-days.ts";

// Issue 13: how a query of the indicators reads the tables of migration 6 on SQLite — the rollup segments
// (indicator-periods.ts) as SQL, which scopes and filters apply, where a Paris day begins.

/** The rollup rows of `table` that cover a range, as a subquery with the filter `where` on each part. */
export function segmentsSql(columns: string, table: string, where: string) {
  const part = (grain: number, from: string, to: string) =>
    `SELECT ${columns} FROM ${table} WHERE grain = ${grain} AND start BETWEEN @${from} AND @${to} AND ${where}`;
  return [
    part(1, "headFrom", "headTo"),
    part(7, "weeksFrom", "weeksTo"),
    part(1, "tailFrom", "tailTo"),
  ].join(" UNION ALL ");
}

/**
 * The instant (ISO, as stored) a Paris day begins: its midnight is 22:00 UTC the day before in summer time,
 * 23:00 in winter time — the earlier one that is already that day.
 */
export function parisDayStart(day: string): string {
  for (const hour of ["T22:00:00.000Z", "T23:00:00.000Z"]) {
    const candidate = `${addDays(day, -1)}${hour}`;
    if (parisDay(candidate) === day) return candidate;
  }
  throw new Error(`No Paris midnight for ${day}`);
}

/** The reach's platform and role filters, on tables whose columns have those names. */
export const REACH_FILTERS =
  "(@platform IS NULL OR platform = @platform) AND (@role IS NULL OR role = @role)";

/** The rows of indicator_daily a reach reads: scope '' is all requests. */
export const scopesOf = (reach: IndicatorReach) =>
  JSON.stringify(reach.departments ?? [""]);
