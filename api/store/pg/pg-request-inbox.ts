import type pg from "pg";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../../contract/request-statuses.ts";
import { nextBefore, toListPage, type KeysetRead } from "../keyset.ts";
import { visibleDepartments } from "../sqlite-request-scope.ts";
import { rankPages, type PageCategoryCount } from "../support-page-stats.ts";
import {
  clampLimit,
  EXPORT_BATCH_DEFAULT,
  parseCursor,
  TEXT_SCAN_LIMIT,
  toInstant,
} from "../support-rules.ts";
import type { RequestFilters, Scope, SupportStore } from "../support-types.ts";
import { countQuery } from "./pg-request-count.ts";
import { PgParams, toPgSelection } from "./pg-request-filters.ts";
import { pageQuery } from "./pg-request-list.ts";
import {
  PG_EXPORT_COLUMNS,
  PG_SUMMARY_COLUMNS,
  toPgExportRow,
  toPgSummary,
  type PgExportRow,
  type PgSummaryRow,
} from "./pg-request-summary.ts";
import { readTextWindow, readTextWindowRows } from "./pg-request-text.ts";

/**
 * The inbox on PostgreSQL: list, counts, « Par page » statistics and export, all within the scope (applied
 * in every query, never after). Each call reads with the pool's connections and keeps nothing between
 * calls, so any instance answers any page of a list another one started.
 */
export function createPostgresInbox(
  pool: pg.Pool,
): Pick<
  SupportStore,
  "listRequests" | "countByStatus" | "pageStats" | "exportRequests"
> {
  /**
   * One page of rows, newest first. With text, `continueBelow` is set when the search window was full
   * before the page was: older matches remain below its oldest id. The window and the page are two
   * statements: the page re-checks every filter on the rows as they are then, and a request stored in
   * between is newer than the window, so it cannot slip in.
   */
  async function readPage<T>(
    columns: string,
    scope: Scope,
    filters: RequestFilters,
    before: number | undefined,
    limit: number,
  ): Promise<KeysetRead<T>> {
    // Bad dates and searches are refused before any query.
    toPgSelection(scope, filters, new PgParams());
    const window = await readTextWindow(pool, scope, filters, before);
    const query = pageQuery(columns, scope, filters, before, limit, window);
    if (!query) return { rows: [] };
    const { rows } = await pool.query(query.sql, query.values);
    const oldest = window?.at(-1);
    return rows.length < limit &&
      oldest !== undefined &&
      window!.length >= TEXT_SCAN_LIMIT
      ? { rows: rows as T[], continueBelow: oldest }
      : { rows: rows as T[] };
  }

  return {
    async listRequests(scope, filters, page) {
      const limit = clampLimit(page.limit);
      const before =
        page.cursor === undefined ? undefined : parseCursor(page.cursor);
      // One row more than asked tells whether an older page exists.
      const read = await readPage<PgSummaryRow>(
        PG_SUMMARY_COLUMNS,
        scope,
        filters,
        before,
        limit + 1,
      );
      return toListPage(read, limit, toPgSummary);
    },

    async countByStatus(scope, filters) {
      toPgSelection(scope, filters, new PgParams());
      const windowRows = await readTextWindowRows(
        pool,
        scope,
        filters,
        undefined,
      );
      const window = windowRows?.map((row) => row.id);
      const counts = Object.fromEntries(
        REQUEST_STATUSES.map((status) => [status, 0]),
      ) as Record<RequestStatus, number>;
      const complete = (window?.length ?? 0) < TEXT_SCAN_LIMIT;
      // The text alone (the status filter is not counted): the window's rows are the requests counted.
      if (windowRows && onlyText(filters)) {
        // A status this version does not know (a newer instance's, during a deployment) is not counted.
        for (const row of windowRows)
          if (row.status in counts) counts[row.status]++;
        return { counts, complete };
      }
      const query = countQuery(scope, filters, window);
      if (!query) return { counts, complete: true };
      const { rows } = await pool.query<{ status: RequestStatus; n: number }>(
        query.sql,
        query.values,
      );
      for (const row of rows) counts[row.status] = row.n;
      return { counts, complete };
    },

    async pageStats(scope, period) {
      const departments = visibleDepartments(scope, {});
      if (departments?.length === 0) return [];
      const from = toInstant(period.from, "from");
      const to = toInstant(period.to, "to");
      const previousFrom = toInstant(period.previousFrom, "previousFrom");
      const params = new PgParams();
      const start = params.add(from, "::timestamptz");
      const conditions = [
        `created_at >= ${params.add(previousFrom < from ? previousFrom : from, "::timestamptz")}`,
        `created_at < ${params.add(to, "::timestamptz")}`,
      ];
      if (departments)
        conditions.push(
          `department = ANY(${params.add(departments, "::text[]")})`,
        );
      if (period.platform !== undefined)
        conditions.push(`platform = ${params.add(period.platform)}`);
      // One pass over the range [previousFrom, to) of requests_by_created, index-only: what precedes
      // `from` is the previous period.
      const { rows } = await pool.query<PageCategoryCount>(
        `SELECT platform, route, category,
                (count(*) FILTER (WHERE created_at >= ${start}))::integer AS count,
                (count(*) FILTER (WHERE created_at < ${start}))::integer AS "previousCount"
         FROM requests WHERE ${conditions.join(" AND ")}
         GROUP BY platform, route, category`,
        params.values,
      );
      return rankPages(rows);
    },

    // Batch after batch, each its own statement: nothing stays open between them, so a slow download holds
    // no connection and no snapshot back from vacuum.
    async *exportRequests(scope, filters, batchSize = EXPORT_BATCH_DEFAULT) {
      const size = Math.max(1, Math.floor(batchSize));
      let before: number | undefined;
      do {
        const batch = await readPage<PgExportRow>(
          PG_EXPORT_COLUMNS,
          scope,
          filters,
          before,
          size,
        );
        for (const row of batch.rows) yield toPgExportRow(row);
        before = nextBefore(batch, size);
      } while (before !== undefined);
    },
  };
}

/** Whether the filters are a search and nothing else (a status filter aside). */
function onlyText({ q, status: _status, ...others }: RequestFilters) {
  return (
    q !== undefined &&
    Object.values(others).every((value) => value === undefined)
  );
}
