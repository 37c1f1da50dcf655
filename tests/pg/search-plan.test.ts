import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { searchTermsOf } from "../../api/store/pg/pg-request-filters.ts";
import {
  readTextWindow,
  textWindowQuery,
} from "../../api/store/pg/pg-request-text.ts";
import {
  chooseTextPlan,
  createSearchStatisticsCache,
  readSearchStatistics,
  searchSelectivity,
  searchTokens,
  type SearchStatistics,
  type TextWindowPlan,
} from "../../api/store/pg/pg-search-plan.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import type { Scope } from "../../api/store/support-types.ts";
import { TEXT_SCAN_LIMIT } from "../../api/store/support-rules.ts";
import {
  createTestDatabase,
  useMigratedDatabase,
} from "../support/pg-database.ts";

let pool: pg.Pool;
useMigratedDatabase((opened) => ({ pool } = opened));

const ROWS = 30_000;
const terms = (q: string) => searchTermsOf({ q })!;
const ALL: Scope = { kind: "all" };
const REFERENT: Scope = { kind: "departments", departments: ["75", "92"] };

/**
 * Controlled content, then ANALYZE: every message holds one of 40 words beginning « sejour » (fewer than
 * the 100 most common lexemes PostgreSQL needs to estimate a prefix itself) and « bonjour »; « zephyr » is
 * in 3 messages; « soeur 1 2 » in one row of 7. Four départements in turn.
 */
beforeAll(async () => {
  await pool.query(
    `INSERT INTO requests (reference, created_at, platform, route, category, subject, department, message,
                           context)
     SELECT 'SNU-2026-' || lpad(g::text, 6, '0'), now(), 'moncompte', '/', 'c', 's',
            (ARRAY['75', '92', '93', '13'])[1 + g % 4],
            'Séjour' || (g % 40) || ' bonjour' || CASE WHEN g % 10000 = 0 THEN ' zéphyr' ELSE '' END
              || CASE WHEN g % 7 = 0 THEN ' sœur ½' ELSE '' END,
            '{}'
     FROM generate_series(1, $1::integer) AS g`,
    [ROWS],
  );
  await pool.query("ANALYZE requests");
});

describe("the statistics of requests.search", () => {
  it("are read from pg_stats: rows, each common lexeme's frequency, a rare one below them", async () => {
    const stats = (await readSearchStatistics(pool))!;
    expect(stats.rows).toBe(ROWS);
    expect(stats.frequencies.get("bonjour")).toBe(1);
    expect(stats.frequencies.get("sejour7")).toBeCloseTo(1 / 40, 2);
    expect(stats.frequencies.has("zephyr")).toBe(false);
    expect(stats.rare).toBeLessThan(1 / 40);
    expect(stats.rare).toBeGreaterThan(0);
    expect(stats.departments.get("75")).toBeCloseTo(1 / 4, 2);
  });

  it("are absent on a database never analysed: the GIN form, the planner's default", async () => {
    const database = await createTestDatabase();
    const fresh = createPgPool({ url: database.url, size: 1 });
    try {
      await migratePostgres(fresh);
      expect(await readSearchStatistics(fresh)).toBeUndefined();
      expect(chooseTextPlan(terms("sej"), undefined, TEXT_SCAN_LIMIT)).toBe(
        "index",
      );
    } finally {
      await fresh.end();
      await database.drop();
    }
  });

  it("are cached per database until the period ends", async () => {
    let now = 0;
    const cached = createSearchStatisticsCache(1000, () => now);
    const first = cached(pool);
    expect(cached(pool)).toBe(first);
    now = 1000;
    const second = cached(pool);
    expect(second).not.toBe(first);
    expect((await second)!.rows).toBe(ROWS);
    expect(await first).toEqual(await second);
  });
});

