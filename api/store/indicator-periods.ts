import type { DayRange, IndicatorFilter } from "./indicator-types.ts";
import type { Scope } from "./support-types.ts";
import { addDays, mondayOf } from "./working-days.ts";

// Issues 13 and 15: what a query of the indicators reads, on either SQL store — which rows of a day-and-week
// rollup cover a range, which départements, platform and role apply.

/** Bounds of a segment that selects nothing (every day sorts between them the other way round). */
const NOTHING = { lo: "9", hi: "0" } as const;

/**
 * A range as rollup rows (grain 1: days, grain 7: weeks by their Monday): the days before its first full
 * week, its full weeks, and the days after them. A year reads 52 weekly rows and at most 12 daily ones.
 * Empty parts select nothing, so that every query has the same shape (one prepared statement).
 */
export interface RollupSegments {
  headFrom: string;
  headTo: string;
  weeksFrom: string;
  weeksTo: string;
  tailFrom: string;
  tailTo: string;
}

export function rollupSegments(range: DayRange): RollupSegments {
  const firstMonday =
    mondayOf(range.from) === range.from
      ? range.from
      : addDays(mondayOf(range.from), 7);
  const lastMonday = addDays(mondayOf(addDays(range.to, 1)), -7);
  if (firstMonday > lastMonday)
    return {
      headFrom: range.from,
      headTo: range.to,
      weeksFrom: NOTHING.lo,
      weeksTo: NOTHING.hi,
      tailFrom: NOTHING.lo,
      tailTo: NOTHING.hi,
    };
  const afterWeeks = addDays(lastMonday, 7);
  return {
    headFrom: firstMonday > range.from ? range.from : NOTHING.lo,
    headTo: firstMonday > range.from ? addDays(firstMonday, -1) : NOTHING.hi,
    weeksFrom: firstMonday,
    weeksTo: lastMonday,
    tailFrom: afterWeeks <= range.to ? afterWeeks : NOTHING.lo,
    tailTo: afterWeeks <= range.to ? range.to : NOTHING.hi,
  };
}

/**
 * What a query reads, from the account's scope and the page's filters: `departments` null for all requests
 * (the rollups without département), else the départements to read (possibly none: every figure is zero);
 * `role` '' for requests without identity, as the tables of migration 6 store it.
 */
export interface IndicatorReach {
  departments: string[] | null;
  platform: string | null;
  role: string | null;
}

export function indicatorReach(
  scope: Scope,
  filter: IndicatorFilter,
): IndicatorReach {
  let departments: string[] | null =
    scope.kind === "all" ? null : [...new Set(scope.departments)];
  if (filter.department !== undefined)
    departments =
      departments === null || departments.includes(filter.department)
        ? [filter.department]
        : [];
  return {
    departments,
    platform: filter.platform ?? null,
    role:
      filter.role === undefined
        ? null
        : filter.role === "none"
          ? ""
          : filter.role,
  };
}
