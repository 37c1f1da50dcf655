import type Database from "better-sqlite3";
import type { RatingComment, WeekIndicator } from "../contract/indicators.ts";
import { indicatorReach, rollupSegments } from "./indicator-periods.ts";
import {
  pageRequestCount,
  requestFiguresOf,
  type PageRow,
} from "./indicator-rows.ts";
import type { DayRange, IndicatorStore } from "./indicator-types.ts";
import {
  addCounters,
  createSqliteCounters,
  NO_COUNTERS,
} from "./sqlite-indicator-counters.ts";
import {
  parisDayStart,
  REACH_FILTERS as FILTERS,
  segmentsSql,
} from "./sqlite-indicator-periods.ts";
import { createSqlitePercentiles } from "./sqlite-indicator-percentiles.ts";
import { createSqliteWidgetCounts } from "./sqlite-indicator-widget-counts.ts";
import { addDays, mondayOf, weeksOf } from "./working-days.ts";

type CommentRow = RatingComment;

/**
 * Issue 13: the indicators on SQLite, read from what migration 6's triggers keep (never from a scan of the
 * requests): the counters per day, the durations' histograms, the pages per day and week. All requests read
 * the rollups without département; a referent's or a département filter reads the rows of its départements.
 */
export function createSqliteIndicators(db: Database.Database): IndicatorStore {
  const counters = createSqliteCounters(db);
  const percentiles = createSqlitePercentiles(db);
  const pages = db.prepare<Record<string, unknown>, PageRow>(
    `SELECT platform, route, role, file_status AS status, sum(n) AS count FROM (${segmentsSql(
      "platform, route, role, file_status, n",
      "indicator_pages",
      FILTERS,
    )}) GROUP BY platform, route, role, file_status`,
  );
  // Départements: each of their lines is the difference of two running totals (migration 7), whatever the
  // period's length; lines without a request in the period come out as 0 and are dropped.
  const totalAt = (bound: string) =>
    `coalesce((SELECT t.total FROM indicator_department_totals AS t
               WHERE t.line = l.id AND t.day ${bound} ORDER BY t.day DESC LIMIT 1), 0)`;
  const departmentPages = db.prepare<Record<string, unknown>, PageRow>(
    `SELECT platform, route, role, status, sum(count) AS count FROM (
       SELECT l.platform, l.route, l.role, l.file_status AS status,
              ${totalAt("<= @to")} - ${totalAt("< @from")} AS count
       FROM indicator_department_lines AS l
       WHERE l.department IN (SELECT value FROM json_each(@departments)) AND ${FILTERS})
     WHERE count > 0 GROUP BY platform, route, role, status`,
  );

  // The newest comments from the comments' own index (sorted there, or among a few départements' ones),
  // then, for those few only, what they say and where from.
  const commentsSql = (index: string, where: string, limit: string) =>
    `SELECT r.reference, c.at, t.score, t.comment, r.platform, r.route
     FROM (SELECT request_id, at FROM indicator_comments INDEXED BY ${index}
           WHERE ${where} AND ${FILTERS} ORDER BY at DESC ${limit}) AS c
     CROSS JOIN request_ratings AS t ON t.request_id = c.request_id
     CROSS JOIN requests AS r ON r.id = c.request_id`;
  const comments = db.prepare<Record<string, unknown>, CommentRow>(
    commentsSql(
      "indicator_comments_by_at",
      "at >= @start AND at < @end",
      "LIMIT @limit",
    ),
  );
  const departmentComments = db.prepare<Record<string, unknown>, CommentRow>(
    commentsSql(
      "indicator_comments_by_department",
      `department IN (SELECT value FROM json_each(@departments)) AND department IS NOT NULL
       AND at >= @start AND at < @end`,
      "LIMIT @limit",
    ),
  );
  // Those of one instant: the last one given may share it with others (ties by reference).
  const commentsAt = db.prepare<Record<string, unknown>, CommentRow>(
    commentsSql(
      "indicator_comments_by_at",
      `at = @at AND (@departments IS NULL OR department IN (SELECT value FROM json_each(@departments)))`,
      "",
    ),
  );

  return {
    async requestFigures(scope, range, filter) {
      const reach = indicatorReach(scope, filter);
      const sums = counters
        .daily(reach, range)
        .reduce<typeof NO_COUNTERS>(addCounters, NO_COUNTERS);
      return requestFiguresOf(sums, counters.backlog(reach, range), {
        firstResponse: percentiles.figures(
          "reply",
          reach,
          range,
          sums.firstReplies,
        ),
        resolution: percentiles.figures(
          "resolution",
          reach,
          range,
          sums.resolutions,
        ),
      });
    },

    async pageRequestCounts(scope, range, filter) {
      const reach = indicatorReach(scope, filter);
      const params = {
        ...rollupSegments(range),
        from: range.from,
        to: range.to,
        platform: reach.platform,
        role: reach.role,
        departments: JSON.stringify(reach.departments ?? []),
      };
      const rows = (reach.departments === null ? pages : departmentPages).all(
        params,
      );
      return rows.map(pageRequestCount);
    },

    async weeklySeries(scope, range, filter) {
      const reach = indicatorReach(scope, filter);
      const weeks = weeksOf(range);
      const byWeek = new Map<string, typeof NO_COUNTERS>();
      for (const { day, ...dayCounters } of counters.daily(reach, range)) {
        const monday = mondayOf(day);
        byWeek.set(
          monday,
          addCounters(byWeek.get(monday) ?? NO_COUNTERS, dayCounters),
        );
      }
      const sums = weeks.map(
        (week) => byWeek.get(mondayOf(week.from)) ?? NO_COUNTERS,
      );
      const medians = percentiles.weeklyMedians(
        "resolution",
        reach,
        range,
        weeks,
        sums.map((week) => week.resolutions),
      );
      return weeks.map((week, i): WeekIndicator => ({
        from: week.from,
        to: week.to,
        received: sums[i]!.received,
        handled: sums[i]!.handled,
        resolutionMedian: medians[i] ?? null,
        ratings: sums[i]!.ratings,
        satisfied: sums[i]!.ratings
          ? sums[i]!.satisfied / sums[i]!.ratings
          : null,
      }));
    },

    async latestComments(scope, range, filter, limit) {
      if (limit <= 0) return [];
      const reach = indicatorReach(scope, filter);
      const params = {
        start: parisDayStart(range.from),
        end: parisDayStart(addDays(range.to, 1)),
        platform: reach.platform,
        role: reach.role,
        departments:
          reach.departments === null ? null : JSON.stringify(reach.departments),
        limit,
      };
      const newest = (
        reach.departments === null ? comments : departmentComments
      ).all(params);
      const last = newest.at(-1);
      // Ties at the last instant may go on past the limit: all of them are read before choosing.
      const rows =
        last && newest.length === limit
          ? [
              ...newest.filter((row) => row.at !== last.at),
              ...commentsAt.all({ ...params, at: last.at }),
            ]
          : newest;
      return rows.sort(newestFirst).slice(0, limit);
    },

    ...createSqliteWidgetCounts(db),
  };
}

/** Newest first; at the same instant, highest reference first (code-unit order). */
function newestFirst(a: RatingComment, b: RatingComment): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.reference < b.reference ? 1 : a.reference > b.reference ? -1 : 0;
}
