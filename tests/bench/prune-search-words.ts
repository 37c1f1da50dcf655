// Benchmark: the first pruning of the search words (issue 15) after a retention that anonymised a backlog.
// PostgreSQL only (a throw-away cluster, durability on, or DATABASE_URL's server): N closed requests, each
// with words of the console bench's vocabulary and a name of its own, then `anonymiseClosedBefore` replaces
// the older half's messages — their names become checks — and `pruneSearchWords` removes the names no request
// holds. Baseline in the same run: the way it looked words up before (one statement each, planned by
// PostgreSQL from its statistics), on a sample of the same checks.
// Run: npm run bench:prune -- [--rows 400000] [--sample 10]
import { parseArgs } from "node:util";
import pg from "pg";
import { createPostgresRetention } from "../../api/store/pg/pg-support-retention.ts";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { openBenchDatabases } from "./bench-database.ts";
import { WORDS } from "./support-rows.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "400000" },
    sample: { type: "string", default: "10" },
  },
});
const ROWS = Number(values.rows);
const SAMPLE = Number(values.sample);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function main() {
  const databases = await openBenchDatabases();
  try {
    console.log(
      `prune benchmark: ${ROWS.toLocaleString("fr-FR")} requests; ${databases.where}`,
    );
    const pool = new pg.Pool({
      connectionString: await databases.create(),
      max: 4,
    });
    try {
      await migratePostgres(pool);
      // 12 words of the vocabulary, drawn per row, and « nom<row> »: every request holds a word no other
      // one does, as a name. Closed a year ago, the older half before the retention date.
      const [, seeded] = await timed(() =>
        pool.query(
          `INSERT INTO requests (reference, created_at, updated_at, platform, route, category, subject,
                                 department, message, status, context)
           SELECT 'SNU-2025-' || lpad(g::text, 7, '0'), t, t, 'moncompte', '/', 'QUESTION', 'OTHER',
                  lpad((1 + g % 95)::text, 2, '0'),
                  (SELECT string_agg(($2::text[])[1 + ((g::bigint * 7919 + k * 104729) % cardinality($2::text[]))], ' ')
                   FROM generate_series(1, 12) AS k) || ' nom' || g,
                  'closed', '{}'
           FROM generate_series(1, $1::integer) AS g,
                LATERAL (SELECT now() - interval '400 days' + g * interval '1 second') AS d (t)`,
          [ROWS, WORDS],
        ),
      );
      await pool.query("VACUUM (ANALYZE) requests");
      console.log(`seeded in ${seconds(seeded)} s`);

      const retention = createPostgresRetention(pool);
      const before = new Date(
        Date.now() - 400 * 86_400_000 + (ROWS / 2) * 1000,
      );
      const [anonymised, anonymising] = await timed(() =>
        retention.anonymiseClosedBefore(before),
      );
      const { rows: counts } = await pool.query<{ checks: number }>(
        "SELECT count(*)::integer AS checks FROM search_lexeme_checks",
      );
      console.log(
        `anonymised ${anonymised.toLocaleString("fr-FR")} requests in ${seconds(anonymising)} s: ` +
          `${counts[0]!.checks.toLocaleString("fr-FR")} words to check`,
      );

      // Baseline: the former lookup, one statement per word, on SAMPLE checks (names no request holds now).
      const { rows: sample } = await pool.query<{ lexeme: string }>(
        "SELECT lexeme FROM search_lexeme_checks WHERE lexeme LIKE 'nom%' ORDER BY lexeme LIMIT $1",
        [SAMPLE],
      );
      const [, former] = await timed(async () => {
        for (const { lexeme } of sample)
          await pool.query(
            "SELECT EXISTS (SELECT 1 FROM requests WHERE search @@ $1::tsquery) AS held",
            [`'${lexeme}'`],
          );
      });
      const perWord = former / Math.max(1, sample.length);
      console.log(
        `former lookup (one statement per word, the planner's choice): ${sample.length} words in ` +
          `${seconds(former)} s, ${perWord.toFixed(1)} ms each — ${counts[0]!.checks.toLocaleString("fr-FR")} ` +
          `words at that pace: ≈ ${seconds(perWord * counts[0]!.checks)} s`,
      );

      const [pruned, pruning] = await timed(() => retention.pruneSearchWords());
      console.log(
        `pruneSearchWords: ${pruned.pruned.toLocaleString("fr-FR")} words removed, ${pruned.left} left, ` +
          `in ${seconds(pruning)} s`,
      );
    } finally {
      await pool.end();
    }
  } finally {
    await databases.close();
  }
}

await main();
