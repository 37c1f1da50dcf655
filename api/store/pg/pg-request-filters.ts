import { visibleDepartments } from "../sqlite-request-scope.ts";
import {
  isWholeWord,
  requiredSearchTerms,
  toInstant,
} from "../support-rules.ts";
import type { RequestFilters, Scope } from "../support-types.ts";

// What the scope and the inbox filters mean on PostgreSQL, as SQL on `requests` with numbered parameters.
// The meaning is SQLite's (sqlite-request-filters.ts); how a list reads them newest first is
// pg-request-list.ts's.

/** The values of one statement's `$n` placeholders, collected while its SQL is written. */
export class PgParams {
  readonly values: unknown[] = [];
  /** The placeholder of `value`, with a cast when the driver's text must be read as a given type. */
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** The words of a text filter: each a required term, a prefix unless it is a whole word (support-rules.ts). */
export interface SearchTerms {
  terms: string[];
  prefixes: boolean[];
}

/** The text filter's terms, or undefined without words. Too many words throws `InvalidSearchError`. */
export function searchTermsOf(
  filters: RequestFilters,
): SearchTerms | undefined {
  const terms = filters.q === undefined ? [] : requiredSearchTerms(filters.q);
  return terms.length
    ? { terms, prefixes: terms.map((term) => !isWholeWord(term)) }
    : undefined;
}

/** The tsquery of the terms, built by the database (migration 3's `snu_search_query`). */
export const searchQuery = (search: SearchTerms, params: PgParams) =>
  `snu_search_query(${params.add(search.terms, "::text[]")}, ${params.add(search.prefixes, "::boolean[]")})`;

/** The requests a scope and filters select, the text aside (see pg-request-text.ts). */
export interface PgSelection {
  /** The départements that may match: undefined = any (NULL included), [] = none. */
  departments?: string[];
  /** The statuses that may match, deduplicated; undefined = any. */
  statuses?: string[];
  /** Every other condition, as SQL pieces whose placeholders are in `params`. */
  conditions: string[];
  /** Set when no request can match (a referent without départements, an impossible assignee). */
  empty: boolean;
  text?: SearchTerms;
}

/**
 * The scope and filters (statuses and départements kept apart: a list may branch on them). A bad date or
 * search throws, the search first, as SQLite does.
 */
export function toPgSelection(
  scope: Scope,
  filters: RequestFilters,
  params: PgParams,
): PgSelection {
  const text = searchTermsOf(filters);
  const departments = visibleDepartments(scope, filters);
  const statuses = filters.status?.length
    ? [...new Set(filters.status)]
    : undefined;
  const { platform, route, category, subject, role, assignee } = filters;
  const conditions: string[] = [];
  if (platform !== undefined)
    conditions.push(`platform = ${params.add(platform)}`);
  if (route !== undefined) conditions.push(`route = ${params.add(route)}`);
  if (category !== undefined)
    conditions.push(`category = ${params.add(category)}`);
  if (subject !== undefined)
    conditions.push(`subject = ${params.add(subject)}`);
  if (role === "none") conditions.push("role IS NULL");
  else if (role !== undefined) conditions.push(`role = ${params.add(role)}`);
  if (filters.from !== undefined)
    conditions.push(
      `created_at >= ${params.add(toInstant(filters.from, "from"), "::timestamptz")}`,
    );
  if (filters.to !== undefined)
    conditions.push(
      `created_at < ${params.add(toInstant(filters.to, "to"), "::timestamptz")}`,
    );
  // As written in the partial index requests_unread, so that the planner may use it.
  if (filters.unread) conditions.push("unread_answer");
  // An id that is no integer names no account (SQLite compares and finds nothing; bigint would refuse it).
  const impossibleAssignee =
    typeof assignee === "number" && !Number.isSafeInteger(assignee);
  if (assignee === "none") conditions.push("assignee_id IS NULL");
  else if (assignee !== undefined && !impossibleAssignee)
    conditions.push(`assignee_id = ${params.add(assignee, "::bigint")}`);
  const selection: PgSelection = {
    conditions,
    empty: departments?.length === 0 || impossibleAssignee,
  };
  if (departments) selection.departments = departments;
  if (statuses) selection.statuses = statuses;
  if (text) selection.text = text;
  return selection;
}

/** The départements and statuses of a selection as SQL conditions (when no branch reads them one by one). */
export function listConditions(
  selection: PgSelection,
  params: PgParams,
  { departments = true, statuses = true } = {},
): string[] {
  const pieces = [...selection.conditions];
  if (departments && selection.departments)
    pieces.push(
      `department = ANY(${params.add(selection.departments, "::text[]")})`,
    );
  if (statuses && selection.statuses)
    pieces.push(`status = ANY(${params.add(selection.statuses, "::text[]")})`);
  return pieces;
}

/** Pieces ANDed; `true` when there are none. */
export const and = (pieces: readonly string[]) =>
  pieces.length ? pieces.join(" AND ") : "true";
