import type Database from "better-sqlite3";
import { visibleDepartments } from "./sqlite-request-scope.ts";
import type { SqlQuery } from "./sqlite-request-sql.ts";
import { TEXT_SCAN_LIMIT, toFtsQuery } from "./support-rules.ts";
import type { RequestFilters, Scope } from "./support-types.ts";

// The text window of a search (TEXT_SCAN_LIMIT, support-rules.ts): the ids of its newest matches in the
// caller's scope, read once from FTS5 and shared by the list page and the counts of one console call.

/**
 * The newest TEXT_SCAN_LIMIT text matches in the scope older than `before`, newest first (rowid order is
 * native to FTS5). Undefined without text, or when the scope and filters leave nothing to match.
 *
 * The scope is applied INSIDE the window (issue 11): a referent's window holds only requests of its
 * départements, so nothing it is told — counts, « at least », where to search on — depends on other
 * départements' requests, and the window's oldest id, a cursor, is one it can see. The scope's ids come from
 * requests_by_department_status (covering); the unary + keeps their IN list a filter on FTS5's output (with
 * a Bloom filter) rather than one FTS5 lookup per id, which would read a prefix term's whole doclist each
 * time. The price: for a referent, FTS5 may have to go through every match to find its 5,000.
 */
export function textWindowQuery(
  scope: Scope,
  filters: RequestFilters,
  before: number | undefined,
): SqlQuery | undefined {
  const text = filters.q === undefined ? undefined : toFtsQuery(filters.q);
  if (!text || visibleDepartments(scope, filters)?.length === 0)
    return undefined;
  const departments = visibleDepartments(scope, {});
  const below = before === undefined ? [] : [before];
  const older = (column: string) =>
    before === undefined ? "" : ` AND ${column} < ?`;
  const inScope = departments
    ? ` AND +rowid IN (SELECT id FROM requests
        WHERE department IN (${departments.map(() => "?").join(", ")})${older("id")})`
    : "";
  return {
    sql: `SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?${older("rowid")}${inScope}
      ORDER BY rowid DESC LIMIT ?`,
    params: [
      text,
      ...below,
      ...(departments ? [...departments, ...below] : []),
      TEXT_SCAN_LIMIT,
    ],
  };
}

/**
 * Reads text windows, keeping the last few while the database is unchanged: the console asks for a page
 * and its counts in two store calls, and FTS5 is then read once (a common word's window can cost tens of
 * milliseconds at 1 M requests). `PRAGMA data_version` moves when another connection commits,
 * `total_changes()` when this one writes: either empties the memo.
 */
export function createTextWindowReader(
  db: Database.Database,
  statement: (sql: string) => Database.Statement,
  capacity = 4,
) {
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  const totalChanges = db.prepare("SELECT total_changes()").pluck();
  const memo = new Map<string, readonly number[]>();
  let stamp = "";
  return (query: SqlQuery): readonly number[] => {
    const now = `${dataVersion.get()}:${totalChanges.get()}`;
    if (now !== stamp) {
      memo.clear();
      stamp = now;
    }
    const key = JSON.stringify([query.sql, query.params]);
    let ids = memo.get(key);
    if (!ids) {
      ids = statement(query.sql)
        .pluck()
        .all(...query.params) as number[];
      if (memo.size >= capacity) memo.delete(memo.keys().next().value!);
      memo.set(key, ids);
    }
    return ids;
  };
}
