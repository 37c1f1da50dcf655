import type pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { searchTermsOf } from "../../api/store/pg/pg-request-filters.ts";
import {
  readTextWindow,
  textWindowQuery,
} from "../../api/store/pg/pg-request-text.ts";
import {
  MAX_EXPANSION,
  readSearchStatistics,
} from "../../api/store/pg/pg-search-plan.ts";
import {
  chooseIndexWords,
  pruneSearchLexemes,
  readSearchParts,
} from "../../api/store/pg/pg-search-lexemes.ts";
import { createPostgresRetention } from "../../api/store/pg/pg-support-retention.ts";
import type { Scope } from "../../api/store/support-types.ts";
import {
  holdLocks,
  truncateTables,
  useMigratedDatabase,
  withDatabaseAt,
} from "../support/pg-database.ts";

let pool: pg.Pool;
useMigratedDatabase((opened) => ({ pool } = opened));

const ALL: Scope = { kind: "all" };
const REFERENT: Scope = { kind: "departments", departments: ["75"] };
const terms = (q: string) => searchTermsOf({ q })!;
const OLD = new Date("2025-01-01T00:00:00Z");

let inserted = 0;
/** Inserts requests (one statement), each message as given, in départements 75 and 13 in turn. */
async function insert(messages: string[], status = "new", at = new Date()) {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO requests (reference, created_at, updated_at, platform, route, category, subject, department,
                           message, status, context)
     SELECT 'SNU-2026-' || lpad(($4 + m.i)::text, 7, '0'), $3, $3, 'moncompte', '/', 'c', 's',
            CASE WHEN m.i % 2 = 1 THEN '75' ELSE '13' END, m.message, $2, '{}'
     FROM unnest($1::text[]) WITH ORDINALITY AS m (message, i)
     RETURNING id::integer AS id`,
    [messages, status, at, inserted],
  );
  inserted += messages.length;
  return rows.map((row) => row.id);
}

async function checks(): Promise<string[]> {
  const { rows } = await pool.query<{ lexeme: string }>(
    "SELECT lexeme FROM search_lexeme_checks ORDER BY lexeme",
  );
  return rows.map((row) => row.lexeme);
}

async function lexemes(): Promise<string[]> {
  const { rows } = await pool.query<{ lexeme: string }>(
    "SELECT lexeme FROM search_lexemes ORDER BY lexeme",
  );
  return rows.map((row) => row.lexeme);
}

beforeEach(() => truncateTables(pool));

describe("the words of the requests (search_lexemes)", () => {
  it("follow every insert, batch or single, folded as the search vector folds them", async () => {
    await insert(["Bonjour, ma convocation au séjour", "Contrat signé"]);
    await insert(["Œuvre   L'ÉTÉ"]);
    expect(await lexemes()).toEqual(
      [
        "au",
        "bonjour",
        "contrat",
        "convocation",
        "ete",
        "l",
        "ma",
        "oeuvre",
        "s",
        "sejour",
        "signe",
      ].sort(),
    );
  });

  it("follow a message rewritten (anonymisation), and lose those no request holds any more", async () => {
    await insert(["Bonjour Zéphyrin Dupontel"], "closed", OLD);
    await insert(["Bonjour, où est ma convocation ?"]);
    expect(await lexemes()).toContain("dupontel");
    const retention = createPostgresRetention(pool);
    expect(await retention.anonymiseClosedBefore(new Date())).toBe(1);
    // The trigger listed the old message's words that the new one lacks.
    expect(await checks()).toEqual(["bonjour", "dupontel", "zephyrin"]);
    expect(await retention.pruneSearchWords()).toEqual({ pruned: 2, left: 0 });
    const after = await lexemes();
    expect(after).not.toContain("dupontel");
    expect(after).not.toContain("zephyrin");
    // Still in the other request; the anonymised message's own words are searchable.
    expect(after).toContain("bonjour");
    expect(after).toEqual(expect.arrayContaining(["supprime", "conservation"]));
    expect(await checks()).toEqual([]);
    // The name's prefix begins no word any more.
    expect((await readSearchParts(pool, terms("dupon")))[0]!.words).toEqual([]);
  });

  it("list the old words whatever code rewrites a message (an instance of the previous release)", async () => {
    await insert(["Quokka agile"]);
    await pool.query(
      "UPDATE requests SET message = 'agile et discret' WHERE message = 'Quokka agile'",
    );
    expect(await checks()).toEqual(["quokka"]);
    expect(await pruneSearchLexemes(pool)).toEqual({ pruned: 1, left: 0 });
    expect(await lexemes()).toEqual(["agile", "discret", "et", "s"]);
  });

  it("keep a word that a request being written holds while the pruning runs, checked again later", async () => {
    await insert(["Xylophone cassé"], "closed", OLD);
    await createPostgresRetention(pool).anonymiseClosedBefore(new Date());
    // Another instance is writing a request with the same word: its trigger found it listed, added nothing.
    const { release } = await holdLocks(
      pool,
      `INSERT INTO requests (reference, created_at, platform, route, category, subject, message, context)
       VALUES ('SNU-2026-9999999', now(), 'moncompte', '/', 'c', 's', 'Mon xylophone', '{}')`,
    );
    // Neither word is in a committed request; the lock is refused while that insert is in progress.
    expect(await pruneSearchLexemes(pool, { attempts: 3, retryMs: 5 })).toEqual(
      { pruned: 0, left: 2 },
    );
    expect(await lexemes()).toEqual(
      expect.arrayContaining(["casse", "xylophone"]),
    );
    expect(await checks()).toEqual(["casse", "xylophone"]);
    await release();
    expect(await pruneSearchLexemes(pool)).toEqual({ pruned: 1, left: 0 });
    const after = await lexemes();
    expect(after).toContain("xylophone");
    expect(after).not.toContain("casse");
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id::integer AS id FROM requests WHERE reference = 'SNU-2026-9999999'",
    );
    expect(
      await readTextWindow(pool, ALL, { q: "xylo" }, undefined, "index"),
    ).toEqual([rows[0]!.id]);
  });
});

describe("a search read through the GIN index", () => {
  it("turns each prefix into the words it begins, and says when one begins none", async () => {
    await insert(["convocation contrat consentement", "connexion bonjour"]);
    const parts = await readSearchParts(pool, terms("con bonjour zzz"));
    expect(parts).toEqual([
      {
        token: "con",
        prefix: true,
        words: ["connexion", "consentement", "contrat", "convocation"],
      },
      { token: "bonjour", prefix: true, words: ["bonjour"] },
      { token: "zzz", prefix: true, words: [] },
    ]);
    expect(chooseIndexWords(parts, undefined)).toEqual({ kind: "none" });
    for (const plan of ["index", "walk"] as const)
      expect(
        await readTextWindow(pool, ALL, { q: "con zzz" }, undefined, plan),
      ).toEqual([]);
  });

  it("gives the index the selective parts as exact words, and the whole search to test the rows", async () => {
    // « con » begins words in every row, « mer » in one row of 10, « zeph » in 3 rows.
    const messages = Array.from(
      { length: 2_000 },
      (_, i) =>
        `${["convocation", "contrat", "connexion"][i % 3]} bonjour` +
        (i % 10 === 0 ? " merci" : "") +
        (i % 700 === 0 ? " zéphyr" : ""),
    );
    await insert(messages);
    await pool.query("ANALYZE requests");
    const stats = await readSearchStatistics(pool);
    const parts = await readSearchParts(pool, terms("con mer"));
    const words = chooseIndexWords(parts, stats);
    expect(words).toEqual({
      kind: "words",
      query: "('merci')",
      shares: [expect.closeTo(0.1, 1)],
    });
    const { sql, values } = textWindowQuery(
      ALL,
      terms("con mer"),
      undefined,
      "index",
      "('merci')",
    );
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN ${sql}`,
      values,
    );
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toContain("search @@ '''merci'''::tsquery");
    expect(plan).toContain("ts_match_vq(search");
    for (const [scope, q, before] of [
      [ALL, "con mer", undefined],
      [REFERENT, "con mer", 1_500],
      [ALL, "con zeph", undefined],
      [ALL, "bon con", 1_000],
      [REFERENT, "contrat mer", undefined],
    ] as const) {
      const read = (plan: "walk" | "index") =>
        readTextWindow(pool, scope, { q }, before, plan);
      const [walk, index] = await Promise.all([read("walk"), read("index")]);
      expect(index).toEqual(walk);
      expect(index!.length).toBeGreaterThan(0);
    }
  });

  it("reads a prefix that begins too many words as a prefix", async () => {
    const many = Array.from(
      { length: MAX_EXPANSION + 1 },
      (_, i) => `sejour${i} bonjour`,
    );
    await insert(many);
    const parts = await readSearchParts(pool, terms("sej"));
    expect(parts[0]!.words).toHaveLength(MAX_EXPANSION + 1);
    expect(chooseIndexWords(parts, undefined)).toEqual({ kind: "prefixes" });
    expect(
      chooseIndexWords(
        await readSearchParts(pool, terms("sej bon")),
        undefined,
      ),
    ).toEqual({
      kind: "words",
      query: "('bonjour')",
      shares: [0],
    });
    const read = (plan: "walk" | "index") =>
      readTextWindow(pool, ALL, { q: "sej bon" }, undefined, plan);
    expect(await read("index")).toEqual(await read("walk"));
    expect(await read("index")).toHaveLength(MAX_EXPANSION + 1);
  });
});

describe("migration 9", () => {
  it("lists the words of the requests written before migration 8", () =>
    withDatabaseAt(7, async (own) => {
      await own.query(
        `INSERT INTO requests (reference, created_at, platform, route, category, subject, message, context)
         VALUES ('SNU-2026-0000001', now(), 'moncompte', '/', 'c', 's', 'Bagages du séjour', '{}')`,
      );
      expect(await migratePostgres(own)).toEqual([8, 9, 10]);
      const { rows } = await own.query<{ lexeme: string }>(
        "SELECT lexeme FROM search_lexemes ORDER BY lexeme",
      );
      expect(rows.map((row) => row.lexeme)).toEqual([
        "bagages",
        "du",
        "s",
        "sejour",
      ]);
    }));
});
