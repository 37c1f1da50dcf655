import type pg from "pg";
import type { SearchTerms } from "./pg-request-filters.ts";
import {
  MAX_EXPANSION,
  type IndexWords,
  type SearchStatistics,
} from "./pg-search-plan.ts";
import { inTransaction } from "./pg-transaction.ts";

/**
 * Which words the GIN index reads for a search (migration 8's `search_lexemes`, issue 15).
 *
 * A prefix read as such (`con:*`) makes the index gather every posting entry of every lexeme it covers;
 * exact words are intersected instead, the rarest list leading and the others skipped along. So each prefix
 * becomes the words it begins (at most MAX_EXPANSION of them), and only the selective parts are given to
 * the index: a part matching more than half the rows (by pg_stats) excludes little and costs a whole
 * posting list. The rows the index returns are then tested against the whole search (`ts_match_vq`, the
 * stored vector): the rows found are those of the search, whichever parts the index read.
 *
 * Measured at 1 M requests of the bench's vocabulary (issue 15), the worst search allowed (« con bon mer que
 * pro imp err pag »): 300 ms as prefixes; 155 ms as exact words; 85 ms without « con » (4 words, 80 % of the
 * rows) in the index, tested on the 3,453 rows the 7 others leave.
 */

/** A part matching more than this share of the rows is left out of the index (unless it is all there is). */
const COMMON = 0.5;

/** One token of the search, cut as `snu_search_query` cuts it, with the words a prefix begins. */
export interface SearchPart {
  token: string;
  prefix: boolean;
  /** A prefix's words, sorted; MAX_EXPANSION + 1 of them means « more ». */
  words?: string[];
}

/** The tokens of the terms (the database folds them, as it folds the text) and each prefix's words. */
export async function readSearchParts(
  db: pg.Pool | pg.PoolClient,
  text: SearchTerms,
): Promise<SearchPart[]> {
  const { rows } = await db.query<SearchPart>(
    `SELECT part.token, (term.prefix AND part.n = part.parts) AS prefix,
            CASE WHEN term.prefix AND part.n = part.parts THEN ARRAY(
              -- A range of the primary key (COLLATE "C": byte order); U+10FFFF sorts after any letter.
              SELECT l.lexeme FROM search_lexemes AS l
              WHERE l.lexeme >= part.token AND l.lexeme < part.token || chr(1114111)
              ORDER BY l.lexeme LIMIT $3) END AS words
     FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS term (word, prefix, i)
     CROSS JOIN LATERAL (
       SELECT token, n, count(*) OVER () AS parts
       FROM unnest(string_to_array(btrim(snu_search_text(term.word)), ' ')) WITH ORDINALITY AS t (token, n)
       WHERE token <> ''
     ) AS part
     ORDER BY term.i, part.n`,
    [text.terms, text.prefixes, MAX_EXPANSION + 1],
  );
  return rows.map((row) => (row.words ? row : { ...row, words: undefined }));
}

/** The parts of the search the GIN index reads, as exact words: the rarest, and any other matching ≤ COMMON. */
export function chooseIndexWords(
  parts: readonly SearchPart[],
  stats: SearchStatistics | undefined,
): IndexWords {
  const frequency = (lexeme: string) =>
    stats ? (stats.frequencies.get(lexeme) ?? stats.rare) : 0;
  const exact: { query: string; share: number }[] = [];
  for (const part of parts) {
    if (!part.prefix)
      exact.push({ query: quoted(part.token), share: frequency(part.token) });
    else if (part.words!.length === 0) return { kind: "none" };
    else if (part.words!.length <= MAX_EXPANSION)
      exact.push({
        query: `(${part.words!.map(quoted).join(" | ")})`,
        share: Math.min(
          1,
          part.words!.reduce((sum, word) => sum + frequency(word), 0),
        ),
      });
  }
  if (!exact.length) return { kind: "prefixes" };
  exact.sort((a, b) => a.share - b.share);
  const chosen = exact.filter((part, i) => i === 0 || part.share <= COMMON);
  return {
    kind: "words",
    query: chosen.map((part) => part.query).join(" & "),
    shares: chosen.map((part) => part.share),
  };
}

