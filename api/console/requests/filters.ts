import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../../contract/request-statuses.ts";
import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";

// The inbox filters live in the address bar, so a filtered inbox can be bookmarked and Back works. The
// console's query uses the API's own names and meanings (`to` included), so the same string serves the
// list, the counts and the CSV export.

/** The inbox filters; absent means « any ». */
export interface InboxFilters {
  status: RequestStatus[];
  platform?: Platform;
  route?: string;
  category?: string;
  subject?: string;
  department?: string;
  role?: string;
  /** `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
  q?: string;
  /** `me`, `none` or an account id. */
  assignee?: string;
  /** Only requests with an answer of the requester nobody opened yet (`unread=1`, issue 10). */
  unread?: boolean;
}

/** The text filters, in the order they appear in the query string. */
export const TEXT_FILTERS = [
  "route",
  "category",
  "subject",
  "department",
  "role",
  "from",
  "to",
  "q",
  "assignee",
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filters of an address bar query; unknown statuses, platforms and malformed dates are dropped. */
export function parseFilters(query: URLSearchParams): InboxFilters {
  const status = (query.get("status") ?? "")
    .split(",")
    .filter((s): s is RequestStatus =>
      (REQUEST_STATUSES as readonly string[]).includes(s),
    );
  const filters: InboxFilters = { status: [...new Set(status)] };
  const platform = query.get("platform");
  if ((PLATFORMS as readonly string[]).includes(platform ?? ""))
    filters.platform = platform as Platform;
  for (const key of TEXT_FILTERS) {
    const value = query.get(key)?.trim();
    if (!value) continue;
    if ((key === "from" || key === "to") && !DATE.test(value)) continue;
    filters[key] = value;
  }
  if (query.get("unread") === "1") filters.unread = true;
  return filters;
}

/** The query string of some filters (for the address bar, the API and the export), in a stable order. */
export function filtersToQuery(filters: InboxFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.status.length > 0)
    // Statuses in workflow order, so equal filters give equal addresses.
    query.set(
      "status",
      REQUEST_STATUSES.filter((s) => filters.status.includes(s)).join(","),
    );
  if (filters.platform) query.set("platform", filters.platform);
  for (const key of TEXT_FILTERS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  if (filters.unread) query.set("unread", "1");
  return query;
}

/** The inbox path for some filters: `/` or `/?status=new&…`. */
export function inboxPath(filters: InboxFilters): string {
  const search = filtersToQuery(filters).toString();
  return search ? `/?${search}` : "/";
}

/** Whether any filter is set (the empty state then suggests clearing them). */
export function hasFilters(filters: InboxFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.platform !== undefined ||
    filters.unread === true ||
    TEXT_FILTERS.some((key) => filters[key] !== undefined)
  );
}
