import { useEffect, useRef, useState } from "preact/hooks";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import type { RequestSummary } from "../../contract/support-requests.ts";
import { filtersToQuery, type InboxFilters } from "../requests/filters.ts";
import { useServices } from "../services.ts";

/** Rows per page: the API's default, small enough to render at once. */
export const PAGE_SIZE = 50;

/** The inbox list as it loads: the first page, then more pages appended with « Suivantes ». */
export type RequestListState =
  | { state: "loading" }
  | { state: "error"; message: string }
  | {
      state: "ready";
      items: RequestSummary[];
      nextCursor?: string;
      counts: Partial<Record<RequestStatus, number>>;
      /** False when a text search matched more than the API counts: the counts are « at least ». */
      countsComplete?: boolean;
    };

/**
 * Loads the inbox for some filters (again whenever `key`, their query string, changes) and the next pages
 * on demand. `loadMore` resolves with where the new rows start and how many came, or undefined on failure.
 */
export function useRequestList(filters: InboxFilters, key: string) {
  const { api } = useServices();
  const [list, setList] = useState<RequestListState>({ state: "loading" });
  const [more, setMore] = useState<{ loading: boolean; error?: string }>({
    loading: false,
  });
  // The filters a response belongs to: an answer for older filters is dropped, never shown.
  const currentKey = useRef(key);
  currentKey.current = key;

  const queryFor = (cursor?: string) => {
    const query = filtersToQuery(filters);
    query.set("limit", String(PAGE_SIZE));
    if (cursor) query.set("cursor", cursor);
    return query;
  };

  useEffect(() => {
    setList({ state: "loading" });
    setMore({ loading: false });
    void api.listRequests(queryFor()).then((result) => {
      if (currentKey.current !== key) return;
      setList(
        result.ok
          ? { state: "ready", ...result.value }
          : { state: "error", message: result.message },
      );
    });
  }, [key]);

  const loadMore = async (): Promise<
    { first: number; added: number } | undefined
  > => {
    if (list.state !== "ready" || !list.nextCursor || more.loading) return;
    setMore({ loading: true });
    const result = await api.listRequests(queryFor(list.nextCursor));
    if (currentKey.current !== key) return;
    if (!result.ok) {
      setMore({ loading: false, error: result.message });
      return;
    }
    // Keys must stay unique; a keyset page never repeats a row, but a row is never shown twice either way.
    const seen = new Set(list.items.map((item) => item.reference));
    const added = result.value.items.filter(
      (item) => !seen.has(item.reference),
    );
    setList({
      ...list,
      items: [...list.items, ...added],
      nextCursor: result.value.nextCursor,
    });
    setMore({ loading: false });
    return { first: list.items.length, added: added.length };
  };

  return { list, more, loadMore };
}