/** A lexeme as a tsquery operand (they are letters and digits; quoted anyway). */
function quoted(lexeme: string) {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Words checked per locked transaction while pruning. */
const PRUNE_BATCH = 200;

/** What a pruning did: words removed, and checks left for the next run (the lock was never free). */
export interface PruneResult {
  pruned: number;
  left: number;
}

export interface PruneOptions {
  /** Tries at the lock per batch (default 20), `retryMs` × the try apart (default 50 ms). */
  attempts?: number;
  retryMs?: number;
}

/**
 * Removes from `search_lexemes` the words that no request holds any more, among those anonymisation listed
 * in `search_lexeme_checks` (migration 8's update trigger: the words of the messages it replaced). A check
 * is deleted once done; those of a batch that could not get its lock stay for the next run.
 *
 * A batch's words are first looked up without a lock, in the GIN index (forced: for a word absent from
 * its statistics, the planner may prefer reading rows until one matches — all of them for a word no request
 * holds any more, 0.36 s each at 1 M requests, hours for a backlog of names; through the index, a rare
 * word costs its few entries, a common one its posting list, ≈ 10 ms). Those found nowhere are checked
 * again and deleted in one statement under a SHARE lock on `requests`: a request being
 * written with that word (its trigger saw the word listed and added nothing) would otherwise lose it. The
 * lock is asked with NOWAIT and asked again a little later when refused: queued, it would hold every
 * submission behind it while it waits for the writers (and autovacuum) in progress. Held, it holds them
 * for that one statement.
 */
export async function pruneSearchLexemes(
  pool: pg.Pool,
  { attempts = 20, retryMs = 50 }: PruneOptions = {},
): Promise<PruneResult> {
  const result: PruneResult = { pruned: 0, left: 0 };
  let after = "";
  for (;;) {
    const { rows } = await pool.query<{ lexeme: string }>(
      "SELECT lexeme FROM search_lexeme_checks WHERE lexeme > $1 ORDER BY lexeme LIMIT $2",
      [after, PRUNE_BATCH],
    );
    if (!rows.length) return result;
    // Once, before the first batch's lookups, and only when there is something to check.
    if (after === "") await mergePendingEntries(pool);
    after = rows.at(-1)!.lexeme;
    const words = rows.map((row) => row.lexeme);
    const found = await heldWords(pool, words);
    const held = words.filter((word) => found.has(word));
    const absent = words.filter((word) => !found.has(word));
    await pool.query(
      "DELETE FROM search_lexeme_checks WHERE lexeme = ANY($1::text[])",
      [held],
    );
    if (!absent.length) continue;
    const pruned = await deleteUnheld(pool, absent, attempts, retryMs);
    if (pruned === undefined) result.left += absent.length;
    else result.pruned += pruned;
  }
}

/** Deletes the words of `absent` that no request holds, under the lock; undefined if it was never free. */
async function deleteUnheld(
  pool: pg.Pool,
  absent: string[],
  attempts: number,
  retryMs: number,
): Promise<number | undefined> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await inTransaction(pool, async (client) => {
        await client.query("LOCK TABLE requests IN SHARE MODE NOWAIT");
        // Absent a moment ago: the GIN index answers each at once.
        await forceSearchIndex(client);
        const { rowCount } = await client.query(
          `DELETE FROM search_lexemes AS l USING unnest($1::text[], $2::tsquery[]) AS w (lexeme, query)
           WHERE l.lexeme = w.lexeme AND NOT EXISTS (SELECT 1 FROM requests WHERE search @@ w.query)`,
          [absent, absent.map(quoted)],
        );
        await client.query(
          "DELETE FROM search_lexeme_checks WHERE lexeme = ANY($1::text[])",
          [absent],
        );
        return rowCount ?? 0;
      });
    } catch (error) {
      if ((error as { code?: unknown }).code !== SQLSTATE_LOCK_NOT_AVAILABLE)
        throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs * attempt));
  }
  return undefined;
}

const SQLSTATE_LOCK_NOT_AVAILABLE = "55P03";

/**
 * Moves the GIN index's pending entries into its tree. A message an anonymisation has just replaced puts its
 * new vector's entries in the index's pending list (fastupdate, up to 4 MB), which every lookup then reads
 * whole: 0.6 ms per word for 10,000 anonymised requests, where a word costs microseconds once they are
 * merged — work the next vacuum or a full list would do anyway. Only a speed-up: when it cannot (another
 * account than the index's owner, a server in recovery, a vacuum merging them already), the lookups read
 * the list; a real fault of the database shows in the statements that follow.
 */
async function mergePendingEntries(pool: pg.Pool) {
  await pool
    .query("SELECT gin_clean_pending_list('requests_search'::regclass)")
    .catch(() => {});
}

/** The words that some request holds, each looked up in the GIN index. */
async function heldWords(pool: pg.Pool, words: string[]): Promise<Set<string>> {
  return inTransaction(pool, async (client) => {
    await forceSearchIndex(client);
    const { rows } = await client.query<{ lexeme: string }>(
      `SELECT w.lexeme FROM unnest($1::text[], $2::tsquery[]) AS w (lexeme, query)
       WHERE EXISTS (SELECT 1 FROM requests WHERE search @@ w.query)`,
      [words, words.map(quoted)],
    );
    return new Set(rows.map((row) => row.lexeme));
  });
}

/**
 * For the rest of the transaction, `search @@ word` is read through the GIN index: the planner costs the
 * lookup for any word, and may prefer reading rows until one matches — all of them, for the words these
 * look up, which are mostly held by no request.
 */
async function forceSearchIndex(client: pg.PoolClient) {
  await client.query("SET LOCAL enable_seqscan = off");
  await client.query("SET LOCAL enable_indexscan = off");
}
