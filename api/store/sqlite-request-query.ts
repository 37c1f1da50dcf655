import { REQUEST_STATUSES } from "../contract/request-statuses.ts";
import { PLATFORMS } from "../contract/vocabulary.ts";
import { toFtsQuery, toInstant } from "./support-rules.ts";
import type { RequestFilters, Scope } from "./support-types.ts";

// The inbox SQL, built from a fixed set of clauses; every value is a bound parameter, never spliced in.

export type SqlValue = string | number;
export interface SqlQuery {
  sql: string;
  params: SqlValue[];
}

/** Inbox columns (see `SummaryRow`); the excerpt is cut in SQLite so the message never leaves it whole. */
export const SUMMARY_COLUMNS = `id, reference, created_at, status, platform, route, category, subject,
  department, role, substr(message, 1, 160) AS excerpt, assignee_id, tags, unread_answer`;

/** Past this many branches one query with IN lists is cheaper (13 départements × 5 statuses fit). */
const MAX_BRANCHES = 128;

/** What the query builder needs to know of the data itself (loose index scans, see `sqlite-request-inbox`). */
export interface QueryHints {
  /** Every stored category: a subject given alone is searched in each category's part of the topic index. */
  categories?: readonly string[];
  /** The subjects stored under the category filter: a list by category alone reads one branch per subject. */
  subjects?: readonly string[];
}

/** A column that takes one of several values. */
interface Dimension {
  column: string;
  values: readonly SqlValue[];
}

interface Where {
  /** Nothing can match (a referent without départements, a département outside the scope). */
  empty: boolean;
  /** Lists only: one branch per combination of these columns' values, each read newest first. */
  branches: Dimension[];
  clauses: string[];
  params: SqlValue[];
  fts?: string;
}

const placeholders = (count: number) => Array(count).fill("?").join(", ");
const and = (clauses: string[]) =>
  clauses.length ? clauses.join(" AND ") : "1";
const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** The départements a query may see: undefined = any, NULL included; [] = none. */
export function visibleDepartments(
  scope: Scope,
  filters: RequestFilters,
): string[] | undefined {
  if (scope.kind === "all")
    return filters.department === undefined ? undefined : [filters.department];
  // `IN` never matches NULL: referents never see requests without a département.
  const allowed = unique(scope.departments).filter((d) => d !== "");
  return filters.department === undefined
    ? allowed
    : allowed.filter((d) => d === filters.department);
}

/**
 * Scope and filters as clauses on `requests`, columns prefixed with `p` (`r.`).
 *
 * A `list` reads newest first. An index gives that order only after equalities on its leading columns, so
 * the first group of columns with several values (by priority: département × status, the platforms of a
 * route tag, the subjects of a category or the categories of a subject, statuses) becomes branches with one
 * value each, merged by SQLite; the other lists stay `IN`. A `text` list is driven by FTS5 and a `count`
 * reads whole ranges (and ignores the status filter): both keep every list as `IN`.
 */
