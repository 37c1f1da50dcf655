import type { WeekIndicator } from "../../contract/indicators.ts";
import { formatDay } from "../format.ts";

// `YYYY-MM-DD` days are calendar days: formatted in UTC so that no time zone shifts them.
const SHORT = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const DAY_MONTH = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});

const date = (day: string) => new Date(`${day}T00:00:00Z`);

/** « 16 févr. »: a week on a chart's axis, by its first day. */
export const weekTick = (week: WeekIndicator) => SHORT.format(date(week.from));

/** « du 16 février au 1 mars 2026 »; the year is said twice when it changes. */
export function periodLabel(from: string, to: string): string {
  if (from === to) return `le ${formatDay(to)}`;
  const start =
    from.slice(0, 4) === to.slice(0, 4)
      ? DAY_MONTH.format(date(from))
      : formatDay(from);
  return `du ${start} au ${formatDay(to)}`;
}

/** « du 16 février au 22 février 2026 » (weeks are cut to the period, so a week may be shorter). */
export const weekLabel = (week: WeekIndicator) =>
  periodLabel(week.from, week.to);
