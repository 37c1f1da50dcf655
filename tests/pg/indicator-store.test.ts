import type pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type { RequestStatus } from "../../api/contract/request-statuses.ts";
import type { Scope } from "../../api/store/support-types.ts";
import {
  migratePostgres,
  PG_MIGRATIONS,
} from "../../api/store/pg/pg-migrations.ts";
import { createPostgresIndicatorStore } from "../../api/store/pg/pg-indicator-store.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { createMemoryStore } from "../../api/store/memory-store.ts";
import { durationBucket } from "../../api/store/sqlite-indicator-functions.ts";
import {
  addDays,
  addWorkingDays,
  isWorkingDay,
  parisDay,
} from "../../api/store/working-days.ts";
import {
  ALL,
  APRIL,
  MAY,
  REFERENT_75,
  RETENTION_BEFORE,
  seedIndicators,
  sorted,
} from "../support/indicator-store-seed.ts";
import { runIndicatorStoreContract } from "../support/indicator-store-contract.ts";
import { createPgAppStore } from "../support/pg-app-store.ts";
import {
  createTestDatabase,
  holdLocks,
  truncateTables,
  useMigratedDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";
import { makeSpecRequest } from "../support/support-store-contract.ts";

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

// The same hand-computed answers as the memory and SQLite stores'; départements' durations sorted (as few
// as here) and located through the histogram (as many as a region's over months).
runIndicatorStoreContract("postgresql", async () => {
  await truncateTables(pool);
  return createPgAppStore(pool);
});
runIndicatorStoreContract("postgresql, départements located", async () => {
  await truncateTables(pool);
  return located(pool);
});

/** The store with a few départements' durations always located through the histogram. */
function located(on: pg.Pool): AppStore {
  return {
    ...createPgAppStore(on),
    ...createPostgresIndicatorStore(on, { sortedDepartmentMax: -1 }),
  };
}

describe("postgresql indicators' calendar (migration 7)", () => {
  it("counts working days as working-days.ts does, every day of 2000–2099", async () => {
    const { rows } = await pool.query<{
      day: string;
      working: boolean;
      plus2: string;
    }>(
      `SELECT d::date::text AS day, snu_is_working_day(d::date) AS working,
              snu_add_working_days(d::date, 2)::text AS plus2
       FROM generate_series('2000-01-01'::date, '2099-12-31'::date, '1 day') AS d`,
    );
    expect(rows).toHaveLength(36_525);
    const differing = rows.filter(
      (row) =>
        row.working !== isWorkingDay(row.day) ||
        row.plus2 !== addWorkingDays(row.day, 2),
    );
    expect(differing).toEqual([]);
  });

  it("gives the Paris day of instants around the changes of time, whatever the server's zone", async () => {
    // Every 15 minutes of the last weekends of March and October, 2024–2030, and of a few New Year's Eves.
    const instants: string[] = [];
    for (let year = 2024; year <= 2030; year++)
      for (const start of [`${year}-03-24`, `${year}-10-24`, `${year}-12-31`])
        for (let q = 0; q < 8 * 24 * 4; q++)
          instants.push(
            new Date(
              Date.parse(`${start}T00:00:00Z`) + q * 900_000,
            ).toISOString(),
          );
    const { rows } = await pool.query<{ day: string }>(
      "SELECT snu_paris_day(at)::text AS day FROM unnest($1::timestamptz[]) WITH ORDINALITY AS a (at, i) ORDER BY i",
      [instants],
    );
    expect(rows.map((row) => row.day)).toEqual(instants.map(parisDay));
  });

  it("puts durations in the same buckets as the SQLite store, floored to whole seconds", async () => {
    const seconds = [-5, 0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 1000, 86_399];
    for (let bits = 4; bits <= 40; bits++)
      seconds.push(
        2 ** bits - 1,
        2 ** bits,
        2 ** bits + 1,
        3 * 2 ** (bits - 2),
      );
    const { rows } = await pool.query<{ bucket: number }>(
      "SELECT snu_duration_bucket(s) AS bucket FROM unnest($1::bigint[]) WITH ORDINALITY AS a (s, i) ORDER BY i",
      [seconds],
    );
    expect(rows.map((row) => row.bucket)).toEqual(seconds.map(durationBucket));
    const { rows: floored } = await pool.query<{ s: string }>(
      `SELECT snu_seconds_between('2026-05-01T10:00:00.999Z', '2026-05-01T10:00:02.998Z')::text AS s
       UNION ALL SELECT snu_seconds_between('2026-05-01T10:00:02Z', '2026-05-01T10:00:00.500Z')::text`,
    );
    expect(floored.map((row) => row.s)).toEqual(["1", "-2"]);
  });
});

describe("postgresql indicators, several instances", () => {
  const pools: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  const instance = () => {
    const own = createPgPool({ url: database.url, size: 2 });
    pools.push(own);
    return createPgAppStore(own);
  };
  beforeEach(async () => {
    await truncateTables(pool);
  });

  const create = (store: AppStore, at: string) =>
    store.createRequest(makeSpecRequest(), new Date(at));
  const pending = async () =>
    (
      await pool.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM indicator_pending",
      )
    ).rows[0]!.n;
  const day = { from: "2026-05-04", to: "2026-05-04" };

  it("appends one fact per request received, folded once when two instances read at once", async () => {
    const [a, b] = [instance(), instance()];
    for (let i = 0; i < 20; i++)
      await create(i % 2 ? a : b, "2026-05-04T08:00:00Z");
    expect(await pending()).toBe(20);
    const [fromA, fromB] = await Promise.all([
      a.requestFigures(ALL, day, {}),
      b.requestFigures(ALL, day, {}),
    ]);
    expect([fromA.received, fromA.backlog]).toEqual([20, 20]);
    expect(fromB).toEqual(fromA);
    expect(await pending()).toBe(0);
    expect((await a.requestFigures(ALL, day, {})).received).toBe(20);
  });

  it("adds the widget's counters of several instances at once, new lines included, each once", async () => {
    const stores = [instance(), instance(), instance()];
    const batch = Array.from({ length: 40 }, (_, i) => ({
      platform: "moncompte" as const,
      route: "/phase1",
      event: "search_empty" as const,
      term: `terme ${i}`,
      count: 1,
    }));
    // Each instance sends the same new lines, in its own order, five times at once.
    await Promise.all(
      stores.flatMap((store, k) =>
        Array.from({ length: 5 }, () =>
          store.addWidgetCounts(
            "2026-05-04",
            k % 2 ? [...batch].reverse() : batch,
          ),
        ),
      ),
    );
    const counts = await stores[0]!.widgetCounts(day);
    expect(counts).toHaveLength(40);
    expect(new Set(counts.map((line) => line.count))).toEqual(new Set([15]));
  });

  it("never makes a submission wait for a fold, nor a fold for a submission", async () => {
    const store = instance();
    await create(store, "2026-05-04T08:00:00Z");
    // Another instance in the middle of a fold: a submission goes through meanwhile.
    const fold = await holdLocks(
      pool,
      "LOCK TABLE indicator_folds IN EXCLUSIVE MODE",
    );
    await create(store, "2026-05-04T09:00:00Z");
    await fold.release();
    // A submission not yet committed: a read goes through without it, the next one counts it.
    const submission = await holdLocks(
      pool,
      `INSERT INTO requests (reference, created_at, platform, route, category, subject, message, context)
       VALUES ('SNU-2026-999999', '2026-05-04T10:00:00Z', 'moncompte', '/phase1', 'autre', 'autre', 'Bonjour', '{}')`,
    );
    expect((await store.requestFigures(ALL, day, {})).received).toBe(2);
    await submission.release();
    expect((await store.requestFigures(ALL, day, {})).received).toBe(3);
  });
});

