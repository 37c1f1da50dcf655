import type pg from "pg";
import { visibleDepartments } from "../sqlite-request-scope.ts";
import { TEXT_SCAN_LIMIT } from "../support-rules.ts";
import type { RequestFilters, Scope } from "../support-types.ts";
import { PgParams, searchQuery, searchTermsOf } from "./pg-request-filters.ts";

/**
 * The text window of a search (TEXT_SCAN_LIMIT, support-rules.ts): the ids of the newest TEXT_SCAN_LIMIT
 * text matches in the caller's scope older than `before`, newest first. Undefined without text, or when the
 * scope and filters leave nothing to match.
 *
 * The scope is applied INSIDE the window (issue 11), as on SQLite: a referent's window holds only requests
 * of its départements, so nothing it is told — counts, « at least », where to search on — depends on other
 * départements' requests, and the window's oldest id, a cursor, is one it can see.
 *
 * The planner reads either the GIN index (a rare word: few matches, sorted) or the primary key backwards
 * testing the stored vector (a common word: its newest 5,000 matches lie close), from the statistics of
 * `search`; the tsquery is a constant for it (the driver's unnamed statements are planned with their
 * parameters' values). A prefix (`sejour:*`) is estimated from the most common lexemes that begin with it
 * — only once ANALYZE found at least 100 of them, as real messages give; on a vocabulary poorer than that
 * (a synthetic bench) PostgreSQL assumes 2 % of the rows and reads a common prefix's every match through
 * the GIN index (165 ms for 100,000 matches measured at 300,000 requests).
 *
 * Nothing is kept between calls: every instance reads the same database (SQLite's memo of the last windows
 * relies on one process owning its file).
 */
export async function readTextWindow(
  db: pg.Pool | pg.PoolClient,
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
): Promise<number[] | undefined> {
  const text = searchTermsOf(filters);
  if (!text || visibleDepartments(scope, filters)?.length === 0)
    return undefined;
  const departments = visibleDepartments(scope, {});
  const params = new PgParams();
  const conditions = [`search @@ ${searchQuery(text, params)}`];
  if (before !== undefined)
    conditions.push(`id < ${params.add(before, "::bigint")}`);
  if (departments)
    conditions.push(`department = ANY(${params.add(departments, "::text[]")})`);
  const { rows } = await db.query<{ id: number }>(
    `SELECT id::integer AS id FROM requests WHERE ${conditions.join(" AND ")}
     ORDER BY requests.id DESC LIMIT ${params.add(TEXT_SCAN_LIMIT)}`,
    params.values,
  );
  return rows.map((row) => row.id);
}
