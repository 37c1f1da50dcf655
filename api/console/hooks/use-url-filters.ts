import { useMemo } from "preact/hooks";

/**
 * Filters read from the address bar, parsed again only when the query string changes. `search` also keys
 * the filter form, so Back resets its draft.
 */
export function useUrlFilters<T>(
  query: URLSearchParams,
  parse: (query: URLSearchParams) => T,
): { filters: T; search: string } {
  const search = query.toString();
  const filters = useMemo(() => parse(query), [search]);
  return { filters, search };
}
