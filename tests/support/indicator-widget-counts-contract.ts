import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type { WidgetCount } from "../../api/store/indicator-types.ts";
import { ALL, APRIL, MAY, NOTHING, sorted } from "./indicator-store-seed.ts";

/** The widget's daily counters (issue 13), part of runIndicatorStoreContract. */
export function describeWidgetCounts(
  makeStore: () => AppStore | Promise<AppStore>,
) {
  describe("widget counters", () => {
    let store: AppStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => store.close());

    const INSCRIPTION = {
      platform: "moncompte",
      route: "/inscription/:step",
    } as const;
    const PHASE1 = { platform: "moncompte", route: "/phase1" } as const;
    const VOLONTAIRE = {
      platform: "admin",
      route: "/volontaire/:id",
    } as const;
    const TIP = "mc-inscription-piece-identite";
    const OTHER_TIP = "mc-inscription-photo";

    it("sums the daily counters over the range, per platform, route, event, tip and term", async () => {
      const lines: [string, WidgetCount[]][] = [
        ["2026-04-30", [{ ...INSCRIPTION, event: "panel_open", count: 10 }]],
        [
          "2026-05-02",
          [
            { ...INSCRIPTION, event: "panel_open", count: 5 },
            { ...INSCRIPTION, event: "tip_read", tip: TIP, count: 2 },
            { ...PHASE1, event: "search_empty", term: "valise", count: 1 },
          ],
        ],
        // a second batch the same day adds to the same counters
        [
          "2026-05-02",
          [
            { ...INSCRIPTION, event: "panel_open", count: 3 },
            { ...PHASE1, event: "search_empty", term: "valise", count: 2 },
            { ...PHASE1, event: "search_empty", term: "trousseau", count: 1 },
          ],
        ],
        [
          "2026-05-20",
          [
            { ...INSCRIPTION, event: "panel_open", count: 4 },
            { ...VOLONTAIRE, event: "panel_open", count: 7 },
            { ...INSCRIPTION, event: "tip_read", tip: TIP, count: 1 },
            { ...INSCRIPTION, event: "tip_read", tip: OTHER_TIP, count: 1 },
            { ...INSCRIPTION, event: "tip_helpful", tip: TIP, count: 1 },
            // the same key twice in one batch adds up too
            { ...PHASE1, event: "search_empty", term: "valise", count: 1 },
            { ...PHASE1, event: "search_empty", term: "valise", count: 1 },
          ],
        ],
        ["2026-06-01", [{ ...INSCRIPTION, event: "panel_open", count: 20 }]],
      ];
      for (const [d, counts] of lines) await store.addWidgetCounts(d, counts);

      expect(sorted(await store.widgetCounts(MAY))).toEqual(
        sorted([
          { ...INSCRIPTION, event: "panel_open", count: 12 }, // 5 + 3 + 4
          { ...INSCRIPTION, event: "tip_read", tip: TIP, count: 3 }, // 2 + 1
          { ...INSCRIPTION, event: "tip_read", tip: OTHER_TIP, count: 1 },
          { ...INSCRIPTION, event: "tip_helpful", tip: TIP, count: 1 },
          { ...PHASE1, event: "search_empty", term: "valise", count: 5 }, // 1 + 2 + 1 + 1
          { ...PHASE1, event: "search_empty", term: "trousseau", count: 1 },
          { ...VOLONTAIRE, event: "panel_open", count: 7 },
        ]),
      );
      // Searches seen fewer than 3 times left out: « trousseau » (1); « valise » (5) kept.
      expect(sorted(await store.widgetCounts(MAY, undefined, 3))).toEqual(
        sorted([
          { ...INSCRIPTION, event: "panel_open", count: 12 },
          { ...INSCRIPTION, event: "tip_read", tip: TIP, count: 3 },
          { ...INSCRIPTION, event: "tip_read", tip: OTHER_TIP, count: 1 },
          { ...INSCRIPTION, event: "tip_helpful", tip: TIP, count: 1 },
          { ...PHASE1, event: "search_empty", term: "valise", count: 5 },
          { ...VOLONTAIRE, event: "panel_open", count: 7 },
        ]),
      );
      expect(await store.widgetCounts(MAY, "admin")).toEqual([
        { ...VOLONTAIRE, event: "panel_open", count: 7 },
      ]);
      // both ends included; 30 April only
      expect(await store.widgetCounts(APRIL)).toEqual([
        { ...INSCRIPTION, event: "panel_open", count: 10 },
      ]);
      expect(
        sorted(
          await store.widgetCounts(
            { from: "2026-04-30", to: "2026-05-02" },
            "moncompte",
          ),
        ),
      ).toEqual(
        sorted([
          { ...INSCRIPTION, event: "panel_open", count: 18 }, // 10 + 5 + 3
          { ...INSCRIPTION, event: "tip_read", tip: TIP, count: 2 },
          { ...PHASE1, event: "search_empty", term: "valise", count: 3 }, // 1 + 2
          { ...PHASE1, event: "search_empty", term: "trousseau", count: 1 },
        ]),
      );
      // between the days that have counters
      expect(
        await store.widgetCounts({ from: "2026-05-03", to: "2026-05-19" }),
      ).toEqual([]);
    });

    it("keeps the counters apart from the requests: counting adds no request", async () => {
      await store.addWidgetCounts("2026-05-02", [
        { ...INSCRIPTION, event: "request_sent", count: 2 },
      ]);
      expect(await store.countRequests()).toBe(0);
      expect(await store.requestFigures(ALL, MAY, {})).toEqual(NOTHING);
      expect(await store.widgetCounts(MAY)).toEqual([
        { ...INSCRIPTION, event: "request_sent", count: 2 },
      ]);
    });
  });
}
