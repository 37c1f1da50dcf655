import type { IndicatorStore, WidgetCount } from "./indicator-types.ts";
import { inRange } from "./memory-indicator-facts.ts";

/** One daily counter: its Paris day and its line. */
interface DailyCount {
  day: string;
  line: WidgetCount;
}

/** The key of a counter line without its day: what `widgetCounts` sums over. */
const lineKey = (line: WidgetCount) =>
  JSON.stringify([
    line.platform,
    line.route,
    line.event,
    line.tip ?? null,
    line.term ?? null,
  ]);

/** Issue 13: the widget's anonymous daily counters, in memory (no event is ever kept, only the sums). */
export function createMemoryWidgetCounts(): Pick<
  IndicatorStore,
  "addWidgetCounts" | "widgetCounts"
> {
  const counters = new Map<string, DailyCount>();

  return {
    async addWidgetCounts(day, counts) {
      for (const line of counts) {
        const key = JSON.stringify([day, lineKey(line)]);
        const counter = counters.get(key);
        if (counter) counter.line.count += line.count;
        else counters.set(key, { day, line: copyLine(line) });
      }
    },

    async widgetCounts(range, platform, minSearchCount = 0) {
      const sums = new Map<string, WidgetCount>();
      for (const { day, line } of counters.values()) {
        if (!inRange(day, range)) continue;
        if (platform !== undefined && line.platform !== platform) continue;
        const key = lineKey(line);
        const sum = sums.get(key);
        if (sum) sum.count += line.count;
        else sums.set(key, copyLine(line));
      }
      return [...sums.values()].filter(
        (line) => line.event !== "search_empty" || line.count >= minSearchCount,
      );
    },
  };
}

/** A line with only the keys it has (no `tip: undefined`), as SQLite gives them back. */
function copyLine(line: WidgetCount): WidgetCount {
  return {
    platform: line.platform,
    route: line.route,
    event: line.event,
    ...(line.tip === undefined ? {} : { tip: line.tip }),
    ...(line.term === undefined ? {} : { term: line.term }),
    count: line.count,
  };
}
