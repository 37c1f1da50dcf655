import type Database from "better-sqlite3";
import type { IndicatorReach } from "./indicator-periods.ts";
import type { DayCounters } from "./indicator-rows.ts";
import type { DayRange } from "./indicator-types.ts";
import {
  REACH_FILTERS as FILTERS,
  scopesOf,
} from "./sqlite-indicator-periods.ts";

// Issue 13: the counters of indicator_daily (migration 6) and the backlog, for all requests (scope '') or
// for départements: a day has a few rows per scope (platform × role), a year a few thousand.

const IN_SCOPES = "scope IN (SELECT value FROM json_each(@scopes))";

export const NO_COUNTERS: DayCounters = {
  received: 0,
  handled: 0,
  resolutions: 0,
  firstReplies: 0,
  firstWithin: 0,
  ratings: 0,
  satisfied: 0,
};

/** Adds counters up. */
export function addCounters(a: DayCounters, b: DayCounters): DayCounters {
  return {
    received: a.received + b.received,
    handled: a.handled + b.handled,
    resolutions: a.resolutions + b.resolutions,
    firstReplies: a.firstReplies + b.firstReplies,
    firstWithin: a.firstWithin + b.firstWithin,
    ratings: a.ratings + b.ratings,
    satisfied: a.satisfied + b.satisfied,
  };
}

export function createSqliteCounters(db: Database.Database) {
  const daily = db.prepare<
    Record<string, unknown>,
    DayCounters & { day: string }
  >(
    `SELECT day, sum(received) AS received, sum(handled) AS handled, sum(resolutions) AS resolutions,
            sum(first_replies) AS firstReplies, sum(first_within) AS firstWithin,
            sum(ratings) AS ratings, sum(satisfied) AS satisfied
     FROM indicator_daily
     WHERE ${IN_SCOPES} AND day BETWEEN @from AND @to AND ${FILTERS}
     GROUP BY day ORDER BY day`,
  );
  // Open at the end of `to`: the net openings of every day up to it (a few rows a day per scope).
  const backlog = db
    .prepare<Record<string, unknown>, number>(
      `SELECT coalesce(sum(opened), 0) FROM indicator_daily
       WHERE ${IN_SCOPES} AND day <= @to AND ${FILTERS}`,
    )
    .pluck();

  const changes = db.prepare("SELECT total_changes()").pluck();
  let lastRead:
    | { key: string; rows: readonly (DayCounters & { day: string })[] }
    | undefined;

  const params = (reach: IndicatorReach, range: DayRange) => ({
    scopes: scopesOf(reach),
    from: range.from,
    to: range.to,
    platform: reach.platform,
    role: reach.role,
  });

  return {
    /**
     * The counters of each day of the range that has any, oldest first. One answer asks for them twice (its
     * figures and its weeks): the last ones read are given again while the database has not changed — no
     * write of this connection (total_changes) nor commit of another (data_version).
     */
    daily(
      reach: IndicatorReach,
      range: DayRange,
    ): readonly (DayCounters & { day: string })[] {
      const p = params(reach, range);
      const key = `${JSON.stringify(p)} ${changes.get()} ${db.pragma("data_version", { simple: true })}`;
      if (lastRead?.key !== key) lastRead = { key, rows: daily.all(p) };
      return lastRead.rows;
    },
    /** Requests received by the end of `range.to` and open at its end. */
    backlog(reach: IndicatorReach, range: DayRange): number {
      return backlog.get(params(reach, range))!;
    },
  };
}
