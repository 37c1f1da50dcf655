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
import {
  clampLimit,
  encodeCursor,
  EXPORT_BATCH_DEFAULT,
  parseCursor,
  TEXT_COUNT_CAP,
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
  /** Up to `limit` matching records older than `before`, newest first. */
  const page = (
    scope: Scope,
    filters: RequestFilters,
    before: number | undefined,
    limit: number,
  ) => {
    const matches = createMatcher(scope, filters, true);
    const found: MemoryRecord[] = [];
    for (
      let i = state.records.length - 1;
      i >= 0 && found.length < limit;
      i--
    ) {
      const record = state.records[i]!;
      if ((before === undefined || record.id < before) && matches(record))
        found.push(record);
    }
    return found;
  };

  return {
    async listRequests(scope, filters, options) {
      const limit = clampLimit(options.limit);
      const before =
        options.cursor === undefined ? undefined : parseCursor(options.cursor);
      const found = page(scope, filters, before, limit + 1);
      const items = found.slice(0, limit).map(toSummary);
      const last = found[limit - 1];
      return found.length > limit && last
        ? { items, nextCursor: encodeCursor(last.id) }
        : { items };
    },

    async countByStatus(scope, filters) {
      const counts = Object.fromEntries(
        REQUEST_STATUSES.map((s) => [s, 0]),
      ) as Record<RequestStatus, number>;
      const matches = createMatcher(scope, filters, false);
      // Like SQLite: with text, only the TEXT_COUNT_CAP newest text matches are examined.
      const text = filters.q === undefined ? undefined : toFtsQuery(filters.q);
      const textOnly =
        text === undefined
          ? undefined
          : createMatcher({ kind: "all" }, { q: filters.q }, false);
      let examined = 0;
      for (let i = state.records.length - 1; i >= 0; i--) {
        const record = state.records[i]!;
        if (textOnly) {
          if (!textOnly(record)) continue;
          if (examined === TEXT_COUNT_CAP) return { counts, complete: false };
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
      let before: number | undefined;
      for (;;) {
        const batch = page(scope, filters, before, size);
        for (const record of batch) yield toExportRow(record);
        const last = batch.at(-1);
        if (batch.length < size || !last) return;
        before = last.id;
      }
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
