import type { DayRange } from "./indicator-types.ts";

// Issue 13: the calendar of the indicators. Days are days in metropolitan France (Europe/Paris); working days
// are Monday to Friday except the 11 public holidays of the Code du travail (art. L3133-1) as observed in
// metropolitan France: 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July,
// 15 August, 1 November, 11 November, 25 December. Alsace-Moselle's Good Friday and 26 December, and the
// overseas départements' own days, are not counted (one calendar for the whole national service).

const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The day in Paris (`YYYY-MM-DD`) of an instant. */
export function parisDay(instant: string | Date): string {
  return PARIS_DAY.format(
    typeof instant === "string" ? new Date(instant) : instant,
  );
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** `day` moved by `n` calendar days (`YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
  return dayOf(dayNumber(day) + n);
}

/** Easter Sunday of a Gregorian year (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The 11 public holidays of a year in metropolitan France. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    holidays = new Set([
      ...[
        "01-01",
        "05-01",
        "05-08",
        "07-14",
        "08-15",
        "11-01",
        "11-11",
        "12-25",
      ].map((monthDay) => `${year}-${monthDay}`),
      addDays(easter, 1), // lundi de Pâques
      addDays(easter, 39), // Ascension
      addDays(easter, 50), // lundi de Pentecôte
    ]);
    holidayCache.set(year, holidays);
  }
  return holidays;
}

/** Monday to Friday, and not a public holiday. */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (
    weekday !== 0 &&
    weekday !== 6 &&
    !publicHolidays(Number(day.slice(0, 4))).has(day)
  );
}

/** The `n`-th working day after `day` (`day` itself never counts). */
export function addWorkingDays(day: string, n: number): string {
  let current = day;
  for (let left = n; left > 0;) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/**
 * Whether an answer came before the end (in Paris) of the 2nd working day after the day the request was
 * received: received on Friday → answered by Tuesday evening; on a Saturday → by Tuesday evening too.
 */
export function answeredWithin2WorkingDays(
  createdAt: string,
  answeredAt: string,
): boolean {
  return parisDay(answeredAt) <= addWorkingDays(parisDay(createdAt), 2);
}

/** The Monday (`YYYY-MM-DD`) of the week of `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Days in a range, both ends included. */
export function daysIn({ from, to }: DayRange): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** The weeks (Monday to Sunday) that meet a range, each cut to it, oldest first. */
export function weeksOf(range: DayRange): DayRange[] {
  const weeks: DayRange[] = [];
  for (let from = range.from; from <= range.to;) {
    const sunday = addDays(mondayOf(from), 6);
    const to = sunday < range.to ? sunday : range.to;
    weeks.push({ from, to });
    from = addDays(to, 1);
  }
  return weeks;
}
