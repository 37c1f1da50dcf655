import { REQUEST_STATUSES } from "../contract/request-statuses.ts";
import { PLATFORMS } from "../contract/vocabulary.ts";
import {
  toClause,
  type Condition,
  type OneOf,
} from "./sqlite-request-filters.ts";
import { allOf, type SqlQuery, type SqlValue } from "./sqlite-request-sql.ts";

// How the request queries lead SQLite's planner to an index (migrations 2 and 4 create them). Every trick
// lives here, apart from what the filters mean (sqlite-request-filters.ts), and none changes which rows match.

/** What the index choice needs to know of the data itself (loose index scans, see sqlite-request-topics.ts). */
export interface QueryHints {
  /** Every stored category: a subject given alone is searched in each category's part of the topic index. */
  categories?: readonly string[];
  /** The subjects stored under the category filter: a list by category alone reads one branch per subject. */
  subjects?: readonly string[];
}

/** Past this many branches one query with IN lists is cheaper (13 départements × 5 statuses fit). */
const MAX_BRANCHES = 128;

const valuesOf = (conditions: readonly Condition[], column: string) =>
  conditions.find((c): c is OneOf => c.column === column && "values" in c)
    ?.values;

/**
 * The conditions plus the leading column of an index that the filters leave out but the data bounds, for
 * every read, listed or counted: a route tag's platforms (requests_by_page starts with the platform) and a
 * subject's categories (requests_by_topic starts with the category).
 */
export function withIndexPrefixes(
  conditions: readonly Condition[],
  hints: QueryHints,
): Condition[] {
  const platforms = valuesOf(conditions, "platform") ? undefined : PLATFORMS;
  const categories = valuesOf(conditions, "category")
    ? undefined
    : hints.categories;
  return conditions.flatMap((c): Condition[] => {
    if (c.column === "route" && platforms)
      return [{ column: "platform", values: platforms }, c];
    if (c.column === "subject" && categories)
      return [{ column: "category", values: categories }, c];
    return [c];
  });
}

/** A newest-first read: one branch per combination of the `branches` values, each ANDed with `clauses`. */
export interface OrderedRead {
  branches: OneOf[];
  clauses: SqlQuery[];
}

/**
 * How a list reads newest first. An index gives that order only after equalities on its leading columns,
 * so the first group of columns with several values (by priority: département × status, the platforms of
 * a route tag, the subjects of a category or the categories of a subject, statuses) becomes branches with
 * one value each, each read newest first and merged by SQLite (MERGE UNION ALL): a page costs about
 * `limit` index entries per branch, never a sort of every match. The other lists stay `IN`.
 */
export function orderedRead(
  conditions: readonly Condition[],
  hints: QueryHints,
): OrderedRead {
  const branches = chooseBranches(conditions, hints);
  const branched = new Set(branches.map((b) => b.column));
  const hasRoute = valuesOf(conditions, "route") !== undefined;
  const clauses = conditions
    .filter((c) => !branched.has(c.column))
    .map((c) =>
      // Alone, a platform holds about half the rows: the list reads newest first and skips the others
      // rather than sort half the table (the unary + keeps SQLite off the page index).
      c.column === "platform" && !hasRoute
        ? toClause(c, "+platform")
        : toClause(c),
    );
  return { branches, clauses };
}

/** The first group of columns worth branching on, or none. */
function chooseBranches(
  conditions: readonly Condition[],
  hints: QueryHints,
): OneOf[] {
  const one = (column: string, values?: readonly SqlValue[]): OneOf[] =>
    values ? [{ column, values }] : [];
  const departments = valuesOf(conditions, "department");
  const statuses = valuesOf(conditions, "status");
  const subjectsOfCategory =
    valuesOf(conditions, "category") && !valuesOf(conditions, "subject")
      ? hints.subjects
      : undefined;
  const groups: OneOf[][] = [
    // requests_by_department_status: every status is a branch even without a status filter.
    departments
      ? [
          { column: "department", values: departments },
          { column: "status", values: statuses ?? REQUEST_STATUSES },
        ]
      : [],
    one("platform", valuesOf(conditions, "platform")),
    // requests_by_topic: a category's stored subjects, or (withIndexPrefixes) a subject's categories.
    one("subject", subjectsOfCategory),
    one("category", valuesOf(conditions, "category")),
    one("status", statuses),
  ];
  return (
    groups.find((group) => {
      const count = group.reduce((n, d) => n * d.values.length, 1);
      return group.length > 0 && count >= 2 && count <= MAX_BRANCHES;
    }) ?? []
  );
}

/**
 * The rows of a text window (a JSON array of ids, newest first, from sqlite-text-window.ts) that meet the
 * conditions, each looked up by rowid: NOT INDEXED keeps SQLite on those lookups rather than an index of
 * the conditions, and the IN list is read in descending order, so nothing is sorted. A text query without
 * its window is a bug.
 */
export function windowRows(
  window: string | undefined,
  conditions: readonly Condition[],
): { from: string; where: SqlQuery } {
  if (window === undefined)
    throw new Error("A text search reads the ids of its window");
  return {
    from: "requests AS r NOT INDEXED",
    where: allOf([
      { sql: "r.id IN (SELECT value FROM json_each(?))", params: [window] },
      ...conditions.map((c) => toClause(c, `r.${c.column}`)),
    ]),
  };
}
