import type Database from "better-sqlite3";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../contract/request-statuses.ts";
import type { Platform } from "../contract/vocabulary.ts";
import { toSummary, type SummaryRow } from "./sqlite-rows.ts";
import {
  countByStatusQuery,
  listIdsQuery,
  scopeClause,
  SUMMARY_COLUMNS,
} from "./sqlite-request-query.ts";
import { createStatementCache } from "./sqlite-statement-cache.ts";
import {
  clampLimit,
  encodeCursor,
  EXPORT_BATCH_DEFAULT,
  parseCursor,
  toInstant,
} from "./support-rules.ts";
import { rankPages } from "./support-page-stats.ts";
import type { ExportRow, SupportStore } from "./support-types.ts";

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

  /** Rows of the ids query, newest first; `.all()`, so no cursor stays open across an `await`. */
  const readPage = <T>(
    columns: string,
    scope: Parameters<typeof listIdsQuery>,
  ) => {
    const ids = listIdsQuery(...scope);
    if (!ids) return [];
    return statement(
      `SELECT ${columns} FROM requests WHERE id IN (${ids.sql}) ORDER BY id DESC`,
    ).all(...ids.params) as T[];
  };

  return {
    async listRequests(scope, filters, page) {
      const limit = clampLimit(page.limit);
      const before =
        page.cursor === undefined ? undefined : parseCursor(page.cursor);
      // One row more than asked tells whether an older page exists.
      const rows = readPage<SummaryRow>(SUMMARY_COLUMNS, [
        scope,
        filters,
        before,
        limit + 1,
      ]);
      const items = rows.slice(0, limit).map(toSummary);
      const last = rows[limit - 1];
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor(last.id) }
        : { items };
    },

    async countByStatus(scope, filters) {
      const counts = Object.fromEntries(
        REQUEST_STATUSES.map((s) => [s, 0]),
      ) as Record<RequestStatus, number>;
      const query = countByStatusQuery(scope, filters);
      if (!query) return counts;
      const rows = statement(query.sql).all(...query.params) as {
        status: RequestStatus;
        n: number;
      }[];
      for (const row of rows)
        if (row.status in counts) counts[row.status] = row.n;
      return counts;
    },

    async pageStats(scope, period) {
      const inScope = scopeClause(scope);
      if (!inScope) return [];
      const from = toInstant(period.from, "from");
      const to = toInstant(period.to, "to");
      const previousFrom = toInstant(period.previousFrom, "previousFrom");
      const platform = period.platform === undefined ? [] : [period.platform];
      const conditions = `${inScope.clause}${platform.length ? " AND platform = ?" : ""}`;
      const filterParams = [...inScope.params, ...platform];
      // Both read the covering index requests_by_created, never the rows.
      const pages = statement(
        `SELECT platform, route, sum(created_at >= ?) AS count,
           sum(created_at >= ? AND created_at < ?) AS previousCount
         FROM requests WHERE created_at >= ? AND created_at < ? AND ${conditions}
         GROUP BY platform, route`,
      ).all(
        from,
        previousFrom,
        from,
        previousFrom < from ? previousFrom : from,
        to,
        ...filterParams,
      ) as {
        platform: Platform;
        route: string;
        count: number;
        previousCount: number;
      }[];
      const categories = statement(
        `SELECT platform, route, category, count(*) AS count FROM requests
         WHERE created_at >= ? AND created_at < ? AND ${conditions}
         GROUP BY platform, route, category`,
      ).all(from, to, ...filterParams) as {
        platform: string;
        route: string;
        category: string;
        count: number;
      }[];
      return rankPages(pages, categories);
    },

    async *exportRequests(scope, filters, batchSize = EXPORT_BATCH_DEFAULT) {
      const size = Math.max(1, Math.floor(batchSize));
      let before: number | undefined;
      // A keyset batch at a time: between batches nothing is open, so writers go on (ARCHITECTURE §4).
      for (;;) {
        const rows = readPage<ExportRowData>(
          `${SUMMARY_COLUMNS}, message, email, json_extract(context, '$.title') AS title`,
          [scope, filters, before, size],
        );
        for (const row of rows) yield toExportRow(row);
        const last = rows.at(-1);
        if (rows.length < size || !last) return;
        before = last.id;
      }
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
