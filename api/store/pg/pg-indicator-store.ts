import type pg from "pg";
import type {
  RatingComment,
  WeekIndicator,
} from "../../contract/indicators.ts";
import { rollupSegments } from "../indicator-periods.ts";
import {
  pageRequestCount,
  requestFiguresOf,
  type DayCounters,
  type PageRow,
} from "../indicator-rows.ts";
import type { DayRange, IndicatorStore } from "../indicator-types.ts";
import { mapStoreFaults } from "../store-faults.ts";
import { daysIn, mondayOf, weeksOf } from "../working-days.ts";
import { pgFault } from "./pg-faults.ts";
import {
  durationFigures,
  SORTED_DEPARTMENT_MAX,
  weeklyMedians,
  type PercentileOptions,
} from "./pg-indicator-percentiles.ts";
import {
  dayOrNull,
  pgReach,
  readIndicators,
  totalAt,
  type PgReach,
} from "./pg-indicator-read.ts";
import { createPostgresWidgetCounts } from "./pg-indicator-widget-counts.ts";

const SUMS = `coalesce(sum(received), 0)::integer AS received, coalesce(sum(handled), 0)::integer AS handled,
  coalesce(sum(resolutions), 0)::integer AS resolutions,
  coalesce(sum(first_replies), 0)::integer AS "firstReplies",
  coalesce(sum(first_within), 0)::integer AS "firstWithin",
  coalesce(sum(ratings), 0)::integer AS ratings, coalesce(sum(satisfied), 0)::integer AS satisfied`;

/**
 * The counters of a range (migration 7's indicator_counters): $1 scopes, $2 platform, $3 role; its whole
 * weeks ($4–$5), the days before them ($6–$7) and after them ($8–$9).
 */
const COUNTERS_WHERE = `scope = ANY($1::text[])
  AND ($2::text IS NULL OR platform = $2) AND ($3::text IS NULL OR role = $3)
  AND ((grain = 7 AND start BETWEEN $4::date AND $5::date)
       OR (grain = 1 AND (start BETWEEN $6::date AND $7::date OR start BETWEEN $8::date AND $9::date)))`;

// The counters of the range, and the backlog at its end ($10): the running totals of open requests.
const FIGURES_SQL = `
  SELECT ${SUMS},
         (SELECT coalesce(sum(${totalAt("<= $10::date")}), 0)::integer FROM indicator_lines AS l
          WHERE l.scope = ANY($1::text[]) AND l.what = 'open'
            AND ($2::text IS NULL OR l.platform = $2) AND ($3::text IS NULL OR l.role = $3)) AS backlog
  FROM indicator_counters WHERE ${COUNTERS_WHERE}`;

// Per week of the range: a whole week's row, or the days of a week cut by the range (by their Monday).
const WEEKS_SQL = `
  SELECT snu_monday(start)::text AS week, ${SUMS}
  FROM indicator_counters WHERE ${COUNTERS_WHERE}
  GROUP BY 1`;

// Each page line's requests in the range: the difference of its running totals (migration 7).
const PAGES_SQL = `
  SELECT platform, route, role, file_status AS status, sum(n)::integer AS count FROM (
    SELECT l.platform, l.route, l.role, l.file_status, ${totalAt("<= $3::date")} - ${totalAt("< $2::date")} AS n
    FROM indicator_lines AS l
    WHERE l.scope = ANY($1::text[]) AND l.what = 'page'
      AND ($4::text IS NULL OR l.platform = $4) AND ($5::text IS NULL OR l.role = $5)
    OFFSET 0 -- each line's two lookups made once, not again in the filter below
  ) AS lines
  WHERE n > 0
  GROUP BY platform, route, role, file_status`;

// The comments first given in the range (Paris midnights), newest first: the `limit`-th newest instant from
// the comments' own index, then only those from it on, joined to what they say (ties at that instant are
// all read, then ordered by reference, in code-unit order like the other stores).
const commentsSql = (departments: boolean) => `
  WITH candidates AS NOT MATERIALIZED (
    SELECT c.request_id, c.at FROM indicator_comments AS c
    WHERE c.at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris')
      AND c.at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
      AND ${departments ? "c.department = ANY($1::text[])" : "$1::text[] IS NOT NULL"}
      AND ($4::text IS NULL OR c.platform = $4) AND ($5::text IS NULL OR c.role = $5)
  )
  SELECT r.reference, c.at, t.score, t.comment, r.platform, r.route
  FROM candidates AS c
  JOIN request_ratings AS t ON t.request_id = c.request_id
  JOIN requests AS r ON r.id = c.request_id
  WHERE t.comment IS NOT NULL
    AND c.at >= coalesce((SELECT at FROM candidates ORDER BY at DESC OFFSET $6 - 1 LIMIT 1), '-infinity')
  ORDER BY c.at DESC, r.reference COLLATE "C" DESC
  LIMIT $6`;

