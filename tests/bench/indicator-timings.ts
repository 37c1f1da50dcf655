// Timings of the indicators (issue 13) at the benchmark's scale: each store query of the « Indicateurs »
// page per shape of query (period length × scope × filter), and the whole GET /support/api/indicators
// through the real app. Budget (BUDGETS.md): p95 ≤ 200 ms.
import type { AppStore } from "../../api/store/app-store.ts";
import type {
  DayRange,
  IndicatorFilter,
} from "../../api/store/indicator-types.ts";
import type { NewRequest } from "../../api/store/store.ts";
import type { Scope } from "../../api/store/support-types.ts";
import { addDays } from "../../api/store/working-days.ts";

export interface IndicatorShape {
  name: string;
  scope: Scope;
  filter: IndicatorFilter;
  /** The console account whose scope is `scope`. */
  cookie: string;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const query = (range: DayRange, filter: IndicatorFilter) =>
  new URLSearchParams({
    from: range.from,
    to: range.to,
    ...(filter.platform ? { platform: filter.platform } : {}),
    ...(filter.department ? { department: filter.department } : {}),
    ...(filter.role ? { role: filter.role } : {}),
  }).toString();

/** Prints p95 per store query and p50/p95 of the whole GET, per shape and period length; returns the worst. */
export async function timeIndicators(
  store: AppStore,
  app: {
    request: (url: string, init?: RequestInit) => Response | Promise<Response>;
  },
  shapes: readonly IndicatorShape[],
  lastDay: string,
  iterations: number,
  label: string,
): Promise<number> {
  const columns = ["figures", "pages", "weeks", "comments", "widget"];
  console.log(`\nindicators — ${label}`);
  console.log(
    `${"(store p95 ms per query; period + previous)".padEnd(44)} ${"days".padStart(4)} ${columns
      .map((c) => c.padStart(8))
      .join(" ")} ${"GET p50".padStart(8)} ${"GET p95".padStart(8)}`,
  );
  let worst = 0;
  for (const shape of shapes)
    for (const days of [7, 30, 90, 365]) {
      const range = { from: addDays(lastDay, 1 - days), to: lastDay };
      const previous = {
        from: addDays(range.from, -days),
        to: addDays(range.from, -1),
      };
      const { scope, filter } = shape;
      const withCounters =
        scope.kind === "all" && !filter.department && !filter.role;
      const runs: Record<string, () => Promise<unknown>> = {
        figures: () =>
          Promise.all([
            store.requestFigures(scope, range, filter),
            store.requestFigures(scope, previous, filter),
          ]),
        pages: () =>
          Promise.all([
            store.pageRequestCounts(scope, range, filter),
            store.pageRequestCounts(scope, previous, filter),
          ]),
        weeks: () => store.weeklySeries(scope, range, filter),
        comments: () => store.latestComments(scope, range, filter, 10),
        widget: async () =>
          withCounters
            ? Promise.all([
                store.widgetCounts(range, filter.platform),
                store.widgetCounts(previous, filter.platform),
              ])
            : undefined,
      };
      const timings: Record<string, number[]> = {};
      const whole: number[] = [];
      // One run first, untimed: the shape's pages come into the database's cache as they would on a live
      // server.
      for (const run of Object.values(runs)) await run();
      for (let i = 0; i < iterations; i++) {
        for (const [name, run] of Object.entries(runs))
          (timings[name] ??= []).push(await timed(run));
        whole.push(
          await timed(async () => {
            const response = await app.request(
              `/support/api/indicators?${query(range, filter)}`,
              { headers: { Cookie: shape.cookie } },
            );
            await response.arrayBuffer();
            if (response.status !== 200)
              throw new Error(`${shape.name}: ${response.status}`);
          }),
        );
      }
      for (const list of [...Object.values(timings), whole])
        list.sort((a, b) => a - b);
      const p95 = percentile(whole, 95);
      worst = Math.max(worst, p95);
      console.log(
        `${shape.name.padEnd(44)} ${String(days).padStart(4)} ${columns
          .map((c) => percentile(timings[c]!, 95).toFixed(1).padStart(8))
          .join(
            " ",
          )} ${percentile(whole, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}`,
      );
    }
  return worst;
}

/**
 * `POST /v1/requests`'s insert (createRequest, one transaction) timed over `count` requests on a fresh
 * database, with the indicators' triggers and without: what the indicators cost the insert path. `open`
 * gives a store on a new database, its indicator triggers on `requests` dropped or not; the store is closed
 * here.
 */
export async function timeInsertPath(
  open: (indicatorTriggers: boolean) => Promise<AppStore>,
  makeRequest: (i: number) => NewRequest,
  count: number,
): Promise<{ withTriggers: number; without: number }> {
  const run = async (indicatorTriggers: boolean) => {
    const store = await open(indicatorTriggers);
    const started = performance.now();
    for (let i = 0; i < count; i++)
      await store.createRequest(makeRequest(i), new Date());
    const ms = performance.now() - started;
    await store.close();
    return ms;
  };
  // Alternated, twice each, best kept: the caches and the JIT warm alike for both.
  const without = [await run(false)];
  const withTriggers = [await run(true)];
  without.push(await run(false));
  withTriggers.push(await run(true));
  return {
    withTriggers: Math.min(...withTriggers),
    without: Math.min(...without),
  };
}
