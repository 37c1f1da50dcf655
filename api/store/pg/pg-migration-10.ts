import type { PgIndexBuild } from "./pg-migrations.ts";

/**
 * Migration 10 (issue 15): a referent's search reads its départements' search vectors from an index alone.
 *
 * Why: the `departments` plan (pg-search-plan.ts) tests every row of the referent's départements against
 * the search — ≈ 30,000 rows for 3 départements at 1 M requests, scattered over the table: through
 * requests_by_department_status each is a heap page read (26,200 pages, 145–150 ms for a two-word search).
 * With the vector beside the key, the same rows are an index-only scan of ≈ 1,650 pages: 11 ms, measured on
 * a 1 M-row table of the bench's vocabulary. The rows a recent write left not yet all-visible are still read
 * from the heap, as before.
 *
 * `status` too: the window's rows carry their status, the counts per status of a search (pg-request-text.ts).
 *
 * Its cost: ≈ 0.4 of the table's size (the vectors again), and each submission writes one more index entry;
 * a status change already wrote a new entry in requests_by_department_status (no HOT update), it writes one
 * here too.
 *
 * Built with CREATE INDEX CONCURRENTLY (pg-migrations.ts): submissions and console reads go on while it is
 * built — a plain CREATE INDEX would hold every submission for the build, seconds at 1 M requests.
 */
export const DEPARTMENT_SEARCH_INDEX: PgIndexBuild = {
  name: "requests_by_department_search",
  definition: "ON requests (department, id) INCLUDE (status, search)",
};
