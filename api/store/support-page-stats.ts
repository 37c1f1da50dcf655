import type { PageStat } from "./support-types.ts";

/** Pages with requests in the period, most first, each with its three most frequent categories. */
export function rankPages(
  pages: Omit<PageStat, "topCategories">[],
  categories: {
    platform: string;
    route: string;
    category: string;
    count: number;
  }[],
): PageStat[] {
  const key = (p: { platform: string; route: string }) =>
    `${p.platform} ${p.route}`;
  const byPage = new Map<string, { category: string; count: number }[]>();
  for (const { category, count, ...page } of categories) {
    const list = byPage.get(key(page)) ?? [];
    list.push({ category, count });
    byPage.set(key(page), list);
  }
  return pages
    .filter((page) => page.count > 0)
    .map((page) => ({
      platform: page.platform,
      route: page.route,
      count: page.count,
      previousCount: page.previousCount,
      topCategories: (byPage.get(key(page)) ?? [])
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

/** Code-unit order, the same in both stores whatever the locale. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
