import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../contract/request-statuses.ts";
import {
  createMatcher,
  inScope,
  toSummary,
  type MemoryRecord,
  type MemoryState,
} from "./memory-request-table.ts";
import { rankPages, type PageCategoryCount } from "./support-page-stats.ts";
import { keysetBatches, toListPage, type KeysetRead } from "./keyset.ts";
import {
  clampLimit,
  EXPORT_BATCH_DEFAULT,
  parseCursor,
  TEXT_SCAN_LIMIT,
  toFtsQuery,
  toInstant,
} from "./support-rules.ts";
import type {
  ExportRow,
  RequestFilters,
  Scope,
  SupportStore,
} from "./support-types.ts";

/** The inbox in memory: the same answers as SQLite (runSupportStoreContract), by scanning. */
export function createMemoryInbox(
  state: MemoryState,
): Pick<
  SupportStore,
  "listRequests" | "countByStatus" | "pageStats" | "exportRequests"
> {
  /**
   * Up to `limit` matching records older than `before`, newest first. With text, like SQLite, only the
   * TEXT_SCAN_LIMIT newest text matches in the scope are examined; `continueBelow` then says where to search
   * on (a record in the scope: issue 11).
   */
  const page = (
    scope: Scope,
    filters: RequestFilters,
    before: number | undefined,
    limit: number,
  ): KeysetRead<MemoryRecord> => {
    const matches = createMatcher(scope, filters, true);
    const text = filters.q === undefined ? undefined : toFtsQuery(filters.q);
    const textOnly =
      text === undefined
        ? undefined
        : createMatcher(scope, { q: filters.q }, true);
    const found: MemoryRecord[] = [];
    let examined = 0;
    for (
      let i = state.records.length - 1;
      i >= 0 && found.length < limit;
      i--
    ) {
      const record = state.records[i]!;
      if (before !== undefined && record.id >= before) continue;
      if (textOnly && !textOnly(record)) continue;
      if (matches(record)) found.push(record);
      if (textOnly && ++examined === TEXT_SCAN_LIMIT && found.length < limit)
        return { rows: found, continueBelow: record.id };
    }
    return { rows: found };
  };

  return {
    async listRequests(scope, filters, options) {
      const limit = clampLimit(options.limit);
      const before =
        options.cursor === undefined ? undefined : parseCursor(options.cursor);
      return toListPage(
        page(scope, filters, before, limit + 1),
        limit,
        toSummary,
      );
    },

    async countByStatus(scope, filters) {
      const counts = Object.fromEntries(
        REQUEST_STATUSES.map((s) => [s, 0]),
      ) as Record<RequestStatus, number>;
      const matches = createMatcher(scope, filters, false);
      // Like SQLite: with text, only the TEXT_SCAN_LIMIT newest text matches in the scope are examined.
      const text = filters.q === undefined ? undefined : toFtsQuery(filters.q);
      const textOnly =
        text === undefined
          ? undefined
          : createMatcher(scope, { q: filters.q }, false);
      let examined = 0;
      for (let i = state.records.length - 1; i >= 0; i--) {
        const record = state.records[i]!;
        if (textOnly) {
          if (!textOnly(record)) continue;
          if (examined === TEXT_SCAN_LIMIT) return { counts, complete: false };
          examined++;
        }
        if (matches(record)) counts[record.request.status]++;
      }
      return { counts, complete: true };
    },

    async pageStats(scope, period) {
      const from = toInstant(period.from, "from");
      const to = toInstant(period.to, "to");
      const previousFrom = toInstant(period.previousFrom, "previousFrom");
      const rows = new Map<string, PageCategoryCount>();
      for (const { request: r } of state.records) {
        if (
          !inScope(scope, r) ||
          (period.platform !== undefined && r.platform !== period.platform)
        )
          continue;
        const current = r.createdAt >= from && r.createdAt < to;
        const previous = r.createdAt >= previousFrom && r.createdAt < from;
        if (!current && !previous) continue;
        const key = `${r.platform} ${r.route} ${r.category}`;
        const row = rows.get(key) ?? {
          platform: r.platform,
          route: r.route,
          category: r.category,
          count: 0,
          previousCount: 0,
        };
        rows.set(key, row);
        if (current) row.count++;
        else row.previousCount++;
      }
      return rankPages([...rows.values()]);
    },

    async *exportRequests(scope, filters, batchSize = EXPORT_BATCH_DEFAULT) {
      const size = Math.max(1, Math.floor(batchSize));
      const records = keysetBatches(
        (before) => page(scope, filters, before, size),
        size,
      );
      for await (const record of records) yield toExportRow(record);
    },
  };
}

function toExportRow(record: MemoryRecord): ExportRow {
  const r = record.request;
  const row: ExportRow = {
    ...toSummary(record),
    message: r.message,
    title: r.context.title,
  };
  if (r.email !== undefined) row.email = r.email;
  return row;
}
