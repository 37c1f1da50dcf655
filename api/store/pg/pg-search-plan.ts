import type pg from "pg";
import type { SearchTerms } from "./pg-request-filters.ts";

/**
 * How the text window (pg-request-text.ts) finds the newest matches, decided here rather than by the
 * planner: PostgreSQL estimates a prefix (`sejour:*`) from the most common lexemes only once ANALYZE found
 * at least 100 of them (ts_selfuncs.c), else it assumes 2 % of the rows — and reads a common prefix's every
 * match through the GIN index to keep the newest 5,000 (seconds at 1 M requests). The statistics are the
 * same ones, read from pg_stats; only the rule that turns them into an estimate is ours.
 *
 * - `walk`: `ts_match_vq(search, q)`, which no index serves: the primary key read backwards (newest first),
 *   each row's stored vector tested, until the window is full — ≈ limit / s rows for a query matching a
 *   share s of the rows.
 * - `departments` (a referent): the rows of its départements read first (requests_by_department_search,
 *   migration 10: their vectors without the table, a subquery the planner cannot merge into the outer
 *   query's order), each tested, the matches sorted. Left to itself with a LIMIT, the planner walked the
 *   whole primary key instead, expecting a match every few rows: 365 ms at 1 M requests for a search two of
 *   its départements' rows in 10,000 hold, against 75 ms through the table, 9 ms through the index.
 * - `index`: `search @@ q`, the GIN index's matches, all of them (pg-search-lexemes.ts chooses the words it
 *   reads), ≈ s × N rows fetched, sorted, the newest kept.
 */
export type TextWindowPlan = "walk" | "departments" | "index";

/**
 * What the GIN index reads (chosen by pg-search-lexemes.ts): `none` when a prefix begins no word (nothing can match), `prefixes` when no part
 * could be made exact (the search as it is), else the tsquery text of the parts chosen.
 */
export type IndexWords =
  | { kind: "none" }
  | { kind: "prefixes" }
  | {
      kind: "words";
      query: string;
      /** Each chosen part's share of the rows (pg_stats; 0 without statistics): what the index reads. */
      shares: number[];
    };

/** What pg_stats and pg_class say of `requests.search`, read once per cache period. */
export interface SearchStatistics {
  /** Rows of `requests` (pg_class.reltuples). */
  rows: number;
  /**
   * Share of its pages all-visible (pg_class.relallvisible / relpages, as of the last vacuum): how much of
   * an index-only read is spared the table. 1 when unknown.
   */
  allVisible: number;
  /** Frequency of each most common lexeme (share of the rows whose vector holds it). */
  frequencies: Map<string, number>;
  /** The frequency given to a lexeme absent from the list (rarer than the rarest listed). */
  rare: number;
  /** Share of the rows of each common département (pg_stats of `department`); empty when unknown. */
  departments: Map<string, number>;
}

/**
 * The costs compared, in units of one row read walking the primary key backwards (≈ 1.5 µs, measured at
 * 300,000 requests with the bench's generator, issue 15): a row of a referent's départements read from
 * requests_by_department_search (≈ 0.3 µs at 1 M requests, 0.2 units, when the visibility map spares the
 * table; the share of pages not all-visible is read from the table too, as through
 * requests_by_department_status: 2 units — scaled by `allVisible`), a row fetched from the GIN index's matches (its
 * page as often lossy, every row of it rechecked), and one entry of a posting list the GIN index reads for a
 * prefix read as such — all of them: its entries are gathered into a bitmap, never skipped (the 8 « worst »
 * prefixes read 1.3 M entries in 230 ms for 1,157 matches).
 */
const COST = {
  walkRow: 1,
  departmentRow: 0.2,
  departmentHeapRow: 2,
  indexRow: 1.3,
  indexEntry: 0.12,
  // An entry of an exact word's posting list: those are intersected, the others skipped along the rarest
  // (the worst search allowed, as exact words: 3 M entries, 85 ms at 1 M requests).
  wordEntry: 0.02,
};

/**
 * A prefix beginning more words than this is not given to the GIN index as those words (pg-search-
 * lexemes.ts): read as a prefix when it is all there is, else only tested on the rows the index returns.
 */
