import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { searchTermsOf } from "../../api/store/pg/pg-request-filters.ts";
import {
  readTextWindowRows,
  textWindowQuery,
} from "../../api/store/pg/pg-request-text.ts";
import type { Scope } from "../../api/store/support-types.ts";
import { useMigratedDatabase, withDatabaseAt } from "../support/pg-database.ts";

let pool: pg.Pool;
useMigratedDatabase((opened) => ({ pool } = opened));

const REFERENT: Scope = { kind: "departments", departments: ["07"] };

/**
 * Rows as wide as real ones (a context of ≈ 1.5 kB, under the size PostgreSQL moves out of the row), in 20
 * départements, vacuumed: the table's pages are then many more than the index's, as at 1 M requests, where
 * reading a referent's rows from the table cost 145 ms and from requests_by_department_search 9 ms.
 */
beforeAll(async () => {
  // A synchronous commit: the test cluster's are not (pg-cluster.ts), and VACUUM cannot mark a page all-
  // visible while the commit of its rows is not yet on disk.
  await pool.query(
    `BEGIN; SET LOCAL synchronous_commit = on;
     INSERT INTO requests (reference, created_at, platform, route, category, subject, department, message,
                           context, status)
     SELECT 'SNU-2026-' || lpad(g::text, 6, '0'), now() - g * interval '1 minute', 'moncompte', '/', 'c', 's',
            lpad((g % 20)::text, 2, '0'), 'Séjour' || (g % 7) || ' bagages',
            jsonb_build_object('note', repeat(md5(g::text), 48)),
            (ARRAY['new', 'in_progress', 'resolved'])[1 + g % 3]
     FROM generate_series(1, 6000) AS g;
     COMMIT`,
  );
  await pool.query("VACUUM (ANALYZE) requests");
});

describe("a referent's search window (migration 10)", () => {
  it("reads the départements' rows from the index alone, never the table", async () => {
    const { sql, values } = textWindowQuery(
      REFERENT,
      searchTermsOf({ q: "sejour3" })!,
      undefined,
      "departments",
    );
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`,
      values,
    );
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toContain(
      "Index Only Scan using requests_by_department_search",
    );
    expect(plan).toMatch(/Heap Fetches: 0\b/);
  });

  it("gives each request of the window with its status", async () => {
    const window = await readTextWindowRows(
      pool,
      REFERENT,
      { q: "sejour3" },
      undefined,
      "departments",
    );
    const { rows } = await pool.query<{ id: number; status: string }>(
      `SELECT id::integer AS id, status FROM requests
       WHERE department = '07' AND message LIKE 'Séjour3 %' ORDER BY id DESC`,
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(window).toEqual(rows);
  });

  it("stores and finds a request whose vector is too long for a btree entry", async () => {
    // A btree entry holds at most 2,704 bytes: this vector takes ≈ 11,000.
    const { rows: stored } = await pool.query<{ id: number; size: number }>(
      `INSERT INTO requests (reference, created_at, platform, route, category, subject, department, message,
                             context)
       VALUES ('SNU-2026-900001', now(), 'moncompte', '/', 'c', 's', '07', $1, '{}')
       RETURNING id::integer AS id, pg_column_size(search) AS size`,
      [LONG_MESSAGE],
    );
    expect(stored[0]!.size).toBeGreaterThan(2_704);
    const read = (plan: "walk" | "departments" | "index") =>
      readTextWindowRows(
        pool,
        REFERENT,
        { q: "sejour3 x1eef" },
        undefined,
        plan,
      );
    const expected = [{ id: stored[0]!.id, status: "new" }];
    expect(await read("departments")).toEqual(expected);
    expect(await read("walk")).toEqual(expected);
    expect(await read("index")).toEqual(expected);
  });
});

/** 5,000 characters of distinct words, one of them « séjour3 ». */
const LONG_MESSAGE = (
  "Séjour3 " +
  Array.from(
    { length: 800 },
    (_, i) => `x${((i + 1) * 7919).toString(16)}`,
  ).join(" ")
).slice(0, 5_000);

describe("migration 10 on a table that already holds requests", () => {
  it("builds its indexes over a request whose vector is too long for a btree entry", () =>
    withDatabaseAt(9, async (own) => {
      await own.query(
        `INSERT INTO requests (reference, created_at, platform, route, category, subject, department, message,
                               context)
         VALUES ('SNU-2026-900001', now(), 'moncompte', '/', 'c', 's', '07', $1, '{}'),
                ('SNU-2026-900002', now(), 'moncompte', '/', 'c', 's', '07', 'Séjour3', '{}')`,
        [LONG_MESSAGE],
      );
      expect(await migratePostgres(own)).toEqual([10]);
      const { rows } = await own.query<{ name: string; valid: boolean }>(
        `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index AS i
         JOIN pg_class AS c ON c.oid = i.indexrelid
         WHERE i.indrelid = 'requests'::regclass AND c.relname LIKE 'requests_by_department_%search'
         ORDER BY 1`,
      );
      expect(rows).toEqual([
        { name: "requests_by_department_long_search", valid: true },
        { name: "requests_by_department_search", valid: true },
      ]);
      expect(
        await readTextWindowRows(
          own,
          REFERENT,
          { q: "sejour3" },
          undefined,
          "departments",
        ),
      ).toHaveLength(2);
    }));
});