describe("postgresql indicators of data stored before migration 7", () => {
  it("counts what was already there as the triggers count what comes after", async () => {
    const before = await createTestDatabase();
    const old = createPgPool({ url: before.url, size: 2 });
    try {
      // Seeded on the schema of version 6, then migrated; compared with the live store of this file. Both
      // anonymise after the migration: the first replies of requests anonymised before it are lost.
      await migratePostgres(old, {
        migrations: PG_MIGRATIONS.filter((m) => m.version <= 6),
      });
      const oldStore = createPgAppStore(old);
      await seedIndicators(oldStore);
      expect(await migratePostgres(old)).toContain(7);
      await oldStore.anonymiseClosedBefore(RETENTION_BEFORE);

      await truncateTables(pool);
      const live = createPgAppStore(pool);
      await seedIndicators(live);
      await live.anonymiseClosedBefore(RETENTION_BEFORE);

      for (const [scope, range] of [
        [ALL, MAY],
        [ALL, APRIL],
        [REFERENT_75, MAY],
      ] as const) {
        expect(await oldStore.requestFigures(scope, range, {})).toEqual(
          await live.requestFigures(scope, range, {}),
        );
        expect(
          sorted(await oldStore.pageRequestCounts(scope, range, {})),
        ).toEqual(sorted(await live.pageRequestCounts(scope, range, {})));
        expect(await oldStore.weeklySeries(scope, range, {})).toEqual(
          await live.weeklySeries(scope, range, {}),
        );
        expect(
          (await oldStore.latestComments(scope, range, {}, 10)).map(
            ({ reference: _, ...comment }) => comment,
          ),
        ).toEqual(
          (await live.latestComments(scope, range, {}, 10)).map(
            ({ reference: _, ...comment }) => comment,
          ),
        );
      }
      // The figures themselves: those of the contract.
      expect((await oldStore.requestFigures(ALL, MAY, {})).received).toBe(6);
      expect(
        (
          await oldStore.requestFigures(
            ALL,
            { from: addDays(MAY.to, -30), to: MAY.to },
            {},
          )
        ).backlog,
      ).toBe(4);
    } finally {
      await old.end();
      await before.drop();
    }
  });
});

