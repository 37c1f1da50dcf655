import { visibleDepartments } from "./sqlite-request-scope.ts";
import {
  placeholders,
  type SqlQuery,
  type SqlValue,
} from "./sqlite-request-sql.ts";
import { toFtsQuery, toInstant } from "./support-rules.ts";
import type { RequestFilters, Scope } from "./support-types.ts";

// What the scope and the inbox filters mean, as conditions on columns of `requests`. How SQLite is led to
// read them (branches, IN lists, unary +, NOT INDEXED) is decided apart, in sqlite-request-index-choice.ts.

/** The column equals one of `values`; with none, nothing matches. */
export interface OneOf {
  column: string;
  values: readonly SqlValue[];
}

/** Any other test on the column: `test` follows the column (`>= ?`, `IS NULL`), `params` fill its `?`. */
export interface Test {
  column: string;
  test: string;
  params: readonly SqlValue[];
}

export type Condition = OneOf | Test;

/** The requests a scope and filters select: conditions, in the order the SQL writes them, and the text. */
export interface Selection {
  conditions: Condition[];
  /** The FTS5 query of the text filter, read by sqlite-text-window.ts; undefined without words. */
  text?: string;
}

const oneOf = (column: string, values: readonly SqlValue[]): OneOf => ({
  column,
  values,
});
const test = (column: string, sql: string, ...params: SqlValue[]): Test => ({
  column,
  test: sql,
  params,
});

/** The scope and filters as conditions, all of them ANDed. A bad date or search throws, as `toInstant` says. */
export function toSelection(scope: Scope, filters: RequestFilters): Selection {
  // Before the dates: a refused search is the error reported, as sqlite-text-window.ts (read first) does.
  const text = filters.q === undefined ? undefined : toFtsQuery(filters.q);
  const departments = visibleDepartments(scope, filters);
  const statuses = filters.status?.length
    ? [...new Set(filters.status)]
    : undefined;
  const { platform, route, category, subject, role, assignee } = filters;
  const conditions = [
    departments && oneOf("department", departments),
    platform !== undefined && oneOf("platform", [platform]),
    route !== undefined && oneOf("route", [route]),
    category !== undefined && oneOf("category", [category]),
    subject !== undefined && oneOf("subject", [subject]),
    statuses && oneOf("status", statuses),
    role === "none"
      ? test("role", "IS NULL")
      : role !== undefined && oneOf("role", [role]),
    filters.from !== undefined &&
      test("created_at", ">= ?", toInstant(filters.from, "from")),
    filters.to !== undefined &&
      test("created_at", "< ?", toInstant(filters.to, "to")),
    // A literal 1, as in the partial index requests_unread (few rows, read newest first): SQLite uses a
    // partial index only for a term that implies its WHERE.
    filters.unread && test("unread_answer", "= 1"),
    assignee === "none"
      ? test("assignee_id", "IS NULL")
      : assignee !== undefined && oneOf("assignee_id", [assignee]),
  ].filter((c): c is Condition => typeof c === "object");
  return text ? { conditions, text } : { conditions };
}

/** Whether a condition leaves nothing to match (a referent without départements, an empty hint). */
export const nothingMatches = (conditions: readonly Condition[]) =>
  conditions.some((c) => "values" in c && c.values.length === 0);

/** The condition as SQL on `column`, the column as the query writes it (`r.status`, `+platform`). */
export function toClause(
  condition: Condition,
  column = condition.column,
): SqlQuery {
  if ("test" in condition)
    return {
      sql: `${column} ${condition.test}`,
      params: [...condition.params],
    };
  const { values } = condition;
  return values.length === 1
    ? { sql: `${column} = ?`, params: [values[0]!] }
    : {
        sql: `${column} IN (${placeholders(values.length)})`,
        params: [...values],
      };
}
