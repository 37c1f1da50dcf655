import type Database from "better-sqlite3";
import { keysetBatches, toListPage, type KeysetRead } from "./keyset.ts";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../contract/request-statuses.ts";
import { toSummary, type SummaryRow } from "./sqlite-rows.ts";
import { countByStatusQuery } from "./sqlite-request-count.ts";
import type { QueryHints } from "./sqlite-request-index-choice.ts";
import { listIdsQuery, SUMMARY_COLUMNS } from "./sqlite-request-list.ts";
import { scopeClause } from "./sqlite-request-scope.ts";
import {
  DISTINCT_CATEGORIES_SQL,
  DISTINCT_SUBJECTS_SQL,
} from "./sqlite-request-topics.ts";
import { createStatementCache } from "./sqlite-statement-cache.ts";
import {
  createTextWindowReader,
  textWindowQuery,
} from "./sqlite-text-window.ts";
import {
  clampLimit,
  EXPORT_BATCH_DEFAULT,
  parseCursor,
  TEXT_SCAN_LIMIT,
  toInstant,
} from "./support-rules.ts";
import { rankPages, type PageCategoryCount } from "./support-page-stats.ts";
import type {
  ExportRow,
  RequestFilters,
  Scope,
  SupportStore,
} from "./support-types.ts";

type ExportRowData = SummaryRow & {
  message: string;
  email: string | null;
  title: string;
};

/** The inbox on SQLite: list, counts, « Par page » statistics and export, all within the scope. */
export function createSqliteInbox(
  db: Database.Database,
): Pick<
  SupportStore,
  "listRequests" | "countByStatus" | "pageStats" | "exportRequests"
> {
  const statement = createStatementCache(db);
  const readWindow = createTextWindowReader(db, statement);
  /** The text window's ids (and as JSON for the queries), or undefined without text. */
  const windowOf = (
    scope: Scope,
    filters: RequestFilters,
    before: number | undefined,
  ) => {
    const query = textWindowQuery(scope, filters, before);
    if (!query) return undefined;
    const ids = readWindow(query);
    return { ids, json: JSON.stringify(ids) };
  };
  const categories = db.prepare(DISTINCT_CATEGORIES_SQL).pluck();
  const subjects = db.prepare(DISTINCT_SUBJECTS_SQL).pluck();
  /** A category or a subject alone needs the other's stored values (see `withIndexPrefixes` in sqlite-request-index-choice.ts). */
  const hintsFor = (
    filters: RequestFilters,
    purpose: "list" | "count",
  ): QueryHints => {
    if (filters.subject !== undefined && filters.category === undefined) {
      return { categories: categories.all() as string[] };
    }
    if (
      filters.category !== undefined &&
      filters.subject === undefined &&
      purpose === "list"
    ) {
      return {
        subjects: subjects.all({ category: filters.category }) as string[],
      };
    }
    return {};
  };

  /**
   * One page of rows, newest first, read in one snapshot; `.all()`: nothing stays open after it. With text,
   * `continueBelow` is set when the search window was full: older matches remain below its oldest id.
   */
  const readRows = db.transaction(
    (
      columns: string,
      scope: Scope,
      filters: RequestFilters,
      before: number | undefined,
      limit: number,
    ): { rows: unknown[]; continueBelow?: number } => {
      const window = windowOf(scope, filters, before);
      const ids = listIdsQuery(
        scope,
        filters,
        before,
        limit,
        hintsFor(filters, "list"),
        window?.json,
      );
      if (!ids) return { rows: [] };
      const rows = statement(
        `SELECT ${columns} FROM requests WHERE id IN (${ids.sql}) ORDER BY id DESC`,
      ).all(...ids.params);
      const oldest = window?.ids.at(-1);
      return rows.length < limit &&
        oldest !== undefined &&
        window!.ids.length >= TEXT_SCAN_LIMIT
        ? { rows, continueBelow: oldest }
        : { rows };
    },
  );
  const readPage = <T>(...args: Parameters<typeof readRows>) =>
    readRows(...args) as KeysetRead<T>;

  /** Sums per status, then how many text matches were examined (0 without text). */
  const countRows = db.transaction(
    (scope: Scope, filters: RequestFilters): number[] => {
      const window = windowOf(scope, filters, undefined);
      const query = countByStatusQuery(
        scope,
        filters,
        hintsFor(filters, "count"),
        window?.json,
      );
      if (!query) return [];
      const sums = statement(query.sql)
        .raw()
        .get(...query.params) as number[];
      return [...sums.slice(0, -1), window?.ids.length ?? 0];
    },
  );

  return {
    async listRequests(scope, filters, page) {
      const limit = clampLimit(page.limit);
      const before =
        page.cursor === undefined ? undefined : parseCursor(page.cursor);
      // One row more than asked tells whether an older page exists.
      const read = readPage<SummaryRow>(
        SUMMARY_COLUMNS,
        scope,
        filters,
        before,
        limit + 1,
      );
      return toListPage(read, limit, toSummary);
    },

    async countByStatus(scope, filters) {
      const sums = countRows(scope, filters);
      const counts = Object.fromEntries(
        REQUEST_STATUSES.map((status, i) => [status, sums[i] ?? 0]),
      ) as Record<RequestStatus, number>;
      // The last column: how many text matches were examined (0 without text).
      return {
        counts,
        complete: (sums[REQUEST_STATUSES.length] ?? 0) < TEXT_SCAN_LIMIT,
      };
    },

    async pageStats(scope, period) {
      const inScope = scopeClause(scope);
      if (!inScope) return [];
      const from = toInstant(period.from, "from");
      const to = toInstant(period.to, "to");
      const previousFrom = toInstant(period.previousFrom, "previousFrom");
      const platform = period.platform === undefined ? [] : [period.platform];
      // One pass over the covering index requests_by_created, [previousFrom, to), never the rows: what
      // precedes `from` is the previous period.
      const rows = statement(
        `SELECT platform, route, category, sum(created_at >= ?) AS count, sum(created_at < ?) AS previousCount
         FROM requests
         WHERE created_at >= ? AND created_at < ? AND ${inScope.clause}${platform.length ? " AND platform = ?" : ""}
         GROUP BY platform, route, category`,
      ).all(
        from,
        from,
        previousFrom < from ? previousFrom : from,
        to,
        ...inScope.params,
        ...platform,
      );
      return rankPages(rows as PageCategoryCount[]);
    },

    async *exportRequests(scope, filters, batchSize = EXPORT_BATCH_DEFAULT) {
      const size = Math.max(1, Math.floor(batchSize));
      const rows = keysetBatches(
        (before) =>
          readPage<ExportRowData>(
            `${SUMMARY_COLUMNS}, message, email, json_extract(context, '$.title') AS title`,
            scope,
            filters,
            before,
            size,
          ),
        size,
      );
      for await (const row of rows) yield toExportRow(row);
    },
  };
}

function toExportRow(row: ExportRowData): ExportRow {
  const exported: ExportRow = {
    ...toSummary(row),
    message: row.message,
    title: row.title,
  };
  if (row.email !== null) exported.email = row.email;
  return exported;
}