function where(
  scope: Scope,
  filters: RequestFilters,
  p: string,
  purpose: "list" | "text" | "count",
  hints: QueryHints,
): Where {
  const branches: Dimension[] = [];
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  let empty = false;
  const add = (clause: string, ...values: SqlValue[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  const oneOf = (column: string, values: readonly SqlValue[]) => {
    if (!values.length) empty = true;
    else if (values.length === 1) add(`${p}${column} = ?`, values[0]!);
    else add(`${p}${column} IN (${placeholders(values.length)})`, ...values);
  };
  /** Branches on these columns if the list is ordered, nothing branches yet and it is worth it. */
  const branch = (dimensions: [string, readonly SqlValue[]][]) => {
    const count = dimensions.reduce((n, [, values]) => n * values.length, 1);
    if (
      purpose !== "list" ||
      branches.length ||
      count < 2 ||
      count > MAX_BRANCHES
    )
      return false;
    for (const [column, values] of dimensions)
      branches.push({ column: `${p}${column}`, values });
    return true;
  };

  const departments = visibleDepartments(scope, filters);
  const statuses =
    purpose !== "count" && filters.status?.length
      ? unique(filters.status)
      : undefined;
  let statusesUsed = false;
  if (departments?.length === 0) empty = true;
  if (departments?.length) {
    // requests_by_department_status: every status is a branch even without a status filter.
    statusesUsed = branch([
      ["department", departments],
      ["status", statuses ?? REQUEST_STATUSES],
    ]);
    if (!statusesUsed) oneOf("department", departments);
  }
  if (filters.route !== undefined) {
    // The page index starts with the platform: without one, each platform is a branch (or an IN).
    const platforms =
      filters.platform === undefined ? PLATFORMS : [filters.platform];
    if (!branch([["platform", platforms]])) oneOf("platform", platforms);
    add(`${p}route = ?`, filters.route);
  } else if (filters.platform !== undefined) {
    // Alone, a platform holds about half the rows: a list reads newest first and skips the others rather
    // than sort half the table (the unary + keeps SQLite off the page index); a count uses the index.
    add(`${purpose === "list" ? "+" : ""}${p}platform = ?`, filters.platform);
  }
  if (filters.category !== undefined) {
    add(`${p}category = ?`, filters.category);
    if (filters.subject !== undefined) add(`${p}subject = ?`, filters.subject);
    // Branches per subject when nothing else branches; otherwise the category's rows are read in order.
    else if (hints.subjects) branch([["subject", hints.subjects]]);
  } else if (filters.subject !== undefined) {
    if (hints.categories && !branch([["category", hints.categories]]))
      oneOf("category", hints.categories);
    add(`${p}subject = ?`, filters.subject);
  }
  if (statuses && !statusesUsed && !branch([["status", statuses]]))
    oneOf("status", statuses);
  if (filters.role === "none") add(`${p}role IS NULL`);
  else if (filters.role !== undefined) add(`${p}role = ?`, filters.role);
  if (filters.from !== undefined)
    add(`${p}created_at >= ?`, toInstant(filters.from, "from"));
  if (filters.to !== undefined)
    add(`${p}created_at < ?`, toInstant(filters.to, "to"));
  // requests_unread, a partial index: few rows, read newest first.
  if (filters.unread) add(`${p}unread_answer = 1`);
  if (filters.assignee === "none") add(`${p}assignee_id IS NULL`);
  else if (filters.assignee !== undefined)
    add(`${p}assignee_id = ?`, filters.assignee);

  const fts = filters.q === undefined ? undefined : toFtsQuery(filters.q);
  return { empty, branches, clauses, params, ...(fts ? { fts } : {}) };
}

/** Every combination of one value per dimension. */
function combinations(dimensions: Dimension[]): SqlValue[][] {
  return dimensions.reduce<SqlValue[][]>(
    (combos, d) =>
      combos.flatMap((combo) => d.values.map((value) => [...combo, value])),
    [[]],
  );
}

/**
 * The ids of one page, newest first, older than the id `before` (keyset). Undefined when nothing can match.
 *
 * - With text: among the ids of the text window (`window`, a JSON array from sqlite-text-window.ts, already
 *   in the scope and below `before`), each looked up by rowid newest first and checked against the other
 *   filters, stopping after `limit` (NOT INDEXED keeps SQLite on those lookups; the IN list is read in
 *   descending order, so nothing is sorted).
 * - With branches (see `where`): each reads its index newest first and SQLite merges them (MERGE UNION
 *   ALL): a page costs about `limit` index entries per branch, never a sort of every match.
 * - Otherwise one query whose equality filters meet an index ending in `id`.
 */
export function listIdsQuery(
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  limit: number,
  hints: QueryHints = {},
  window?: string,
): SqlQuery | undefined {
  const text = filters.q === undefined ? undefined : toFtsQuery(filters.q);
  const after = before === undefined ? [] : [before];
  if (text) {
    const w = where(scope, filters, "r.", "text", hints);
    if (w.empty) return undefined;
    return {
      sql: `SELECT r.id FROM requests AS r NOT INDEXED WHERE ${and([inWindow(window), ...w.clauses])}
        ORDER BY r.id DESC LIMIT ?`,
      params: [window!, ...w.params, limit],
    };
  }
  const w = where(scope, filters, "", "list", hints);
  if (w.empty) return undefined;
  const keyset = before === undefined ? [] : ["id < ?"];
  if (!w.branches.length) {
    return {
      sql: `SELECT id FROM requests WHERE ${and([...w.clauses, ...keyset])} ORDER BY id DESC LIMIT ?`,
      params: [...w.params, ...after, limit],
    };
  }
  const combos = combinations(w.branches);
  const branch = `SELECT id FROM requests WHERE ${and([...w.branches.map((d) => `${d.column} = ?`), ...w.clauses, ...keyset])}`;
  return {
    sql: `${Array(combos.length).fill(branch).join(" UNION ALL ")} ORDER BY id DESC LIMIT ?`,
    params: [
      ...combos.flatMap((combo) => [...combo, ...w.params, ...after]),
      limit,
    ],
  };
}

/** Rows whose id is in a text window (a JSON array of ids); a text query without its window is a bug. */
function inWindow(window: string | undefined): string {
  if (window === undefined)
    throw new Error("A text search reads the ids of its window");
  return "r.id IN (SELECT value FROM json_each(?))";
}

/**
 * Requests per status for the scope and filters (the status filter ignored), as one row of one column per
 * status in `REQUEST_STATUSES` order. Filtered by scope or département only, it adds up the
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
  const w = where(scope, filters, "", "count", hints);
  if (w.empty) return undefined;
  const { status: _s, department: _d, q: _q, ...others } = filters;
  if (!w.fts && Object.values(others).every((value) => value === undefined)) {
    const departments = visibleDepartments(scope, filters);
    return {
      sql: `SELECT ${REQUEST_STATUSES.map(() => "total(n * (status = ?))").join(", ")}, 0 FROM request_counts
        WHERE ${departments ? `department IN (${placeholders(departments.length)})` : "1"}`,
      params: [...REQUEST_STATUSES, ...(departments ?? [])],
    };
  }
  if (w.fts) {
    // The text window's requests (the newest matches in the scope, no more than TEXT_SCAN_LIMIT: the caller
    // knows how many), looked up by rowid, then the other filters.
    const t = where(
      scope,
      { ...filters, status: undefined },
      "r.",
      "text",
      hints,
    );
    return {
      sql: `SELECT ${REQUEST_STATUSES.map(() => "total(r.status = ?)").join(", ")}, 0
        FROM requests AS r NOT INDEXED WHERE ${and([inWindow(window), ...t.clauses])}`,
      params: [...REQUEST_STATUSES, window!, ...t.params],
    };
  }
  return {
    sql: `SELECT ${REQUEST_STATUSES.map(() => "total(status = ?)").join(", ")}, 0
      FROM requests WHERE ${and(w.clauses)}`,
    params: [...REQUEST_STATUSES, ...w.params],
  };
}

/** Every category stored, by a loose index scan of requests_by_topic (a seek per category, not a scan). */
export const DISTINCT_CATEGORIES_SQL = `WITH RECURSIVE c (category) AS (
    SELECT min(category) FROM requests
    UNION ALL SELECT (SELECT min(category) FROM requests WHERE category > c.category) FROM c
    WHERE c.category IS NOT NULL
  ) SELECT category FROM c WHERE category IS NOT NULL`;

/** The subjects stored under one category, by a loose index scan of requests_by_topic. */
export const DISTINCT_SUBJECTS_SQL = `WITH RECURSIVE s (subject) AS (
    SELECT min(subject) FROM requests WHERE category = @category
    UNION ALL SELECT (SELECT min(subject) FROM requests WHERE category = @category AND subject > s.subject) FROM s
    WHERE s.subject IS NOT NULL
  ) SELECT subject FROM s WHERE subject IS NOT NULL`;

/** The scope alone, for the statistics: `department IN (…)`, or `1` for `all`. Undefined when it sees nothing. */
export function scopeClause(
  scope: Scope,
): { clause: string; params: SqlValue[] } | undefined {
  const departments = visibleDepartments(scope, {});
  if (!departments) return { clause: "1", params: [] };
  if (!departments.length) return undefined;
  return {
    clause: `department IN (${placeholders(departments.length)})`,
    params: departments,
  };
}
