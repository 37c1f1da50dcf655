import type Database from "better-sqlite3";
import type { Platform } from "../contract/vocabulary.ts";
import type { WidgetEvent } from "../contract/widget-events.ts";
import type { IndicatorStore, WidgetCount } from "./indicator-types.ts";
import { rollupSegments } from "./indicator-periods.ts";
import { daysIn, mondayOf } from "./working-days.ts";

/** From this many whole weeks, a period's are read in the order of their lines. */
const LONG_PERIOD_WEEKS = 20;

interface LineRow {
  id: number;
  platform: Platform;
  route: string;
  event: WidgetEvent;
  tip: string;
  term: string;
}

/**
 * Issue 13: the widget's anonymous counters on SQLite (widget_lines and widget_counts, migration 6). Each
 * line adds to its day and to its week, so that a year of counters reads 52 weeks and a few days; lines are
 * summed by their number, then named from a copy of widget_lines kept here (a few thousand short lines that
 * are only ever added), read again when another connection has added some.
 */
export function createSqliteWidgetCounts(
  db: Database.Database,
): Pick<IndicatorStore, "addWidgetCounts" | "widgetCounts"> {
  const lineId = db
    .prepare<[string, string, string, string, string], number>(
      "SELECT id FROM widget_lines WHERE platform = ? AND route = ? AND event = ? AND tip = ? AND term = ?",
    )
    .pluck();
  const newLine = db.prepare<[string, string, string, string, string]>(
    "INSERT INTO widget_lines (platform, route, event, tip, term) VALUES (?, ?, ?, ?, ?)",
  );
  const add = db.prepare(
    `INSERT INTO widget_counts (grain, start, platform, line, n) VALUES (@grain, @start, @platform, @line, @count)
     ON CONFLICT (grain, start, platform, line) DO UPDATE SET n = n + excluded.n`,
  );
  // The weeks of a long period in the order of their lines (migration 7's index: summed without sorting the
  // tens of thousands of rows the long tail of searched terms makes, but read over every week ever kept); a
  // short period's weeks in the table's order, sorted; the few days around them apart; all added up here.
  const weeksSql = (index: string) =>
    `SELECT line, sum(n) FROM widget_counts ${index}
     WHERE grain = 7 AND start BETWEEN @weeksFrom AND @weeksTo
       AND (@platform IS NULL OR platform = @platform)
     GROUP BY line`;
  const longWeekSums = db
    .prepare<Record<string, unknown>, [number, number]>(
      weeksSql("INDEXED BY widget_counts_by_line"),
    )
    .raw();
  const shortWeekSums = db
    .prepare<Record<string, unknown>, [number, number]>(weeksSql("NOT INDEXED"))
    .raw();
  const daySums = db
    .prepare<Record<string, unknown>, [number, number]>(
      `SELECT line, sum(n) FROM (
         SELECT line, n FROM widget_counts
         WHERE grain = 1 AND start BETWEEN @headFrom AND @headTo AND (@platform IS NULL OR platform = @platform)
         UNION ALL
         SELECT line, n FROM widget_counts
         WHERE grain = 1 AND start BETWEEN @tailFrom AND @tailTo AND (@platform IS NULL OR platform = @platform))
       GROUP BY line`,
    )
    .raw();
  const linesFrom = db.prepare<[number], LineRow>(
    "SELECT id, platform, route, event, tip, term FROM widget_lines WHERE id > ? ORDER BY id",
  );
  const lines = new Map<number, WidgetCount>();
  let lastLine = 0;
  const lineOf = (id: number): WidgetCount => {
    if (!lines.has(id))
      for (const { id: added, tip, term, ...line } of linesFrom.all(lastLine)) {
        lines.set(added, {
          ...line,
          ...(tip === "" ? {} : { tip }),
          ...(term === "" ? {} : { term }),
          count: 0,
        });
        lastLine = added;
      }
    return lines.get(id)!;
  };
  const addAll = db.transaction(
    (day: string, counts: readonly WidgetCount[]) => {
      const monday = mondayOf(day);
      for (const line of counts) {
        const key = [
          line.platform,
          line.route,
          line.event,
          line.tip ?? "",
          line.term ?? "",
        ] as const;
        const id =
          lineId.get(...key) ?? Number(newLine.run(...key).lastInsertRowid);
        const row = { platform: line.platform, line: id, count: line.count };
        add.run({ ...row, grain: 1, start: day });
        add.run({ ...row, grain: 7, start: monday });
      }
    },
  );

  return {
    async addWidgetCounts(day, counts) {
      addAll.immediate(day, counts);
    },
    async widgetCounts(range, platform, minSearchCount = 0) {
      const params = { ...rollupSegments(range), platform: platform ?? null };
      const long =
        params.weeksFrom <= params.weeksTo &&
        daysIn({ from: params.weeksFrom, to: params.weeksTo }) / 7 >=
          LONG_PERIOD_WEEKS;
      const sums = new Map((long ? longWeekSums : shortWeekSums).all(params));
      for (const [id, count] of daySums.all(params))
        sums.set(id, (sums.get(id) ?? 0) + count);
      // Named only when kept: the long tail of searches is most of the lines.
      const counts: WidgetCount[] = [];
      for (const [id, count] of sums) {
        const line = lineOf(id);
        if (line.event !== "search_empty" || count >= minSearchCount)
          counts.push({ ...line, count });
      }
      return counts;
    },
  };
}
