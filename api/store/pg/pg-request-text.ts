import type pg from "pg";
import { visibleDepartments } from "../sqlite-request-scope.ts";
import { TEXT_SCAN_LIMIT } from "../support-rules.ts";
import type { RequestFilters, Scope } from "../support-types.ts";
import {
  PgParams,
  searchQuery,
  searchTermsOf,
  type SearchTerms,
} from "./pg-request-filters.ts";
import {
  chooseTextPlan,
  createSearchStatisticsCache,
  type TextWindowPlan,
} from "./pg-search-plan.ts";

const searchStatistics = createSearchStatisticsCache();

/**
 * The text window of a search (TEXT_SCAN_LIMIT, support-rules.ts): the ids of the newest TEXT_SCAN_LIMIT
 * text matches in the caller's scope older than `before`, newest first. Undefined without text, or when the
 * scope and filters leave nothing to match.
 *
 * The scope is applied INSIDE the window (issue 11), as on SQLite: a referent's window holds only requests
 * of its départements, so nothing it is told — counts, « at least », where to search on — depends on other
 * départements' requests, and the window's oldest id, a cursor, is one it can see.
 *
 * Which way the window is read is decided here (pg-search-plan.ts), not by the planner: it estimates a
 * prefix (`sejour:*`) from the most common lexemes only once ANALYZE found at least 100 of them, else it
 * assumes 2 % of the rows — and on a poorer vocabulary (the bench's 70 words) it read a common prefix's
 * every match through the GIN index, 420,000 rows to keep 5,000: 1.3–3.2 s at 1 M requests. From the same
 * statistics (pg_stats, cached a few minutes per process), a common search walks the primary key backwards
 * testing the stored vector with `ts_match_vq(search, q)` — the function form, which no index serves, so
 * the planner cannot turn it back into a GIN read — and a rare one reads the GIN index (`search @@ q`).
 * Both test the same tsquery on the same rows: the window is the same whichever is chosen. A database
 * never analysed has no statistics: the GIN form, the planner's choice.
 *
 * `plan` forces one way (tests compare them).
 *
 * Nothing but those statistics is kept between calls: every instance reads the same database (SQLite's
 * memo of the last windows relies on one process owning its file).
 */
export async function readTextWindow(
  db: pg.Pool | pg.PoolClient,
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  plan?: TextWindowPlan,
): Promise<number[] | undefined> {
  const text = searchTermsOf(filters);
  if (!text || visibleDepartments(scope, filters)?.length === 0)
    return undefined;
  const chosen =
    plan ??
    chooseTextPlan(
      text,
      await searchStatistics(db),
      TEXT_SCAN_LIMIT,
      visibleDepartments(scope, {}),
    );
  const { sql, values } = textWindowQuery(scope, text, before, chosen);
  const { rows } = await db.query<{ id: number }>(sql, values);
  return rows.map((row) => row.id);
}

/** The window's statement, read one way or the other (exported for the tests' EXPLAIN). */
export function textWindowQuery(
  scope: Scope,
  text: SearchTerms,
  before: number | undefined,
  plan: TextWindowPlan,
): { sql: string; values: unknown[] } {
  const departments = visibleDepartments(scope, {});
  const params = new PgParams();
  const query = searchQuery(text, params);
  const conditions = [
    plan === "walk" ? `ts_match_vq(search, ${query})` : `search @@ ${query}`,
  ];
  if (before !== undefined)
    conditions.push(`id < ${params.add(before, "::bigint")}`);
  if (departments)
    conditions.push(`department = ANY(${params.add(departments, "::text[]")})`);
  return {
    sql: `SELECT id::integer AS id FROM requests WHERE ${conditions.join(" AND ")}
     ORDER BY requests.id DESC LIMIT ${params.add(TEXT_SCAN_LIMIT)}`,
    values: params.values,
  };
}