describe("the estimate of a search", () => {
  const stats: SearchStatistics = {
    rows: 1_000_000,
    allVisible: 1,
    frequencies: new Map([
      ["sejour", 0.4],
      ["sejours", 0.3],
      ["seance", 0.5],
      ["bonjour", 0.2],
      ["1", 0.1],
    ]),
    rare: 0.0005,
    departments: new Map(
      Array.from({ length: 90 }, (_, i) => [String(i + 10), 0.01]),
    ),
  };

  it("sums the lexemes a prefix begins, capped at 1, and multiplies the terms", () => {
    expect(searchSelectivity(terms("sej"), stats)).toBeCloseTo(0.7);
    expect(searchSelectivity(terms("se"), stats)).toBe(0.0005);
    expect(searchSelectivity(terms("sea sej"), stats)).toBeCloseTo(0.35);
    expect(searchSelectivity({ terms: ["s"], prefixes: [true] }, stats)).toBe(
      1,
    );
    expect(searchSelectivity(terms("sejour"), stats)).toBeCloseTo(0.7);
    expect(searchSelectivity(terms("zephyr"), stats)).toBe(0.0005);
  });

  it("cuts a word as snu_search_query does, the prefix on its last token", () => {
    expect(searchTokens("sœur")).toEqual(["soeur"]);
    expect(searchTokens("½")).toEqual(["1", "2"]);
    // « ½ » is one letter: a whole word, both tokens exact — « 1 » listed (0.1), « 2 » not (rare).
    expect(searchSelectivity(terms("½"), stats)).toBeCloseTo(0.1 * 0.0005);
  });

  it("walks for a common search, reads the index for a rare one", () => {
    expect(chooseTextPlan(terms("sej"), stats, 5000)).toBe("walk");
    expect(chooseTextPlan(terms("con bon"), stats, 5000)).toBe("index");
    expect(chooseTextPlan(terms("zephyr"), stats, 5000)).toBe("index");
  });

  it("reads a referent's départements when matches are too rare to walk to and the index reads much", () => {
    // 0.7 % of the rows match: walking to 5,000 of them reads 70 % of the table for an agent, the index
    // reads 1.5 M posting entries; a référent's one département is 1 % of the rows.
    const common = terms("sej sea bon 1");
    expect(chooseTextPlan(common, stats, 5000)).toBe("index");
    expect(chooseTextPlan(common, stats, 5000, ["75"])).toBe("departments");
    // A word absent from the statistics: the index, referent or not.
    expect(chooseTextPlan(terms("zephyr"), stats, 5000, ["75"])).toBe("index");
  });

  it("prices a referent's rows higher when the table is not vacuumed: they are read from it", () => {
    const three = ["10", "11", "12"];
    const text = terms("zephyr sej");
    expect(chooseTextPlan(text, stats, 5000, three)).toBe("departments");
    expect(chooseTextPlan(text, { ...stats, allVisible: 0 }, 5000, three)).toBe(
      "index",
    );
  });

  it("costs the index by the words it is given: a common prefix left out of them costs it nothing", () => {
    // « sej » (70 % of the rows) is not given to the index, only tested on the rows « zephyr » leaves:
    // ≈ 500 entries and rows, against the 30,000 rows of three départements.
    const three = ["10", "11", "12"];
    const text = terms("zephyr sej");
    expect(chooseTextPlan(text, stats, 5000, three)).toBe("departments");
    expect(
      chooseTextPlan(text, stats, 5000, three, {
        kind: "words",
        query: "('zephyr')",
        shares: [0.0005],
      }),
    ).toBe("index");
  });
});

