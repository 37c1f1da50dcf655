import type { PageIndicator } from "../../contract/indicators.ts";

// The per-page table's sorting. By default the API's order (pages where people struggle most first); a
// header button sorts by its column. Missing values (no widget counters, no openings) always come last.

export type PageColumnKey =
  | "platform"
  | "route"
  | "opens"
  | "tipViews"
  | "contactOpens"
  | "requests"
  | "contactRate"
  | "rateChange";

export type SortDirection = "ascending" | "descending";

export interface PageSort {
  key: PageColumnKey;
  direction: SortDirection;
}

/** A column's value for sorting. */
export function pageValue(
  page: PageIndicator,
  key: PageColumnKey,
): string | number | null {
  if (key === "rateChange")
    return page.contactRate === null || page.previousContactRate === null
      ? null
      : page.contactRate - page.previousContactRate;
  return page[key];
}

const TEXT_KEYS: readonly PageColumnKey[] = ["platform", "route"];

/** First click: text A→Z, numbers largest first; the same column again reverses. */
export function nextSort(
  current: PageSort | undefined,
  key: PageColumnKey,
): PageSort {
  if (current?.key === key)
    return {
      key,
      direction: current.direction === "ascending" ? "descending" : "ascending",
    };
  return {
    key,
    direction: TEXT_KEYS.includes(key) ? "ascending" : "descending",
  };
}

const TEXT = new Intl.Collator("fr");

/** The pages in the chosen order (stable: ties keep the API's order); the API's order without a sort. */
export function sortPages(
  pages: readonly PageIndicator[],
  sort: PageSort | undefined,
): PageIndicator[] {
  if (!sort) return [...pages];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...pages].sort((a, b) => {
    const x = pageValue(a, sort.key);
    const y = pageValue(b, sort.key);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === "string" || typeof y === "string")
      return sign * TEXT.compare(String(x), String(y));
    return sign * (x - y);
  });
}
