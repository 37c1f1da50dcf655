import type { Platform } from "../contract/vocabulary.ts";
import type { PageStat } from "./support-types.ts";

/** Requests of one category on one page, in the period and in the previous one. */
export interface PageCategoryCount {
  platform: Platform;
  route: string;
  category: string;
  count: number;
  previousCount: number;
}

/** Code-unit order, the same in both stores whatever the locale. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pages with requests in the period, most first (then by route tag, then platform), each with the previous
 * period's count and its three most frequent categories (ties by category id).
 */
export function rankPages(rows: readonly PageCategoryCount[]): PageStat[] {
  const pages = new Map<string, PageStat>();
  for (const row of rows) {
    const key = `${row.platform} ${row.route}`;
    const page = pages.get(key) ?? {
      platform: row.platform,
      route: row.route,
      count: 0,
      previousCount: 0,
      topCategories: [],
    };
    pages.set(key, page);
    page.count += row.count;
    page.previousCount += row.previousCount;
    if (row.count > 0)
      page.topCategories.push({ category: row.category, count: row.count });
  }
  return [...pages.values()]
    .filter((page) => page.count > 0)
    .map((page) => ({
      ...page,
      topCategories: page.topCategories
        .sort((a, b) => b.count - a.count || compare(a.category, b.category))
        .slice(0, 3),
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        compare(a.route, b.route) ||
        compare(a.platform, b.platform),
    );
}
