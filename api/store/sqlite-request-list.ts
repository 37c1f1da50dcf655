import {
  nothingMatches,
  toSelection,
  type OneOf,
} from "./sqlite-request-filters.ts";
import {
  orderedRead,
  windowRows,
  withIndexPrefixes,
  type QueryHints,
} from "./sqlite-request-index-choice.ts";
import { allOf, type SqlQuery, type SqlValue } from "./sqlite-request-sql.ts";
import type { RequestFilters, Scope } from "./support-types.ts";

/** Inbox columns (see `SummaryRow`); the excerpt is cut in SQLite so the message never leaves it whole. */
export const SUMMARY_COLUMNS = `id, reference, created_at, status, platform, route, category, subject,
  department, role, substr(message, 1, 160) AS excerpt, assignee_id, tags, unread_answer`;

/**
 * The ids of one page (of the inbox or of a CSV export), newest first, older than the id `before` (keyset).
 * Undefined when nothing can match.
 *
 * - With text: among the ids of the text window (`window`, a JSON array from sqlite-text-window.ts, already
 *   in the scope and below `before`), checked against the other filters, stopping after `limit`.
 * - Otherwise one SELECT per branch (see `orderedRead`), merged newest first; without branches a single
 *   one, whose equality filters meet an index ending in `id`.
 */
export function listIdsQuery(
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
  limit: number,
  hints: QueryHints = {},
  window?: string,
): SqlQuery | undefined {
  const selection = toSelection(scope, filters);
  const conditions = withIndexPrefixes(selection.conditions, hints);
  if (nothingMatches(conditions)) return undefined;
  if (selection.text) {
    const rows = windowRows(window, conditions);
    return {
      sql: `SELECT r.id FROM ${rows.from} WHERE ${rows.where.sql} ORDER BY r.id DESC LIMIT ?`,
      params: [...rows.where.params, limit],
    };
  }
  const { branches, clauses } = orderedRead(conditions, hints);
  const keyset =
    before === undefined ? [] : [{ sql: "id < ?", params: [before] }];
  // Every branch is the same SELECT: its combination of values fills the leading placeholders.
  const select = allOf([
    ...branches.map((b) => ({ sql: `${b.column} = ?`, params: [] })),
    ...clauses,
    ...keyset,
  ]);
  const combos = combinations(branches);
  return {
    sql: `${Array(combos.length).fill(`SELECT id FROM requests WHERE ${select.sql}`).join(" UNION ALL ")} ORDER BY id DESC LIMIT ?`,
    params: [...combos.flatMap((combo) => [...combo, ...select.params]), limit],
  };
}

/** Every combination of one value per branch column (one empty combination without branches). */
function combinations(branches: readonly OneOf[]): SqlValue[][] {
  return branches.reduce<SqlValue[][]>(
    (combos, b) =>
      combos.flatMap((combo) => b.values.map((value) => [...combo, value])),
    [[]],
  );
}
