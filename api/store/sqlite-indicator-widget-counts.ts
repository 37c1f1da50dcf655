import type Database from "better-sqlite3";
import type { Platform } from "../contract/vocabulary.ts";
import type { WidgetEvent } from "../contract/widget-events.ts";
import type { IndicatorStore, WidgetCount } from "./indicator-types.ts";
import { rollupSegments, segmentsSql } from "./sqlite-indicator-periods.ts";
import { mondayOf } from "./working-days.ts";

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
  const sums = db
    .prepare<Record<string, unknown>, [number, number]>(
      `SELECT line, sum(n) FROM (${segmentsSql(
        "line, n",
        "widget_counts",
        "(@platform IS NULL OR platform = @platform)",
      )}) GROUP BY line`,
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
    async widgetCounts(range, platform) {
      return sums
        .all({ ...rollupSegments(range), platform: platform ?? null })
        .map(([id, count]) => ({ ...lineOf(id), count }));
    },
  };
}
