import { encodeCursor } from "./support-rules.ts";

/**
 * One keyset read, newest first: the rows (one more than the page when the caller wants to know if more
 * exist), and `continueBelow` when a text search window was full before the page was (older matches remain).
 */
export interface KeysetRead<T> {
  rows: T[];
  continueBelow?: number;
}

/** Where the read after this one starts: below the last row of a full page, below a full window, or nowhere. */
export function nextBefore<T extends { id: number }>(
  read: KeysetRead<T>,
  pageSize: number,
): number | undefined {
  const last = read.rows[pageSize - 1];
  if (read.rows.length >= pageSize && last) return last.id;
  return read.continueBelow;
}

/** A list page of `limit` rows from a read of `limit + 1`, with the cursor to the next one when there is one. */
export function toListPage<T extends { id: number }, S>(
  read: KeysetRead<T>,
  limit: number,
  summarize: (row: T) => S,
) {
  const items = read.rows.slice(0, limit).map(summarize);
  const next =
    read.rows.length > limit ? read.rows[limit - 1]?.id : read.continueBelow;
  return next === undefined
    ? { items }
    : { items, nextCursor: encodeCursor(next) };
}

/**
 * Every row, batch after batch: nothing stays open between batches, so writers go on (ARCHITECTURE §4:
 * better-sqlite3 refuses a write while an `.iterate()` is open).
 */
export async function* keysetBatches<T extends { id: number }>(
  read: (before: number | undefined) => KeysetRead<T>,
  batchSize: number,
): AsyncGenerator<T> {
  let before: number | undefined;
  do {
    const batch = read(before);
    yield* batch.rows;
    before = nextBefore(batch, batchSize);
  } while (before !== undefined);
}
