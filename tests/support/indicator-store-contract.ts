import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type {
  DayRange,
  IndicatorFilter,
  PageRequestCount,
} from "../../api/store/indicator-types.ts";
import { ANONYMISED_MESSAGE } from "../../api/store/retention.ts";
import type { Scope } from "../../api/store/support-types.ts";
import {
  ALL,
  APRIL,
  MAY,
  NOTHING,
  REFERENT_75,
  RETENTION_BEFORE,
  seedIndicators,
  sorted,
} from "./indicator-store-seed.ts";
import { describeWidgetCounts } from "./indicator-widget-counts-contract.ts";

// Every expected figure below is computed by hand from the data set described at the top of
// indicator-store-seed.ts (read it first); the comments name the requests that make each number.

const day = (d: string): DayRange => ({ from: d, to: d });

/** The indicators' storage (issue 13) every store must compute alike; each store's test file calls this. */
export function runIndicatorStoreContract(
  name: string,
  makeStore: () => AppStore | Promise<AppStore>,
) {
  describe(`${name} indicator store contract`, () => {
    // Every figure must read the same once retention has anonymised the closed requests (A, D, J): it
    // deletes their messages (the first replies) and rewrites their context (the file status).
    for (const retention of [false, true]) {
      describe(retention ? "after retention" : "as seeded", () => {
        let store: AppStore;
        let refs: Awaited<ReturnType<typeof seedIndicators>>;
        beforeEach(async () => {
          store = await makeStore();
          refs = await seedIndicators(store);
          if (retention) await store.anonymiseClosedBefore(RETENTION_BEFORE);
        });
        afterEach(async () => store.close());

        const figures = (
          range: DayRange,
          filter: IndicatorFilter = {},
          scope: Scope = ALL,
        ) => store.requestFigures(scope, range, filter);

        if (retention)
          it("has anonymised the three closed requests A, D and J", async () => {
            // Running it again proves they were done already; their messages and context are gone.
            expect(await store.anonymiseClosedBefore(RETENTION_BEFORE)).toBe(0);
            for (const ref of [refs.A, refs.D, refs.J]) {
              const detail = await store.getRequestDetail(ALL, ref);
              expect(detail?.message).toBe(ANONYMISED_MESSAGE);
              expect(detail?.messages).toEqual([]);
              expect(detail?.context.identity).toBeUndefined();
            }
          });

        it("reads May: received by Paris day, handled moves, backlog at its end, durations, ratings", async () => {
          expect(await figures(MAY)).toEqual({
            // F (Paris 1 May), G, H, I, J, K (Paris 31 May 23:30); not L (Paris 1 June)
            received: 6,
            // C in_progress→resolved, D new→closed, G new→resolved, J new→resolved (Paris 20 May),
            // A waiting_user→closed, I in_progress→resolved; not J resolved→closed
            handled: 6,
            // open at the end of 31 May: E, F (new), H (waiting_user), K (new)
            backlog: 4,
            firstResponse: {
              // sorted: I 345600, J 376200, G 487800, H 518400, D 1209600; E's May reply is not its first
              count: 5,
              median: 487800, // rank ⌈5/2⌉ = 3
              p90: 1209600, // rank ⌈4.5⌉ = 5
              within2WorkingDays: 0.4, // G and I of 5
            },
            // sorted: J 376200, G 487800, I 604800, C 1814400 (C resolved again after being reopened)
            resolution: { count: 4, median: 487800, p90: 1814400 }, // ranks 2 and ⌈3.6⌉ = 4
            // first given in May: G (5 edited to 2), J (4), I (3): only J is satisfied
            satisfaction: { answers: 3, satisfied: 1, resolutions: 4 },
          });
        });

        it("reads the previous period as it stood: backlog at the end of a past period", async () => {
          expect(await figures(APRIL)).toEqual({
            received: 5, // A, B, C, D, E; not F (Paris 1 May)
            handled: 2, // B new→resolved, C in_progress→resolved
            // at the end of 30 April: A waiting_user, D and E new (all three since closed or not)
            backlog: 3,
            firstResponse: {
              // sorted: C 7200, E 86400 (not the note at 08:00), A 424800, B 432000
              count: 4,
              median: 86400, // rank 2
              p90: 432000, // rank ⌈3.6⌉ = 4
              within2WorkingDays: 0.75, // A (Easter Monday skipped), C, E of 4
            },
            // sorted: C 172800, B 432000
            resolution: { count: 2, median: 172800, p90: 432000 }, // ranks 1 and ⌈1.8⌉ = 2
            // B (2), C (5, no comment)
            satisfaction: { answers: 2, satisfied: 1, resolutions: 2 },
          });
        });

        it("ends each day at midnight in Paris", async () => {
          // end of 19 May = 22:00 UTC: J's reply at 22:30 UTC belongs to 20 May
          expect(await figures(day("2026-05-19"))).toEqual({
            ...NOTHING,
            backlog: 6, // A, H waiting_user; E, F, J new; I in_progress
            firstResponse: {
              count: 1,
              median: 345600, // I
              p90: 345600,
              within2WorkingDays: 1,
            },
          });
          expect(await figures(day("2026-05-20"))).toEqual({
            ...NOTHING,
            handled: 2, // J new→resolved, A waiting_user→closed
            backlog: 4, // E, F new; H waiting_user; I in_progress
            firstResponse: {
              count: 1,
              median: 376200, // J
              p90: 376200,
              within2WorkingDays: 0,
            },
            resolution: { count: 1, median: 376200, p90: 376200 },
            satisfaction: { answers: 0, satisfied: 0, resolutions: 1 },
          });
        });

        it("counts a reopened request in the backlog until it is resolved again", async () => {
          expect(await figures(day("2026-05-04"))).toEqual({
            ...NOTHING,
            // A waiting_user; C in_progress (reopened that morning); D, E, F new
            backlog: 5,
            firstResponse: {
              count: 1,
              median: 1209600, // D
              p90: 1209600,
              within2WorkingDays: 0,
            },
          });
        });

        it("counts a first reply within 2 working days up to the end of the 2nd one, holidays and weekends skipped", async () => {
          const within = async (d: string) =>
            (await figures(day(d))).firstResponse.within2WorkingDays;
          // A: Friday 3 April → Wednesday 8 (Easter Monday is not a working day)
          expect(await within("2026-04-08")).toBe(1);
          // G: Paris Thursday 7 May (23:30 UTC on the 6th) → Tuesday 12 (8 May is a holiday)
          expect(await within("2026-05-12")).toBe(1);
          // H: Thursday 7 May → Wednesday 13: one day late
          expect(await within("2026-05-13")).toBe(0);
          // I: Friday 15 May → Tuesday 19, across the weekend
          expect(await within("2026-05-19")).toBe(1);
          // J: Friday 15 May → Wednesday 20 at 00:30 in Paris: late
          expect(await within("2026-05-20")).toBe(0);
        });

        it("counts a rating edited from 5 to 2 as not satisfied, on the day it was first given", async () => {
          expect(await figures(day("2026-05-13"))).toEqual({
            ...NOTHING,
            backlog: 4, // A, H waiting_user; E, F new
            firstResponse: {
              count: 1,
              median: 518400, // H
              p90: 518400,
              within2WorkingDays: 0,
            },
            satisfaction: { answers: 1, satisfied: 0, resolutions: 0 }, // G, now 2
          });
          expect((await figures(day("2026-05-14"))).satisfaction).toEqual({
            answers: 0,
            satisfied: 0,
            resolutions: 0,
          });
        });

        it("filters by platform", async () => {
          // admin: B, D, H
          expect(await figures(MAY, { platform: "admin" })).toEqual({
            ...NOTHING,
            received: 1, // H
            handled: 1, // D new→closed
            backlog: 1, // H waiting_user
            firstResponse: {
              count: 2, // H 518400, D 1209600
              median: 518400,
              p90: 1209600,
              within2WorkingDays: 0,
            },
          });
        });

        it("filters by département", async () => {
          // 13: B, D, E, J
          expect(await figures(MAY, { department: "13" })).toEqual({
            received: 1, // J
            handled: 2, // D new→closed, J new→resolved
            backlog: 1, // E new
            firstResponse: {
              count: 2, // J 376200, D 1209600
              median: 376200,
              p90: 1209600,
              within2WorkingDays: 0,
            },
            resolution: { count: 1, median: 376200, p90: 376200 }, // J
            satisfaction: { answers: 1, satisfied: 1, resolutions: 1 }, // J (4)
          });
        });

        it("filters by role, `none` meaning requests without identity", async () => {
          // F only
          expect(await figures(MAY, { role: "none" })).toEqual({
            ...NOTHING,
            received: 1,
            backlog: 1,
          });
          // the filters combine: moncompte, young, 75 → A, C, G, I, L
          expect(
            await figures(MAY, {
              platform: "moncompte",
              role: "young",
              department: "75",
            }),
          ).toEqual({
            received: 2, // G, I
            handled: 4, // C, G, A, I
            backlog: 0,
            firstResponse: {
              count: 2, // I 345600, G 487800
              median: 345600,
              p90: 487800,
              within2WorkingDays: 1,
            },
            // sorted: G 487800, I 604800, C 1814400
            resolution: { count: 3, median: 604800, p90: 1814400 }, // ranks 2 and ⌈2.7⌉ = 3
            satisfaction: { answers: 2, satisfied: 0, resolutions: 3 }, // G (2), I (3)
          });
        });

        it("shows a referent only the requests of their départements, never those without one", async () => {
          // 75: A, C, G, H, I, L — not K (identity without département) nor F (no identity)
          const may = await figures(MAY, {}, REFERENT_75);
          expect(may).toEqual({
            received: 3, // G, H, I
            handled: 4, // C, G, A, I
            backlog: 1, // H
            firstResponse: {
              // sorted: I 345600, G 487800, H 518400
              count: 3,
              median: 487800, // rank 2
              p90: 518400, // rank ⌈2.7⌉ = 3
              within2WorkingDays: expect.closeTo(2 / 3, 10), // G and I of 3
            },
            resolution: { count: 3, median: 604800, p90: 1814400 },
            satisfaction: { answers: 2, satisfied: 0, resolutions: 3 },
          });
          expect(await figures(APRIL, {}, REFERENT_75)).toEqual({
            received: 2, // A, C
            handled: 1, // C
            backlog: 1, // A
            firstResponse: {
              count: 2, // C 7200, A 424800
              median: 7200,
              p90: 424800,
              within2WorkingDays: 1,
            },
            resolution: { count: 1, median: 172800, p90: 172800 }, // C
            satisfaction: { answers: 1, satisfied: 1, resolutions: 1 }, // C (5)
          });
          // a filter never widens the scope
          expect(await figures(MAY, { department: "13" }, REFERENT_75)).toEqual(
            NOTHING,
          );
          expect(await figures(MAY, { role: "none" }, REFERENT_75)).toEqual(
            NOTHING,
          );
        });

        it("counts the requests received per page, role and file status", async () => {
          const counts = (
            range: DayRange,
            filter: IndicatorFilter = {},
            scope: Scope = ALL,
          ) => store.pageRequestCounts(scope, range, filter).then(sorted);
          const line = (
            platform: PageRequestCount["platform"],
            route: string,
            role: PageRequestCount["role"],
            status: PageRequestCount["status"],
            count: number,
          ): PageRequestCount => ({ platform, route, role, status, count });

          expect(await counts(MAY)).toEqual(
            sorted([
              line("moncompte", "/inscription/:step", null, null, 1), // F
              line(
                "moncompte",
                "/inscription/:step",
                "young",
                "IN_PROGRESS",
                1,
              ), // I
              // J: its file status survives retention
              line(
                "moncompte",
                "/inscription/:step",
                "young",
                "WAITING_VALIDATION",
                1,
              ),
              line("moncompte", "/phase1", "young", "VALIDATED", 2), // G, K
              line("admin", "/volontaire/:id", "referent_department", null, 1), // H
            ]),
          );
          expect(await counts(APRIL)).toEqual(
            sorted([
              line(
                "moncompte",
                "/inscription/:step",
                "young",
                "IN_PROGRESS",
                2,
              ), // A, C
              line("admin", "/volontaire/:id", "referent_department", null, 2), // B, D
              line("moncompte", "/phase1", "young", "VALIDATED", 1), // E
            ]),
          );
          expect(await counts(MAY, {}, REFERENT_75)).toEqual(
            sorted([
              line("moncompte", "/phase1", "young", "VALIDATED", 1), // G
              line("admin", "/volontaire/:id", "referent_department", null, 1), // H
              line(
                "moncompte",
                "/inscription/:step",
                "young",
                "IN_PROGRESS",
                1,
              ), // I
            ]),
          );
          expect(await counts(MAY, { role: "none" })).toEqual([
            line("moncompte", "/inscription/:step", null, null, 1), // F
          ]);
          expect(await counts(MAY, { platform: "admin" })).toEqual([
            line("admin", "/volontaire/:id", "referent_department", null, 1), // H
          ]);
        });

        it("gives every week of the range, cut to it, empty ones included", async () => {
          const week = (
            from: string,
            to: string,
            received: number,
            handled: number,
            resolutionMedian: number | null,
            ratings: number,
            satisfied: number | null,
          ) => ({
            from,
            to,
            received,
            handled,
            resolutionMedian,
            ratings,
            satisfied,
          });

          expect(await store.weeklySeries(ALL, MAY, {})).toEqual([
            week("2026-05-01", "2026-05-03", 1, 0, null, 0, null), // F
            // G, H; C resolved (1814400), D closed
            week("2026-05-04", "2026-05-10", 2, 2, 1814400, 0, null),
            // I, J; G resolved (487800), G rated (2)
            week("2026-05-11", "2026-05-17", 2, 1, 487800, 1, 0),
            // J (376200) and I (604800) resolved: median rank 1; A closed; J (4) and I (3) rated
            week("2026-05-18", "2026-05-24", 0, 3, 376200, 2, 0.5),
            week("2026-05-25", "2026-05-31", 1, 0, null, 0, null), // K
          ]);
          expect(await store.weeklySeries(REFERENT_75, MAY, {})).toEqual([
            week("2026-05-01", "2026-05-03", 0, 0, null, 0, null),
            week("2026-05-04", "2026-05-10", 2, 1, 1814400, 0, null), // G, H; C
            week("2026-05-11", "2026-05-17", 1, 1, 487800, 1, 0), // I; G; G (2)
            week("2026-05-18", "2026-05-24", 0, 2, 604800, 1, 0), // A closed, I resolved; I (3)
            week("2026-05-25", "2026-05-31", 0, 0, null, 0, null), // not K: no département
          ]);
          // from a Wednesday: the first week starts with the range; a week before any request
          expect(
            await store.weeklySeries(
              ALL,
              { from: "2026-03-25", to: "2026-04-12" },
              {},
            ),
          ).toEqual([
            week("2026-03-25", "2026-03-29", 0, 0, null, 0, null),
            week("2026-03-30", "2026-04-05", 1, 0, null, 0, null), // A
            week("2026-04-06", "2026-04-12", 1, 0, null, 0, null), // B; A to waiting_user is not handled
          ]);
          // to a Wednesday: the last week ends with the range (I's resolution on the 22nd is left out)
          expect(
            await store.weeklySeries(
              ALL,
              { from: "2026-05-18", to: "2026-05-20" },
              {},
            ),
          ).toEqual([week("2026-05-18", "2026-05-20", 0, 2, 376200, 0, null)]);
          expect(
            await store.weeklySeries(ALL, MAY, { platform: "admin" }),
          ).toEqual([
            week("2026-05-01", "2026-05-03", 0, 0, null, 0, null),
            week("2026-05-04", "2026-05-10", 1, 1, null, 0, null), // H; D closed
            week("2026-05-11", "2026-05-17", 0, 0, null, 0, null),
            week("2026-05-18", "2026-05-24", 0, 0, null, 0, null),
            week("2026-05-25", "2026-05-31", 0, 0, null, 0, null),
          ]);
        });

        it("lists the latest comments first given in the range, newest first, ties by reference", async () => {
          const comment = (name: "B" | "G" | "I" | "J") =>
            ({
              // B: 2 « Trop long »; G: first given 13 May, edited to 2 « Finalement non »;
              // J and I rated at the same instant: J (the higher reference) first
              B: {
                reference: refs.B,
                at: "2026-04-15T10:00:00.000Z",
                score: 2,
                comment: "Trop long",
                platform: "admin",
                route: "/volontaire/:id",
              },
              G: {
                reference: refs.G,
                at: "2026-05-13T09:00:00.000Z",
                score: 2,
                comment: "Finalement non",
                platform: "moncompte",
                route: "/phase1",
              },
              I: {
                reference: refs.I,
                at: "2026-05-22T12:00:00.000Z",
                score: 3,
                comment: "Moyen",
                platform: "moncompte",
                route: "/inscription/:step",
              },
              J: {
                reference: refs.J,
                at: "2026-05-22T12:00:00.000Z",
                score: 4,
                comment: "Bien",
                platform: "moncompte",
                route: "/inscription/:step",
              },
            })[name];
          const latest = (
            range: DayRange,
            limit: number,
            filter: IndicatorFilter = {},
            scope: Scope = ALL,
          ) => store.latestComments(scope, range, filter, limit);

          // J (anonymised by retention) has lost its comment
          expect(await latest(MAY, 10)).toEqual(
            retention
              ? [comment("I"), comment("G")]
              : [comment("J"), comment("I"), comment("G")],
          );
          expect(await latest(MAY, 2)).toEqual(
            retention
              ? [comment("I"), comment("G")]
              : [comment("J"), comment("I")],
          );
          // C's rating has no comment
          expect(await latest(APRIL, 10)).toEqual([comment("B")]);
          expect(await latest(MAY, 10, {}, REFERENT_75)).toEqual([
            comment("I"),
            comment("G"),
          ]);
          expect(await latest(MAY, 10, { department: "13" })).toEqual(
            retention ? [] : [comment("J")],
          );
          expect(await latest(MAY, 10, { platform: "admin" })).toEqual([]);
        });
      });
    }

    describeWidgetCounts(makeStore);
  });
}
