import { describe, expect, it } from "vitest";
import {
  addDays,
  addWorkingDays,
  answeredWithin2WorkingDays,
  easterSunday,
  isWorkingDay,
  mondayOf,
  parisDay,
  publicHolidays,
} from "../../api/store/working-days.ts";

describe("the indicators' calendar", () => {
  it("finds Easter Sunday of known years, the earliest and latest possible ones included", () => {
    expect(easterSunday(2008)).toBe("2008-03-23");
    expect(easterSunday(2019)).toBe("2019-04-21");
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2038)).toBe("2038-04-25");
    expect(easterSunday(2285)).toBe("2285-03-22");
  });

  it("lists the 11 public holidays of 2026", () => {
    expect([...publicHolidays(2026)].sort()).toEqual([
      "2026-01-01",
      "2026-04-06", // Easter Monday: 5 April + 1
      "2026-05-01",
      "2026-05-08",
      "2026-05-14", // Ascension: 5 April + 39
      "2026-05-25", // Whit Monday: 5 April + 50
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });

  it("tells working days from weekends and holidays", () => {
    expect(isWorkingDay("2026-05-07")).toBe(true); // Thursday
    expect(isWorkingDay("2026-05-08")).toBe(false); // Friday, 8 May
    expect(isWorkingDay("2026-05-09")).toBe(false); // Saturday
    expect(isWorkingDay("2026-05-10")).toBe(false); // Sunday
    expect(isWorkingDay("2026-05-15")).toBe(true); // the Ascension bridge is worked
    expect(isWorkingDay("2026-12-26")).toBe(false); // a Saturday, not Alsace's holiday
    expect(isWorkingDay("2026-04-03")).toBe(true); // Good Friday: Alsace-Moselle only
  });

  it("adds working days across a weekend", () => {
    expect(addWorkingDays("2026-03-06", 1)).toBe("2026-03-09"); // Friday → Monday
    expect(addWorkingDays("2026-03-06", 2)).toBe("2026-03-10");
    expect(addWorkingDays("2026-03-07", 2)).toBe("2026-03-10"); // from a Saturday: the day never counts
    expect(addWorkingDays("2026-03-06", 0)).toBe("2026-03-06");
  });

  it("adds working days across 8 May and the Ascension bridge", () => {
    // Thursday 7 May: Friday 8 is a holiday → Monday 11, Tuesday 12
    expect(addWorkingDays("2026-05-07", 1)).toBe("2026-05-11");
    expect(addWorkingDays("2026-05-07", 2)).toBe("2026-05-12");
    // Wednesday 13 May: Ascension Thursday 14 skipped, the bridge Friday 15 counts → 15, then Monday 18
    expect(addWorkingDays("2026-05-13", 1)).toBe("2026-05-15");
    expect(addWorkingDays("2026-05-13", 2)).toBe("2026-05-18");
    // Friday 22 May: Whit Monday 25 skipped → Tuesday 26, Wednesday 27
    expect(addWorkingDays("2026-05-22", 2)).toBe("2026-05-27");
    // across the new year: Wednesday 31 December 2025 → Friday 2 January (1 January skipped)
    expect(addWorkingDays("2025-12-31", 1)).toBe("2026-01-02");
  });

  it("counts an answer as within 2 working days until midnight in Paris, summer time", () => {
    // Friday 15 May 2026 → Tuesday 19 May, which ends at 22:00 UTC (UTC+2)
    const created = "2026-05-15T10:00:00Z";
    expect(
      answeredWithin2WorkingDays(created, "2026-05-19T21:59:59.999Z"),
    ).toBe(true);
    expect(
      answeredWithin2WorkingDays(created, "2026-05-19T22:00:00.000Z"),
    ).toBe(false);
  });

  it("counts an answer as within 2 working days until midnight in Paris, winter time", () => {
    // Friday 9 January 2026 → Tuesday 13 January, which ends at 23:00 UTC (UTC+1)
    const created = "2026-01-09T10:00:00Z";
    expect(
      answeredWithin2WorkingDays(created, "2026-01-13T22:59:59.999Z"),
    ).toBe(true);
    expect(
      answeredWithin2WorkingDays(created, "2026-01-13T23:00:00.000Z"),
    ).toBe(false);
    // received at 23:00 UTC on Thursday 8 = Friday 9 in Paris: the deadline is Tuesday 13, not Monday 12
    const answered = "2026-01-12T23:30:00Z"; // Tuesday 13 at 00:30 in Paris
    expect(answeredWithin2WorkingDays("2026-01-08T23:00:00Z", answered)).toBe(
      true,
    );
    expect(answeredWithin2WorkingDays("2026-01-08T22:59:59Z", answered)).toBe(
      false,
    );
  });

  it("gives the Paris day of an instant: 23:30 UTC on 31 December is already the new year", () => {
    expect(parisDay("2026-12-31T23:30:00Z")).toBe("2027-01-01");
    expect(parisDay(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(parisDay("2026-06-30T22:00:00Z")).toBe("2026-07-01"); // summer: UTC+2
    expect(parisDay("2026-06-30T21:59:59Z")).toBe("2026-06-30");
  });

  it("finds the Monday of a week and moves days across months and years", () => {
    expect(mondayOf("2026-05-31")).toBe("2026-05-25"); // Sunday
    expect(mondayOf("2026-05-25")).toBe("2026-05-25"); // Monday
    expect(mondayOf("2026-01-01")).toBe("2025-12-29"); // Thursday
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30"); // the night summer time starts
  });
});
