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
  department, role, substr(message, 1, 160) AS excerpt, assignee_id, tags`;

/** Past this many branches (départements × statuses × platforms) one query with IN lists is cheaper. */
const MAX_BRANCHES = 64;

/** A column that takes one of several values: each value becomes a branch of its own (see `listIdsQuery`). */
interface Dimension {
  column: string;
  values: readonly SqlValue[];
}

interface Where {
  /** Nothing can match (a referent without départements, a département outside the scope). */
  empty: boolean;
  dimensions: Dimension[];
  clauses: string[];
  params: SqlValue[];
  fts?: string;
}

const placeholders = (count: number) => Array(count).fill("?").join(", ");

/** Scope and filters as clauses on `requests` (columns prefixed with `p`, e.g. `r.`). */
function where(
  scope: Scope,
  filters: RequestFilters,
  p: string,
  withStatus: boolean,
): Where {
  const dimensions: Dimension[] = [];
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    clauses.push(clause);
    params.push(...values);
  };

  // Scope and département filter meet in one list; `IN` never matches NULL, so referents never see
  // requests without a département.
  let departments: string[] | undefined;
  if (scope.kind === "departments") {
    departments = [...new Set(scope.departments)];
    if (filters.department !== undefined)
      departments = departments.filter((d) => d === filters.department);
  } else if (filters.department !== undefined) {
    departments = [filters.department];
  }
  if (departments)
    dimensions.push({ column: `${p}department`, values: departments });

  const statuses =
    withStatus && filters.status?.length
      ? [...new Set(filters.status)]
      : undefined;
  if (statuses) dimensions.push({ column: `${p}status`, values: statuses });

  if (filters.route !== undefined) {
    // The page index starts with the platform: without one, search both platforms' branches.
    const platforms =
      filters.platform === undefined ? PLATFORMS : [filters.platform];
    dimensions.push({ column: `${p}platform`, values: platforms });
    add(`${p}route = ?`, filters.route);
  } else if (filters.platform !== undefined) {
    // Alone, a platform holds about half the rows: reading newest first and skipping the others beats
    // sorting half the table, so the unary + keeps SQLite off the page index.
    add(`+${p}platform = ?`, filters.platform);
  }
  if (filters.category !== undefined) add(`${p}category = ?`, filters.category);
  if (filters.subject !== undefined) add(`${p}subject = ?`, filters.subject);
  if (filters.role === "none") add(`${p}role IS NULL`);
  else if (filters.role !== undefined) add(`${p}role = ?`, filters.role);
  if (filters.from !== undefined)
    add(`${p}created_at >= ?`, toInstant(filters.from, "from"));
  if (filters.to !== undefined)
    add(`${p}created_at < ?`, toInstant(filters.to, "to"));
  if (filters.assignee === "none") add(`${p}assignee_id IS NULL`);
  else if (filters.assignee !== undefined)
    add(`${p}assignee_id = ?`, filters.assignee);

  const fts = filters.q === undefined ? undefined : toFtsQuery(filters.q);
  return {
    empty: dimensions.some((d) => d.values.length === 0),
    dimensions,
    clauses,
    params,
    ...(fts ? { fts } : {}),
  };
}

/** Each dimension as `col IN (…)` (or `col = ?`), then the other clauses. */
function flatClauses(w: Where): { clauses: string[]; params: SqlValue[] } {
  const clauses = w.dimensions.map((d) =>
    d.values.length === 1
      ? `${d.column} = ?`
      : `${d.column} IN (${placeholders(d.values.length)})`,
  );
  const params = w.dimensions.flatMap((d) => d.values);
  return {
    clauses: [...clauses, ...w.clauses],
    params: [...params, ...w.params],
  };
}

/** Every combination of one value per dimension. */
function branches(dimensions: Dimension[]): SqlValue[][] {
  return dimensions.reduce<SqlValue[][]>(
    (combos, d) =>
      combos.flatMap((combo) => d.values.map((value) => [...combo, value])),
    [[]],
  );
}

const and = (clauses: string[]) =>
  clauses.length ? clauses.join(" AND ") : "1";

/**
 * The ids of one page, newest first, after the id `before` (keyset). Undefined when nothing can match.
 *
 * - With text: FTS5 drives, newest match first (`ORDER BY rowid DESC` is native to FTS5), each match
 *   checked against the other filters, stopping after `limit`.
 * - With several départements, statuses or platforms: one branch per combination, each reading its
 *   `(…, id)` index newest first, merged by SQLite (MERGE UNION ALL): a page costs about `limit` rows per
 *   branch, never a sort of every match.
 * - Otherwise one query whose equality filters meet an index ending in `id`.
 */
export function listIdsQuery(
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  limit: number,
): SqlQuery | undefined {
  if (filters.q === undefined || toFtsQuery(filters.q) === undefined) {
    const w = where(scope, filters, "", true);
    if (w.empty) return undefined;
    const keyset = before === undefined ? [] : ["id < ?"];
    const after = before === undefined ? [] : [before];
    const combos = branches(w.dimensions);
    if (combos.length > 1 && combos.length <= MAX_BRANCHES) {
      const branch = and([
        ...w.dimensions.map((d) => `${d.column} = ?`),
        ...w.clauses,
        ...keyset,
      ]);
      return {
        sql: `${combos.map(() => `SELECT id FROM requests WHERE ${branch}`).join(" UNION ALL ")}
          ORDER BY id DESC LIMIT ?`,
        params: [
          ...combos.flatMap((combo) => [...combo, ...w.params, ...after]),
          limit,
        ],
      };
    }
    const flat = flatClauses(w);
    return {
      sql: `SELECT id FROM requests WHERE ${and([...flat.clauses, ...keyset])} ORDER BY id DESC LIMIT ?`,
      params: [...flat.params, ...after, limit],
    };
  }
  const w = where(scope, filters, "r.", true);
  if (w.empty) return undefined;
  const flat = flatClauses(w);
  const keyset = before === undefined ? [] : ["requests_fts.rowid < ?"];
  // CROSS JOIN keeps FTS5 as the outer loop (SQLite never reorders a CROSS JOIN).
  return {
    sql: `SELECT r.id FROM requests_fts CROSS JOIN requests AS r ON r.id = requests_fts.rowid
      WHERE ${and(["requests_fts MATCH ?", ...flat.clauses, ...keyset])}
      ORDER BY requests_fts.rowid DESC LIMIT ?`,
    params: [
      w.fts!,
      ...flat.params,
      ...(before === undefined ? [] : [before]),
      limit,
    ],
  };
}

/** Requests per status for the scope and filters, the status filter ignored. Undefined when nothing can match. */
export function countByStatusQuery(
  scope: Scope,
  filters: RequestFilters,
): SqlQuery | undefined {
  const w = where(scope, filters, "", false);
  if (w.empty) return undefined;
  const flat = flatClauses(w);
  const text = w.fts
    ? ["id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)"]
    : [];
  return {
    sql: `SELECT status, count(*) AS n FROM requests WHERE ${and([...flat.clauses, ...text])} GROUP BY status`,
    params: [...flat.params, ...(w.fts ? [w.fts] : [])],
  };
}

/** The scope alone, for the statistics: `department IN (…)`, or nothing for `all`. */
export function scopeClause(
  scope: Scope,
): { clause: string; params: SqlValue[] } | undefined {
  if (scope.kind === "all") return { clause: "1", params: [] };
  const departments = [...new Set(scope.departments)];
  if (!departments.length) return undefined;
  return {
    clause: `department IN (${placeholders(departments.length)})`,
    params: departments,
  };
}