describe("the text window on the analysed table", () => {
  const explain = async (scope: Scope, q: string, plan: TextWindowPlan) => {
    const { sql, values } = textWindowQuery(scope, terms(q), undefined, plan);
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN ${sql}`,
      values,
    );
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  };

  it("chooses the walk for a common prefix and the GIN index for a rare word", async () => {
    const stats = await readSearchStatistics(pool);
    expect(chooseTextPlan(terms("sej"), stats, TEXT_SCAN_LIMIT)).toBe("walk");
    expect(chooseTextPlan(terms("sejour7"), stats, TEXT_SCAN_LIMIT)).toBe(
      "index",
    );
    expect(chooseTextPlan(terms("zephyr"), stats, TEXT_SCAN_LIMIT)).toBe(
      "index",
    );
  });

  it("walks the primary key backwards in the walk form; the other is the GIN operator", async () => {
    const walk = await explain(ALL, "sej", "walk");
    expect(walk).toContain("Index Scan Backward using requests_pkey");
    expect(walk).not.toContain("requests_search");
    expect(await explain(REFERENT, "sej", "walk")).not.toContain(
      "requests_search",
    );
    // The planner's own choice (on 30,000 small rows, a sequential scan may beat the index), on `@@`.
    expect(await explain(ALL, "zephyr", "index")).toContain("search @@");
    // A referent's départements read first (here half the rows: the whole table), then tested and sorted:
    // never the primary key walked newest first.
    const departments = await explain(REFERENT, "sej bon", "departments");
    expect(departments).toMatch(
      /Subquery Scan on scoped[^]*Filter: ts_match_vq[^]*department = ANY/,
    );
    expect(departments).not.toContain("requests_pkey");
  });

  it.each([
    ["a common prefix", ALL, "sej", undefined],
    ["a common prefix, older than a cursor", ALL, "sej", 20_000],
    ["a common prefix for a referent", REFERENT, "sej", undefined],
    ["a referent, older than a cursor", REFERENT, "sej bon", 12_345],
    ["a whole word", ALL, "sejour7", undefined],
    ["a rare word", ALL, "zephyr", undefined],
    ["words unaccent folds or splits", REFERENT, "sœur ½", undefined],
    ["two-letter words", ALL, "se bo", undefined],
  ] as const)(
    "is the same whichever form reads it: %s",
    async (_name, scope, q, before) => {
      const read = (plan?: TextWindowPlan) =>
        readTextWindow(pool, scope, { q }, before, plan);
      const [walk, departments, index, chosen] = await Promise.all([
        read("walk"),
        read("departments"),
        read("index"),
        read(),
      ]);
      expect(walk).toEqual(index);
      expect(departments).toEqual(index);
      expect(chosen).toEqual(index);
      // Not vacuous: newest first, below the cursor, at most the window's size.
      expect(index!.length).toBeLessThanOrEqual(TEXT_SCAN_LIMIT);
      if (q.startsWith("sej")) expect(index!.length).toBeGreaterThan(0);
      expect(index).toEqual([...index!].sort((a, b) => b - a));
      if (before !== undefined)
        expect(index!.every((id) => id < before)).toBe(true);
    },
  );

  it("is read once for calls at the same time (a page and its counts), again for a later call", async () => {
    let windows = 0;
    // The pool as the inbox uses it, counting the window's statements.
    const counting = {
      query: (sql: string, values?: unknown[]) => {
        if (/LIMIT \$\d+$/.test(sql.trim())) windows++;
        return pool.query(sql, values);
      },
    } as unknown as pg.Pool;
    const read = (before?: number) =>
      readTextWindow(counting, REFERENT, { q: "sej bon" }, before);
    const [a, b] = await Promise.all([read(), read()]);
    expect(windows).toBe(1);
    expect(b).toEqual(a);
    expect(a!.length).toBeGreaterThan(0);
    expect(await read()).toEqual(a);
    expect(windows).toBe(2);
    // Another cursor is another window.
    await Promise.all([read(), read(20_000)]);
    expect(windows).toBe(4);
  });

  it("finds the rows expected: the newest 5,000 of a common prefix, the 3 of a rare word", async () => {
    const newest = Array.from({ length: TEXT_SCAN_LIMIT }, (_, i) => ROWS - i);
    expect(await readTextWindow(pool, ALL, { q: "sej" }, undefined)).toEqual(
      newest,
    );
    expect(await readTextWindow(pool, ALL, { q: "zephyr" }, undefined)).toEqual(
      [30_000, 20_000, 10_000],
    );
  });
});