describe("postgresql indicators, facts out of order and folded in small batches", () => {
  it("reads what the memory store reads, for every day and for longer periods", async () => {
    await truncateTables(pool);
    const pgStore = createPgAppStore(pool);
    const memory = createMemoryStore();
    const stores = [pgStore, memory];
    const pgLocated = located(pool);
    // mulberry32: the same life every run.
    let seed = 7;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const pick = <T>(items: readonly T[]): T =>
      items[Math.floor(random() * items.length)]!;
    const HOUR = 3_600_000;
    const agents = await Promise.all(
      stores.map(
        async (store) =>
          (
            await store.createUser(
              {
                email: "agent@snu.example",
                displayName: "Sacha Support",
                role: "agent",
                departments: [],
                passwordHash: "x",
              },
              new Date("2026-03-01T00:00:00Z"),
            )
          ).id,
      ),
    );
    // Folds a few facts now and then: rollups written out of day order, in several batches.
    const foldSome = () =>
      random() < 0.3
        ? pool.query("SELECT indicator_fold($1)", [
            1 + Math.floor(random() * 5),
          ])
        : undefined;

    // Requests created in random order over April and May; each lives in its own time, whatever the others.
    for (let i = 0; i < 60; i++) {
      let t =
        Date.parse("2026-04-01T00:00:00Z") +
        Math.floor(random() * 61 * 24) * HOUR +
        Math.floor(random() * 60) * 60_000;
      const spec = pick([
        { platform: "moncompte", route: "/phase1", department: "75" },
        {
          platform: "moncompte",
          route: "/inscription/:step",
          department: "13",
        },
        { platform: "moncompte", route: "/phase1", role: null },
        {
          platform: "admin",
          route: "/volontaire/:id",
          role: "referent_department",
          department: "75",
        },
        {
          platform: "admin",
          route: "/volontaire/:id",
          role: "head_center",
          department: null,
        },
      ] as const);
      const refs = await Promise.all(
        stores.map(
          async (store) =>
            (
              await store.createRequest(
                makeSpecRequest(spec),
                new Date(t),
                undefined,
                (reference) => `hash-${reference}-${i}`,
              )
            ).reference,
        ),
      );
      await foldSome();
      const steps = Math.floor(random() * 4);
      let resolved = false;
      for (let step = 0; step < steps; step++) {
        t += (1 + Math.floor(random() * 120)) * HOUR;
        const at = new Date(t);
        const status = pick<RequestStatus | undefined>([
          undefined,
          "in_progress",
          "waiting_user",
          "resolved",
          "resolved",
          "closed",
        ]);
        if (random() < 0.6)
          await Promise.all(
            stores.map((store, k) =>
              store.addReply(
                ALL,
                refs[k]!,
                {
                  actorId: agents[k]!,
                  text: "Bonjour, voici la réponse.",
                  signature: "L'équipe support du SNU",
                  ...(status ? { status } : {}),
                },
                at,
              ),
            ),
          );
        else if (status)
          await Promise.all(
            stores.map(async (store, k) => {
              const detail = await store.getRequestDetail(ALL, refs[k]!);
              if (detail!.status === status) return;
              const result = await store.updateRequest(
                ALL,
                refs[k]!,
                {
                  expectedVersion: detail!.version,
                  actorId: agents[k]!,
                  status,
                },
                at,
              );
              expect(result.ok).toBe(true);
            }),
          );
        resolved ||= status === "resolved";
        await foldSome();
      }
      if (resolved && random() < 0.7) {
        const score = pick([1, 2, 3, 4, 5] as const);
        const comment = random() < 0.5 ? "Merci" : undefined;
        const results = await Promise.all(
          stores.map((_, k) =>
            stores[k]!.rate(
              `hash-${refs[k]}-${i}`,
              { score, ...(comment ? { comment } : {}) },
              new Date(t + HOUR),
            ),
          ),
        );
        expect(results[0]!.ok).toBe(results[1]!.ok);
        await foldSome();
      }
    }

    const ranges = [
      { from: "2026-03-30", to: "2026-07-31" },
      { from: "2026-04-01", to: "2026-04-30" },
      { from: "2026-04-08", to: "2026-05-21" },
      { from: "2026-05-01", to: "2026-05-31" },
    ];
    for (let d = 0; d < 75; d += 1) {
      const day = addDays("2026-04-01", d);
      ranges.push({ from: day, to: day });
    }
    const scopes: Scope[] = [
      ALL,
      REFERENT_75,
      { kind: "departments", departments: ["75", "13"] },
    ];
    for (const range of ranges)
      for (const scope of scopes) {
        const [fromPg, fromMemory, fromLocated] = await Promise.all(
          [...stores, pgLocated].map(async (store) => ({
            figures: await store.requestFigures(scope, range, {}),
            moncompte: await store.requestFigures(scope, range, {
              platform: "moncompte",
              role: "young",
            }),
            pages: sorted(await store.pageRequestCounts(scope, range, {})),
            weeks: await store.weeklySeries(scope, range, {}),
          })),
        );
        expect({ range, scope, ...fromPg }).toEqual({
          range,
          scope,
          ...fromMemory,
        });
        expect(fromLocated).toEqual(fromMemory);
      }
    // Some durations and the backlog really were there to compare.
    const may = await pgStore.requestFigures(ALL, ranges[0]!, {});
    expect(may.resolution.count).toBeGreaterThan(10);
    expect(may.firstResponse.count).toBeGreaterThan(10);
    expect(
      (
        await pgStore.requestFigures(
          ALL,
          { from: "2026-04-01", to: "2026-04-30" },
          {},
        )
      ).backlog,
    ).toBeGreaterThan(0);
  });
});
