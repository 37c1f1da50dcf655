import type { DurationFigures } from "../contract/indicators.ts";
import type { Platform, Role, YoungStatus } from "../contract/vocabulary.ts";
import type { PageRequestCount, RequestFigures } from "./indicator-types.ts";

// Issues 13 and 15: the rows both SQL stores read from their indicator rollups, and what they become.

/**
 * The counters of the rollups (indicator_daily on SQLite, indicator_counters on PostgreSQL): of one day,
 * or summed over a range or a week.
 */
export interface DayCounters {
  received: number;
  handled: number;
  resolutions: number;
  firstReplies: number;
  firstWithin: number;
  ratings: number;
  satisfied: number;
}

/** A range's figures from its summed counters, its backlog and its durations' percentiles. */
export function requestFiguresOf(
  sums: DayCounters,
  backlog: number,
  durations: { firstResponse: DurationFigures; resolution: DurationFigures },
): RequestFigures {
  return {
    received: sums.received,
    handled: sums.handled,
    backlog,
    firstResponse: {
      ...durations.firstResponse,
      within2WorkingDays: sums.firstReplies
        ? sums.firstWithin / sums.firstReplies
        : null,
    },
    resolution: durations.resolution,
    satisfaction: {
      answers: sums.ratings,
      satisfied: sums.satisfied,
      resolutions: sums.resolutions,
    },
  };
}

/** A row of the pages' rollup summed over a range: role and status '' where the request had none. */
export interface PageRow {
  platform: Platform;
  route: string;
  role: string;
  status: string;
  count: number;
}

/** A page's row as the store interface returns it: '' becomes null. */
export function pageRequestCount(row: PageRow): PageRequestCount {
  return {
    platform: row.platform,
    route: row.route,
    role: row.role === "" ? null : (row.role as Role),
    status: row.status === "" ? null : (row.status as YoungStatus),
    count: row.count,
  };
}
