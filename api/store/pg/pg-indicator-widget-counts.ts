import type pg from "pg";
import type { Platform } from "../../contract/vocabulary.ts";
import type { WidgetEvent } from "../../contract/widget-events.ts";
import type { IndicatorStore, WidgetCount } from "../indicator-types.ts";
import { rollupSegments } from "../indicator-periods.ts";
import { dayOrNull } from "./pg-indicator-read.ts";

interface LineRow {
  platform: Platform;
  route: string;
  event: WidgetEvent;
  tip: string;
  term: string;
  count: number;
}

// A batch's lines, numbered once. Its own statement: one that meets a line another instance is adding
// waits for its commit, and the next statement's snapshot then sees it.
const ADD_LINES_SQL = `
  INSERT INTO widget_lines (platform, route, event, tip, term)
    SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT DO NOTHING`;

// The batch added to the day and to its week, the same key summed first (a row may change once per
// statement), in key order (two instances adding batches at once lock their rows in the same order).
const ADD_COUNTS_SQL = `
  INSERT INTO widget_counts AS c (grain, start, platform, line, n)
    SELECT g.grain, g.start, l.platform, l.id, sum(b.n)
    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
      AS b (platform, route, event, tip, term, n)
    JOIN widget_lines AS l USING (platform, route, event, tip, term)
    CROSS JOIN (VALUES (1, $1::date), (7, snu_monday($1::date))) AS g (grain, start)
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (grain, start, platform, line) DO UPDATE SET n = c.n + excluded.n`;

// A range as whole weeks and the days around them (sqlite-indicator-periods.ts), summed per line, then named.
const COUNTS_SQL = `
  SELECT l.platform, l.route, l.event, l.tip, l.term, s.n AS count
  FROM (
    SELECT line, sum(n)::float8 AS n FROM widget_counts
    WHERE (($1::text IS NULL OR platform = $1))
      AND ((grain = 7 AND start BETWEEN $4::date AND $5::date)
           OR (grain = 1 AND (start BETWEEN $2::date AND $3::date OR start BETWEEN $6::date AND $7::date)))
    GROUP BY line
  ) AS s
  JOIN widget_lines AS l ON l.id = s.line
  WHERE l.event <> 'search_empty' OR s.n >= $8`;

/**
 * Issue 15: the widget's anonymous counters on PostgreSQL (widget_lines and widget_counts, migration 7), as
 * on SQLite (sqlite-indicator-widget-counts.ts): each line adds to its day and to its week, so that a year
 * of counters reads 52 weeks and a few days.
 */
export function createPostgresWidgetCounts(
  pool: pg.Pool,
): Pick<IndicatorStore, "addWidgetCounts" | "widgetCounts"> {
  return {
    async addWidgetCounts(onDay, counts) {
      if (counts.length === 0) return;
      const columns = [
        counts.map((line) => line.platform),
        counts.map((line) => line.route),
        counts.map((line) => line.event),
        counts.map((line) => line.tip ?? ""),
        counts.map((line) => line.term ?? ""),
      ];
      await pool.query(ADD_LINES_SQL, columns);
      await pool.query(ADD_COUNTS_SQL, [
        onDay,
        ...columns,
        counts.map((line) => line.count),
      ]);
    },

    async widgetCounts(range, platform, minSearchCount = 0) {
      const s = rollupSegments(range);
      const { rows } = await pool.query<LineRow>(COUNTS_SQL, [
        platform ?? null,
        dayOrNull(s.headFrom),
        dayOrNull(s.headTo),
        dayOrNull(s.weeksFrom),
        dayOrNull(s.weeksTo),
        dayOrNull(s.tailFrom),
        dayOrNull(s.tailTo),
        minSearchCount,
      ]);
      return rows.map(({ tip, term, ...line }): WidgetCount => ({
        ...line,
        ...(tip === "" ? {} : { tip }),
        ...(term === "" ? {} : { term }),
      }));
    },
  };
}
