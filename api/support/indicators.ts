import type {
  IndicatorFigures,
  Indicators,
  MissingTip,
} from "../contract/indicators.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import type {
  DayRange,
  IndicatorFilter,
  IndicatorStore,
  PageRequestCount,
} from "../store/indicator-types.ts";
import type { Scope } from "../store/support-types.ts";
import { addDays, daysIn } from "../store/working-days.ts";
import { selectTips } from "../tips/select-tips.ts";
import {
  compareText,
  pageIndicators,
  SEARCH_MIN_COUNT,
  searchIndicators,
  tipIndicators,
  withPreviousRates,
} from "./indicator-pages.ts";

/** How many recent rating comments, and at most how many pages without a tip, the answer lists. */
export const COMMENTS_LIMIT = 10;
export const MISSING_TIPS_LIMIT = 50;

export interface IndicatorsDeps {
  store: IndicatorStore;
  /** The published tips served today (the catalogue of `GET /v1/tips`). */
  tips: readonly TipRecord[];
}

/** The period just before: as many days, ending the day before `from`. */
export function previousRange(range: DayRange): DayRange {
  return {
    from: addDays(range.from, -daysIn(range)),
    to: addDays(range.from, -1),
  };
}

/**
 * The widget's counters carry neither département nor role: they are shown only when the figures cover
 * every request (not to a referent, nor with a département or role filter), else they would be compared
 * with requests they do not match.
 */
export function showsWidgetCounters(
  scope: Scope,
  filter: IndicatorFilter,
): boolean {
  return (
    scope.kind === "all" &&
    filter.department === undefined &&
    filter.role === undefined
  );
}

/** The « Indicateurs » answer: the period's figures, the previous period's, and what needs a tip. */
export async function composeIndicators(
  { store, tips }: IndicatorsDeps,
  scope: Scope,
  range: DayRange,
  filter: IndicatorFilter,
): Promise<Indicators> {
  const previousDays = previousRange(range);
  const widgetCounters = showsWidgetCounters(scope, filter);
  const [current, previous, comments, weeks] = await Promise.all([
    periodFigures(store, scope, range, filter, widgetCounters),
    periodFigures(store, scope, previousDays, filter, widgetCounters),
    store.latestComments(scope, range, filter, COMMENTS_LIMIT),
    store.weeklySeries(scope, range, filter),
  ]);
  return {
    from: range.from,
    to: range.to,
    previousFrom: previousDays.from,
    previousTo: previousDays.to,
    widgetCounters,
    ...current.figures,
    pages: withPreviousRates(current.figures.pages, previous.figures.pages),
    missingTips: missingTips(current.requestsPerPage, tips),
    comments,
    weeks,
    // The previous period's pages are not compared with a third period: their previous rate stays null.
    previous: previous.figures,
  };
}

async function periodFigures(
  store: IndicatorStore,
  scope: Scope,
  range: DayRange,
  filter: IndicatorFilter,
  widgetCounters: boolean,
): Promise<{ figures: IndicatorFigures; requestsPerPage: PageRequestCount[] }> {
  const [requests, requestsPerPage, widget] = await Promise.all([
    store.requestFigures(scope, range, filter),
    store.pageRequestCounts(scope, range, filter),
    widgetCounters
      ? store.widgetCounts(range, filter.platform, SEARCH_MIN_COUNT)
      : undefined,
  ]);
  const { answers, satisfied, resolutions } = requests.satisfaction;
  const figures: IndicatorFigures = {
    received: requests.received,
    handled: requests.handled,
    backlog: requests.backlog,
    firstResponse: requests.firstResponse,
    resolution: requests.resolution,
    satisfaction: {
      answers,
      satisfied: answers ? satisfied / answers : null,
      rate: resolutions ? answers / resolutions : null,
    },
    pages: pageIndicators(requestsPerPage, widget),
    tips: tipIndicators(widget),
    searchesWithoutResult: searchIndicators(widget),
  };
  return { figures, requestsPerPage };
}

/**
 * Pages, roles and file statuses that sent requests while the catalogue shows them no tip — the same
 * selection as `GET /v1/tips` for that page and user, whatever the values of the route's parameters. Most
 * requests first.
 */
export function missingTips(
  requests: readonly PageRequestCount[],
  tips: readonly TipRecord[],
): MissingTip[] {
  // The counts carry no route parameter values: a tip shown for some values of the page's parameters
  // (`step=documents`) covers the page, or pages with such tips would be listed as having none.
  const anyParams = tips.map((tip) => ({ ...tip, params: {} }));
  const missing = new Map<string, MissingTip>();
  for (const { platform, route, role, status, count } of requests) {
    const shown = selectTips(anyParams, {
      platform,
      route,
      ...(role === null ? {} : { role }),
      ...(status === null ? {} : { status }),
    });
    if (shown.length) continue;
    const key = JSON.stringify([platform, route, role, status]);
    const line = missing.get(key);
    if (line) line.requests += count;
    else missing.set(key, { platform, route, role, status, requests: count });
  }
  return [...missing.values()]
    .sort(
      (a, b) =>
        b.requests - a.requests ||
        compareText(a.route, b.route) ||
        compareText(a.platform, b.platform) ||
        compareText(a.role ?? "", b.role ?? "") ||
        compareText(a.status ?? "", b.status ?? ""),
    )
    .slice(0, MISSING_TIPS_LIMIT);
}
