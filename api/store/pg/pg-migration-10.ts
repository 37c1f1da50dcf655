import type { PgIndexBuild } from "./pg-migration-types.ts";

/**
 * Migration 10 (issue 15): a referent's search reads its départements' search vectors from an index alone.
 *
 * Why: the `departments` plan (pg-search-plan.ts) tests every row of the referent's départements against
 * the search — ≈ 30,000 rows for 3 départements at 1 M requests, scattered over the table: through
 * requests_by_department_status each is a heap page read (26,200 pages, 145–150 ms for a two-word search).
 * With the vector beside the key, the same rows are an index-only scan of ≈ 12,800 buffers: 8–11 ms,
 * measured on the bench's 1 M requests. The rows a recent write left not yet all-visible are still read from
 * the table, as before. `status` too: the window's rows carry their status, a search's counts per status
 * (pg-request-text.ts).
 *
 * Two partial indexes, split on the vector's size: a btree entry holds at most 2,704 bytes, and the vector
 * of a 5,000-character message of distinct words takes ≈ 11,000 — such a submission would be refused. The
 * vector's text (`search::text`, an immutable expression an index predicate may use) is never shorter than
 * 1 / 1.7 of its stored size (per word: quotes, colon and space against a 4-byte entry, each position at
 * least one digit against 2 bytes), so below 1,500 characters it fits with the key. The larger ones — long
 * messages — have an index of their own, without the vector: few rows, read from the table.
 * SEARCH_SIZE_SPLIT is that boundary; the window's statement repeats it so that the planner can use them.
 *
 * Its cost: the vectors a second time (≈ 0.35 of the table's size with the bench's short messages), the
 * vector's text computed for each submission, and one more index entry per submission; a status change
 * already wrote a new entry in requests_by_department_status (no HOT update), it writes one here too.
 *
 * Built with CREATE INDEX CONCURRENTLY (pg-migrations.ts): submissions and console reads go on meanwhile — a
 * plain CREATE INDEX would hold every submission for the build, seconds at 1 M requests.
 */
export const SEARCH_SIZE_SPLIT = "octet_length(search::text) < 1500";

export const DEPARTMENT_SEARCH_INDEXES: readonly PgIndexBuild[] = [
  {
    name: "requests_by_department_search",
    table: "requests",
    definition: `(department, id) INCLUDE (status, search) WHERE ${SEARCH_SIZE_SPLIT}`,
  },
  {
    name: "requests_by_department_long_search",
    table: "requests",
    definition: `(department, id) WHERE NOT (${SEARCH_SIZE_SPLIT})`,
  },
];
