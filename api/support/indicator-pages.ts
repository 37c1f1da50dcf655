import type {
  PageIndicator,
  SearchIndicator,
  TipIndicator,
} from "../contract/indicators.ts";
import type { Platform } from "../contract/vocabulary.ts";
import { countableTerm } from "../contract/widget-event-rules.ts";
import type {
  PageRequestCount,
  WidgetCount,
} from "../store/indicator-types.ts";

// Issue 13: the per-page, per-tip and per-search figures of one period, from the requests per page and the
// widget's daily counters. `widget` is undefined when the counters cannot be shown for the scope: every
// figure drawn from them is then null or empty, never a zero that would read as « nobody opened the panel ».

/** A search term is listed from this many empty searches on a page in the period. */
export const SEARCH_MIN_COUNT = 3;

/** Code-point order: the same on every machine, whatever its locale. */
export const compareText = (a: string, b: string) =>
  a < b ? -1 : a > b ? 1 : 0;
const pageKey = (platform: Platform, route: string) => `${platform} ${route}`;

/** Requests per 100 panel openings, to one decimal; null without openings. */
export function contactRate(
  requests: number,
  opens: number | null,
): number | null {
  return opens ? Math.round((requests * 1000) / opens) / 10 : null;
}

/**
 * Every page with requests or widget counters, worst first (`sortPages`); `previousContactRate` is filled
 * by `withPreviousRates`.
 */
export function pageIndicators(
  requests: readonly PageRequestCount[],
  widget: readonly WidgetCount[] | undefined,
): PageIndicator[] {
  const pages = new Map<string, PageIndicator>();
  const pageOf = (platform: Platform, route: string) => {
    const key = pageKey(platform, route);
    let page = pages.get(key);
    if (!page) {
      const counted = widget ? 0 : null;
      page = {
        platform,
        route,
        opens: counted,
        tipViews: counted,
        contactOpens: counted,
        requests: 0,
        contactRate: null,
        previousContactRate: null,
      };
      pages.set(key, page);
    }
    return page;
  };
  for (const line of requests)
    pageOf(line.platform, line.route).requests += line.count;
  for (const line of widget ?? []) {
    const page = pageOf(line.platform, line.route);
    if (line.event === "panel_open") page.opens! += line.count;
    else if (line.event === "tip_read") page.tipViews! += line.count;
    else if (line.event === "contact_open") page.contactOpens! += line.count;
  }
  for (const page of pages.values())
    page.contactRate = contactRate(page.requests, page.opens);
  return sortPages([...pages.values()]);
}

/** Each page's rate over the previous period, from that period's pages (null where it had none). */
export function withPreviousRates(
  pages: readonly PageIndicator[],
  previous: readonly PageIndicator[],
): PageIndicator[] {
  const before = new Map(
    previous.map((page) => [pageKey(page.platform, page.route), page]),
  );
  return pages.map((page) => ({
    ...page,
    previousContactRate:
      before.get(pageKey(page.platform, page.route))?.contactRate ?? null,
  }));
}

/** Highest contact rate first (pages without a rate last), then most requests, then route and platform. */
export function sortPages(pages: PageIndicator[]): PageIndicator[] {
  return pages.sort(
    (a, b) =>
      (b.contactRate ?? -1) - (a.contactRate ?? -1) ||
      b.requests - a.requests ||
      compareText(a.route, b.route) ||
      compareText(a.platform, b.platform),
  );
}

/** Reads, votes and requests after reading, per (tip, platform, route); most « Non » first, then most read. */
export function tipIndicators(
  widget: readonly WidgetCount[] | undefined,
): TipIndicator[] {
  const tips = new Map<string, TipIndicator>();
  for (const line of widget ?? []) {
    if (line.tip === undefined) continue;
    const key = `${line.tip} ${pageKey(line.platform, line.route)}`;
    let tip = tips.get(key);
    if (!tip) {
      tip = {
        id: line.tip,
        platform: line.platform,
        route: line.route,
        reads: 0,
        helpful: 0,
        notHelpful: 0,
        requestsAfter: 0,
      };
      tips.set(key, tip);
    }
    if (line.event === "tip_read") tip.reads += line.count;
    else if (line.event === "tip_helpful") tip.helpful += line.count;
    else if (line.event === "tip_not_helpful") tip.notHelpful += line.count;
    else if (line.event === "tip_then_request") tip.requestsAfter += line.count;
  }
  return [...tips.values()].sort(
    (a, b) =>
      b.notHelpful - a.notHelpful ||
      b.reads - a.reads ||
      compareText(a.id, b.id) ||
      compareText(a.route, b.route) ||
      compareText(a.platform, b.platform),
  );
}

/** Empty searches seen at least 3 times on a page; most frequent first. */
export function searchIndicators(
  widget: readonly WidgetCount[] | undefined,
): SearchIndicator[] {
  const searches = new Map<string, SearchIndicator>();
  for (const line of widget ?? []) {
    // The server refuses such terms; checked again so that no stored line can ever show a number or an
    // address (personal data) in the console.
    if (
      line.event !== "search_empty" ||
      !line.term ||
      countableTerm(line.term) !== line.term
    )
      continue;
    const key = `${pageKey(line.platform, line.route)} ${line.term}`;
    const search = searches.get(key);
    if (search) search.count += line.count;
    else
      searches.set(key, {
        platform: line.platform,
        route: line.route,
        term: line.term,
        count: line.count,
      });
  }
  return [...searches.values()]
    .filter((search) => search.count >= SEARCH_MIN_COUNT)
    .sort(
      (a, b) =>
        b.count - a.count ||
        compareText(a.term, b.term) ||
        compareText(a.route, b.route) ||
        compareText(a.platform, b.platform),
    );
}
