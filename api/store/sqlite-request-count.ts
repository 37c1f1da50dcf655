import { REQUEST_STATUSES } from "../contract/request-statuses.ts";
import {
  nothingMatches,
  toClause,
  toSelection,
} from "./sqlite-request-filters.ts";
import {
  windowRows,
  withIndexPrefixes,
  type QueryHints,
} from "./sqlite-request-index-choice.ts";
import { visibleDepartments } from "./sqlite-request-scope.ts";
import { allOf, placeholders, type SqlQuery } from "./sqlite-request-sql.ts";
import type { RequestFilters, Scope } from "./support-types.ts";

/** One sum per status, in `REQUEST_STATUSES` order, of `term` (with one `?` for the status). */
const sumsPerStatus = (term: string) =>
  REQUEST_STATUSES.map(() => `total(${term})`).join(", ");

/**
 * Requests per status for the scope and filters (the status filter ignored), as one row of one column per
 * status in `REQUEST_STATUSES` order, then a 0. Filtered by scope or département only, it adds up the
 * `request_counts` tallies; with text, the requests of the text window (`window`, see `listIdsQuery`);
 * otherwise it reads one index range once (sums, not GROUP BY: no sort, and the status index cannot tempt
 * the planner). Undefined when nothing can match.
 */
export function countByStatusQuery(
  scope: Scope,
  filters: RequestFilters,
  hints: QueryHints = {},
  window?: string,
): SqlQuery | undefined {
  const { status: _perStatus, ...counted } = filters;
  const selection = toSelection(scope, counted);
  const conditions = withIndexPrefixes(selection.conditions, hints);
  if (nothingMatches(conditions)) return undefined;
  const { department: _d, q: _q, ...others } = counted;
  if (
    !selection.text &&
    Object.values(others).every((value) => value === undefined)
  ) {
    const departments = visibleDepartments(scope, filters);
    return {
      sql: `SELECT ${sumsPerStatus("n * (status = ?)")}, 0 FROM request_counts
        WHERE ${departments ? `department IN (${placeholders(departments.length)})` : "1"}`,
      params: [...REQUEST_STATUSES, ...(departments ?? [])],
    };
  }
  if (selection.text) {
    // The text window's requests (the newest matches in the scope, no more than TEXT_SCAN_LIMIT: the caller
    // knows how many), then the other filters.
    const rows = windowRows(window, conditions);
    return {
      sql: `SELECT ${sumsPerStatus("r.status = ?")}, 0 FROM ${rows.from} WHERE ${rows.where.sql}`,
      params: [...REQUEST_STATUSES, ...rows.where.params],
    };
  }
  const where = allOf(conditions.map((c) => toClause(c)));
  return {
    sql: `SELECT ${sumsPerStatus("status = ?")}, 0 FROM requests WHERE ${where.sql}`,
    params: [...REQUEST_STATUSES, ...where.params],
  };
}