export const MAX_EXPANSION = 16;

/** The statistics are re-read after this long: ANALYZE changes them slowly (autovacuum, per instance). */
export const STATISTICS_TTL_MS = 5 * 60_000;

/**
 * The lexemes of a search word as `snu_search_query` cuts it (migration 3): folded again, a word that
 * unaccent splits (« ½ » → 1, 2) is several tokens, the prefix on the last. Approximate — unaccent's rules
 * are the database's — which can only change the plan, never the rows: both plans test the same tsquery.
 */
export function searchTokens(word: string): string[] {
  return (
    word
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/ß/g, "ss")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The share of rows the search matches: each lexeme's frequency — a prefix, the sum of the frequencies of
 * the listed lexemes it begins (capped at 1), never below an absent lexeme's — multiplied over the terms,
 * as independent (PostgreSQL's assumption too).
 */
export function searchSelectivity(
  text: SearchTerms,
  stats: SearchStatistics,
): number {
  return lexemeFrequencies(text, stats).reduce((s, l) => s * l.frequency, 1);
}

/**
 * The frequency of each lexeme of the search, as `searchSelectivity` estimates it, and how many listed
 * lexemes it stands for (a prefix: those it begins; at least 1).
 */
function lexemeFrequencies(
  text: SearchTerms,
  stats: SearchStatistics,
): { frequency: number; lexemes: number }[] {
  return text.terms.flatMap((term, i) => {
    const tokens = searchTokens(term);
    return tokens.map((token, n) => {
      let frequency = 0;
      let lexemes = 1;
      if (text.prefixes[i] && n === tokens.length - 1) {
        lexemes = 0;
        for (const [lexeme, f] of stats.frequencies)
          if (lexeme.startsWith(token)) {
            frequency += f;
            lexemes++;
          }
      } else frequency = stats.frequencies.get(token) ?? 0;
      return {
        frequency: Math.min(1, Math.max(frequency, stats.rare)),
        lexemes: Math.max(1, lexemes),
      };
    });
  });
}

/**
 * The cheapest way, in COST units. Walking reads ≈ limit / s rows of the scope newest first (never more
 * than the table holds); reading a referent's départements, their rows (d × N, d their share). The GIN
 * index reads what `words` (chooseIndexWords) gives it — the posting entries of those exact words, and
 * fetches the rows they leave (the product of their shares × N), each tested against the whole search —
 * or, read as prefixes, every posting entry of every lexeme, and fetches ≈ s × N rows.
 * `departments`: the scope's, undefined for every département. Without `words`, every prefix is costed
 * from the lexemes pg_stats lists (at most MAX_EXPANSION of them: as words).
 */
export function chooseTextPlan(
  text: SearchTerms,
  stats: SearchStatistics | undefined,
  limit: number,
  departments?: readonly string[],
  words?: IndexWords,
): TextWindowPlan {
  // Never analysed (a new database): the planner's own choice, as before this rule existed.
  if (!stats || stats.rows <= 0 || stats.frequencies.size === 0) return "index";
  const lexemes = lexemeFrequencies(text, stats);
  const s = lexemes.reduce((product, l) => product * l.frequency, 1);
  const n = stats.rows;
  const d = scopeShare(stats, departments);
  // The primary key backwards reads every département's rows to find the scope's matches.
  const keyRows = Math.min(limit / (s * d), n);
  const walk = keyRows * COST.walkRow;
  const departmentRow =
    COST.departmentRow + (1 - stats.allVisible) * COST.departmentHeapRow;
  const scopeRows = d < 1 ? d * n * departmentRow : Infinity;
  // A prefix the index reads as the words it begins (pg-search-lexemes.ts) costs what exact words cost.
  const index =
    words?.kind === "words"
      ? n *
        (words.shares.reduce((sum, share) => sum + share, 0) * COST.wordEntry +
          words.shares.reduce((rows, share) => rows * share, 1) * COST.indexRow)
      : indexAsPrefixes(lexemes, s, n, words);
  const cheapest = Math.min(walk, scopeRows, index);
  return cheapest === walk
    ? "walk"
    : cheapest === scopeRows
      ? "departments"
      : "index";
}

/** The GIN index's cost when it reads the search as it is (or, without `words`, as pg_stats suggests). */
function indexAsPrefixes(
  lexemes: { frequency: number; lexemes: number }[],
  s: number,
  n: number,
  words: IndexWords | undefined,
) {
  return (
    s * n * COST.indexRow +
    lexemes.reduce(
      (sum, l) =>
        sum +
        l.frequency *
          (words?.kind === "prefixes" || l.lexemes > MAX_EXPANSION
            ? COST.indexEntry
            : COST.wordEntry),
      0,
    ) *
      n
  );
}

/** The share of the rows in the départements (1 for all, or when their statistics are unknown). */
function scopeShare(
  stats: SearchStatistics,
  departments: readonly string[] | undefined,
): number {
  if (!departments || stats.departments.size === 0) return 1;
  const listed = [...stats.departments.values()];
  const rare = Math.min(...listed) / 2;
  const share = departments.reduce(
    (sum, department) => sum + (stats.departments.get(department) ?? rare),
    0,
  );
  return Math.min(1, Math.max(share, 1 / stats.rows));
}

const STATISTICS_SQL = `
  SELECT c.reltuples::float8 AS rows, c.relpages::float8 AS pages, c.relallvisible::float8 AS visible,
         s.most_common_elems::text::text[] AS lexemes,
         s.most_common_elem_freqs::float8[] AS frequencies,
         d.most_common_vals::text::text[] AS departments, d.most_common_freqs::float8[] AS shares
  FROM pg_class AS c
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
  LEFT JOIN pg_stats AS s ON s.schemaname = n.nspname AND s.tablename = c.relname
                         AND s.attname = 'search' AND NOT s.inherited
  LEFT JOIN pg_stats AS d ON d.schemaname = n.nspname AND d.tablename = c.relname
                         AND d.attname = 'department' AND NOT d.inherited
  WHERE c.oid = 'requests'::regclass`;

/** Reads the statistics; undefined when ANALYZE never saw the column. */
export async function readSearchStatistics(
  db: pg.Pool | pg.PoolClient,
): Promise<SearchStatistics | undefined> {
  const { rows } = await db.query<{
    rows: number;
    pages: number;
    visible: number;
    lexemes: string[] | null;
    frequencies: number[] | null;
    departments: string[] | null;
    shares: number[] | null;
  }>(STATISTICS_SQL);
  const row = rows[0];
  if (!row?.lexemes || !row.frequencies || row.rows <= 0) return undefined;
  const { lexemes, frequencies } = row;
  // A tsvector's list ends with two more numbers than lexemes: the lowest and highest frequency
  // (ts_typanalyze.c). An absent lexeme is rarer than the lowest: half of it, as PostgreSQL assumes.
  const lowest = frequencies[lexemes.length] ?? Math.min(...frequencies);
  return {
    rows: row.rows,
    allVisible: row.pages > 0 ? Math.min(1, row.visible / row.pages) : 1,
    frequencies: new Map(lexemes.map((lexeme, i) => [lexeme, frequencies[i]!])),
    rare: lowest / 2,
    departments: new Map(
      (row.departments ?? []).map((department, i) => [
        department,
        row.shares?.[i] ?? 0,
      ]),
    ),
  };
}

/**
 * The statistics of one database, re-read every `ttlMs`: each process (each instance) caches its own.
 * Keyed by the pool, as tests open many databases in one process. A failed read is not cached.
 */
export function createSearchStatisticsCache(
  ttlMs = STATISTICS_TTL_MS,
  now = () => Date.now(),
) {
  const cache = new WeakMap<
    object,
    { at: number; stats: Promise<SearchStatistics | undefined> }
  >();
  return (db: pg.Pool | pg.PoolClient) => {
    const cached = cache.get(db);
    if (cached && now() - cached.at < ttlMs) return cached.stats;
    const stats = readSearchStatistics(db);
    cache.set(db, { at: now(), stats });
    stats.catch(() => cache.delete(db));
    return stats;
  };
}
