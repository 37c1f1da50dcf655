import type pg from "pg";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import { visibleDepartments } from "../sqlite-request-scope.ts";
import { TEXT_SCAN_LIMIT } from "../support-rules.ts";
import type { RequestFilters, Scope } from "../support-types.ts";
import {
  PgParams,
  searchQuery,
  searchTermsOf,
  type SearchTerms,
} from "./pg-request-filters.ts";
import { SEARCH_SIZE_SPLIT } from "./pg-migration-10.ts";
import { chooseIndexWords, readSearchParts } from "./pg-search-lexemes.ts";
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
 * assumes 2 % of the rows — and on a poorer vocabulary (the bench's 50 words) it read a common prefix's
 * every match through the GIN index, 420,000 rows to keep 5,000: 1.3–3.2 s at 1 M requests. From the same
 * statistics (pg_stats, cached a few minutes per process), a common search walks the primary key backwards
 * testing the stored vector with `ts_match_vq(search, q)` — the function form, which no index serves, so
 * the planner cannot turn it back into a GIN read —, a referent's rarer search reads its départements'
 * rows first, and a rare one reads the GIN index (`search @@ q`). All test the same tsquery on the same
 * rows: the window is the same whichever is chosen. A database
 * never analysed has no statistics: the GIN form, the planner's choice.
 *
 * The GIN form reads exact words rather than prefixes, and only the selective ones (pg-search-lexemes.ts):
 * the rows it returns are tested against the whole search.
 *
 * `plan` forces one way (tests compare them).
 *
 * Nothing but those statistics is kept between calls: every instance reads the same database (SQLite's
 * memo of the last windows relies on one process owning its file). Calls at the same time share one read.
 */
export async function readTextWindow(
  db: pg.Pool | pg.PoolClient,
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  plan?: TextWindowPlan,
): Promise<number[] | undefined> {
  const rows = await readTextWindowRows(db, scope, filters, before, plan);
  return rows?.map((row) => row.id);
}

/** A request of the text window, with its status as the window's statement read it. */
export interface TextWindowRow {
  id: number;
  status: RequestStatus;
}

/**
 * The text window as rows (readTextWindow): the counts per status of a search are those of its window's
 * rows, which the statement that found them has already read — a second statement looking the ids up again
 * cost ≈ 14 ms of the worst search's GET at 1 M requests.
 */
export async function readTextWindowRows(
  db: pg.Pool | pg.PoolClient,
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  plan?: TextWindowPlan,
): Promise<TextWindowRow[] | undefined> {
  const text = searchTermsOf(filters);
  if (!text || visibleDepartments(scope, filters)?.length === 0)
    return undefined;
  const key = JSON.stringify([
    visibleDepartments(scope, {}) ?? null,
    text,
    before ?? null,
    plan ?? null,
  ]);
  let reads = inFlight.get(db);
  if (!reads) inFlight.set(db, (reads = new Map()));
  const pending = reads.get(key);
  if (pending) return pending;
  const read = readWindow(db, scope, text, before, plan);
  reads.set(key, read);
  const forget = () => reads.delete(key);
  read.then(forget, forget);
  return read;
}

/**
 * The windows being read, per pool: the inbox's GET asks for a page and its counts at once, each wanting
 * the same window; they share one read, as if both had read at the same instant (at 1 M requests a window
 * costs up to ≈ 80 ms, and the two reads ran side by side on the 2 cores). Forgotten once read: another
 * instance may have written since, so nothing read is reused later.
 */
const inFlight = new WeakMap<object, Map<string, Promise<TextWindowRow[]>>>();

async function readWindow(
  db: pg.Pool | pg.PoolClient,
  scope: Scope,
  text: SearchTerms,
  before: number | undefined,
  plan: TextWindowPlan | undefined,
): Promise<TextWindowRow[]> {
  const stats = await searchStatistics(db);
  // The words each prefix begins, before the plan: what the index would read is costed as it would be
  // read. Two statements: a request committed between them with a word new to the list is found by the
  // next search, as if this one had run a moment earlier.
  const words = chooseIndexWords(await readSearchParts(db, text), stats);
  // A prefix that begins no word of any request: nothing matches.
  if (words.kind === "none") return [];
  const chosen =
    plan ??
    chooseTextPlan(
      text,
      stats,
      TEXT_SCAN_LIMIT,
      visibleDepartments(scope, {}),
      words,
    );
  const indexWords =
    chosen === "index" && words.kind === "words" ? words.query : undefined;
  const { sql, values } = textWindowQuery(
    scope,
    text,
    before,
    chosen,
    indexWords,
  );
  const { rows } = await db.query<TextWindowRow>(sql, values);
  return rows;
}

/**
 * The window's statement, read one way or the other (exported for the tests' EXPLAIN). `indexWords`: the
 * tsquery the GIN form gives the index (chooseIndexWords), the rows then tested against the search.
 */
export function textWindowQuery(
  scope: Scope,
  text: SearchTerms,
  before: number | undefined,
  plan: TextWindowPlan,
  indexWords?: string,
): { sql: string; values: unknown[] } {
  const departments = visibleDepartments(scope, {});
  const params = new PgParams();
  const query = searchQuery(text, params);
  const scoped: string[] = [];
  if (before !== undefined)
    scoped.push(`id < ${params.add(before, "::bigint")}`);
  if (departments)
    scoped.push(`department = ANY(${params.add(departments, "::text[]")})`);
  const limit = params.add(TEXT_SCAN_LIMIT);
  if (plan === "departments") {
    // OFFSET 0 keeps each subquery apart: planned alone, it reads the départements' rows — from
    // requests_by_department_search alone (migration 10), which holds the columns read here, and the few
    // long vectors' rows from the table —; the outer query tests and sorts them.
    const where = scoped.join(" AND ") || "true";
    return {
      sql: `SELECT id::integer AS id, status
     FROM (SELECT id, status, search FROM requests WHERE ${where} AND ${SEARCH_SIZE_SPLIT} OFFSET 0) AS scoped
     WHERE ts_match_vq(search, ${query})
     UNION ALL
     SELECT id::integer AS id, status
     FROM (SELECT id, status, search FROM requests WHERE ${where} AND NOT (${SEARCH_SIZE_SPLIT}) OFFSET 0) AS long
     WHERE ts_match_vq(search, ${query})
     ORDER BY id DESC LIMIT ${limit}`,
      values: params.values,
    };
  }
  const conditions =
    plan === "walk"
      ? [`ts_match_vq(search, ${query})`]
      : indexWords === undefined
        ? [`search @@ ${query}`]
        : [
            `search @@ ${params.add(indexWords, "::tsquery")}`,
            `ts_match_vq(search, ${query})`,
          ];
  return {
    sql: `SELECT id::integer AS id, status FROM requests WHERE ${[...conditions, ...scoped].join(" AND ")}
     ORDER BY requests.id DESC LIMIT ${limit}`,
    values: params.values,
  };
}
