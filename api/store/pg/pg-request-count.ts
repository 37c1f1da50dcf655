import type { RequestFilters, Scope } from "../support-types.ts";
import { visibleDepartments } from "../sqlite-request-scope.ts";
import {
  and,
  listConditions,
  PgParams,
  toPgSelection,
} from "./pg-request-filters.ts";

/**
 * Requests per status for the scope and filters (the status filter ignored), as rows `{status, n}`.
 * Filtered by scope or département only, it adds up the `request_counts` tallies (migration 3); with text,
 * the requests of the text window (`window`, pg-request-text.ts: the newest matches in the scope, no more
 * than TEXT_SCAN_LIMIT — the caller knows how many), looked up by primary key; otherwise an index-only
 * count of the filters' index, or a scan the planner judges cheaper. Undefined when nothing can match.
 */
export function countQuery(
  scope: Scope,
  filters: RequestFilters,
  window?: readonly number[],
): { sql: string; values: unknown[] } | undefined {
  const { status: _perStatus, ...counted } = filters;
  const params = new PgParams();
  const selection = toPgSelection(scope, counted, params);
  if (selection.empty) return undefined;
  const { department: _d, q: _q, ...others } = counted;
  if (
    !selection.text &&
    Object.values(others).every((value) => value === undefined)
  ) {
    const departments = visibleDepartments(scope, filters);
    return {
      sql: `SELECT status, sum(n)::integer AS n FROM request_counts
        WHERE ${departments ? `department = ANY(${params.add(departments, "::text[]")})` : "true"}
        GROUP BY status`,
      values: params.values,
    };
  }
  const conditions = listConditions(selection, params);
  if (selection.text) {
    if (!window) throw new Error("A text search reads the ids of its window");
    conditions.unshift(`id = ANY(${params.add(window, "::bigint[]")})`);
  }
  return {
    sql: `SELECT status, count(*)::integer AS n FROM requests WHERE ${and(conditions)} GROUP BY status`,
    values: params.values,
  };
}
