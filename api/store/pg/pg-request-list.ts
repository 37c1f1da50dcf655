import { REQUEST_STATUSES } from "../../contract/request-statuses.ts";
import type { RequestFilters, Scope } from "../support-types.ts";
import {
  and,
  listConditions,
  PgParams,
  toPgSelection,
} from "./pg-request-filters.ts";

/** Past this many branches one query with ANY lists is cheaper (13 départements × 5 statuses fit). */
const MAX_BRANCHES = 128;

/**
 * The rows of one page (of the inbox or of a CSV export), newest first, older than the id `before` (keyset,
 * never OFFSET), `columns` of `requests`. Undefined when nothing can match.
 *
 * - With text: among the ids of the text window (pg-request-text.ts, already in the scope and below
 *   `before`), looked up by primary key and checked against the other filters.
 * - With départements (a referent, or a département filter): one branch per département × status, each read
 *   newest first from requests_by_department_status and cut at `limit`, then merged — a page costs about
 *   `limit` index entries per branch, never a sort of a département's every request. Several statuses
 *   alone branch the same way on requests_by_status.
 * - Otherwise one SELECT: from the statistics of each filter's column, the planner reads the filter's index
 *   (id last: newest first after its equalities) or the primary key backwards, skipping other rows.
 *
 * `ORDER BY requests.id`, qualified: a bare `id` would be the output column (`id::integer`), which no
 * index is sorted by.
 */
export function pageQuery(
  columns: string,
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  limit: number,
  window?: readonly number[],
): { sql: string; values: unknown[] } | undefined {
  const params = new PgParams();
  const selection = toPgSelection(scope, filters, params);
  if (selection.empty) return undefined;
  const newest = (where: string[]) =>
    `SELECT ${columns} FROM requests WHERE ${and(where)} ORDER BY requests.id DESC LIMIT ${params.add(limit)}`;
  if (selection.text) {
    if (!window) throw new Error("A text search reads the ids of its window");
    return {
      sql: newest([
        `id = ANY(${params.add(window, "::bigint[]")})`,
        ...listConditions(selection, params),
      ]),
      values: params.values,
    };
  }
  // Not with text: the window is already below `before` (and a placeholder no SQL uses has no type).
  const keyset =
    before === undefined ? [] : [`id < ${params.add(before, "::bigint")}`];
  const { departments, statuses } = selection;
  const branchStatuses = statuses ?? REQUEST_STATUSES;
  const byDepartment =
    departments !== undefined &&
    departments.length * branchStatuses.length <= MAX_BRANCHES;
  const byStatus =
    !byDepartment && statuses !== undefined && statuses.length > 1;
  if (!byDepartment && !byStatus)
    return {
      sql: newest([...listConditions(selection, params), ...keyset]),
      values: params.values,
    };
  const shared = [
    ...listConditions(selection, params, {
      departments: !byDepartment,
      statuses: false,
    }),
    ...keyset,
  ];
  const branches = (byDepartment ? departments : [undefined]).flatMap(
    (department) =>
      branchStatuses.map((status) => {
        const equalities = [
          ...(department === undefined
            ? []
            : [`department = ${params.add(department)}`]),
          `status = ${params.add(status)}`,
        ];
        return `(${newest([...equalities, ...shared])})`;
      }),
  );
  return {
    sql: `SELECT * FROM (${branches.join(" UNION ALL ")}) AS page ORDER BY id DESC LIMIT ${params.add(limit)}`,
    values: params.values,
  };
}