const reachValues = (reach: PgReach, range: DayRange) => [
  reach.scopes,
  range.from,
  range.to,
  reach.platform,
  reach.role,
];

/** COUNTERS_WHERE's values. */
const countersValues = (reach: PgReach, range: DayRange) => {
  const s = rollupSegments(range);
  return [
    reach.scopes,
    reach.platform,
    reach.role,
    ...[s.weeksFrom, s.weeksTo, s.headFrom, s.headTo, s.tailFrom, s.tailTo].map(
      dayOrNull,
    ),
  ];
};

/**
 * The indicators on PostgreSQL (issue 15), with the SQLite store's semantics (sqlite-indicators.ts), on a
 * database migrated to version 7 at least (pg-migrations.ts): the facts the writes append are folded into
 * the rollups, then read on one snapshot (pg-indicator-read.ts); never a scan of the requests. All requests
 * read the rollups of scope ''; a referent's or a département filter reads those of its départements.
 * Faults of the database become `StoreUnavailableError` (503). `options`: for tests (every path of the
 * percentiles).
 */
export function createPostgresIndicatorStore(
  pool: pg.Pool,
  options: PercentileOptions = { sortedDepartmentMax: SORTED_DEPARTMENT_MAX },
): IndicatorStore {
  const counters = async (
    client: pg.PoolClient,
    reach: PgReach,
    range: DayRange,
  ) =>
    (
      await client.query<DayCounters & { backlog: number }>(FIGURES_SQL, [
        ...countersValues(reach, range),
        range.to,
      ])
    ).rows[0]!;

  return mapStoreFaults<IndicatorStore>(
    {
      async requestFigures(scope, range, filter) {
        const reach = pgReach(scope, filter);
        return readIndicators(pool, async (client) => {
          const sums = await counters(client, reach, range);
          const firstResponse = await durationFigures(
            client,
            options,
            "reply",
            reach,
            range,
            sums.firstReplies,
          );
          const resolution = await durationFigures(
            client,
            options,
            "resolution",
            reach,
            range,
            sums.resolutions,
          );
          return requestFiguresOf(sums, sums.backlog, {
            firstResponse,
            resolution,
          });
        });
      },

      async pageRequestCounts(scope, range, filter) {
        const reach = pgReach(scope, filter);
        const { rows } = await readIndicators(pool, (client) =>
          client.query<PageRow>(PAGES_SQL, reachValues(reach, range)),
        );
        return rows.map(pageRequestCount);
      },

      async weeklySeries(scope, range, filter) {
        const reach = pgReach(scope, filter);
        const weeks = weeksOf(range);
        return readIndicators(pool, async (client) => {
          const { rows } = await client.query<DayCounters & { week: string }>(
            WEEKS_SQL,
            countersValues(reach, range),
          );
          const byWeek = new Map(rows.map((row) => [row.week, row]));
          const sums = weeks.map((week) => byWeek.get(mondayOf(week.from)));
          const medians = await weeklyMedians(
            client,
            options,
            "resolution",
            reach,
            weeks,
            sums.map((week) => week?.resolutions ?? 0),
            (week) => daysIn(week) === 7,
          );
          return weeks.map((week, i): WeekIndicator => {
            const sums = byWeek.get(mondayOf(week.from));
            const ratings = sums?.ratings ?? 0;
            return {
              from: week.from,
              to: week.to,
              received: sums?.received ?? 0,
              handled: sums?.handled ?? 0,
              resolutionMedian: medians[i] ?? null,
              ratings,
              satisfied: ratings ? sums!.satisfied / ratings : null,
            };
          });
        });
      },

      async latestComments(scope, range, filter, limit) {
        if (limit <= 0) return [];
        const reach = pgReach(scope, filter);
        const { rows } = await readIndicators(pool, (client) =>
          client.query<Omit<RatingComment, "at"> & { at: Date }>(
            commentsSql(reach.departments !== null),
            [...reachValues(reach, range), limit],
          ),
        );
        return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
      },

      ...createPostgresWidgetCounts(pool),
    },
    pgFault,
  );
}
