import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type {
  DayRange,
  IndicatorFilter,
} from "../../api/store/indicator-types.ts";
import {
  durationBucket,
  registerIndicatorFunctions,
} from "../../api/store/sqlite-indicator-functions.ts";
import { indicatorReach } from "../../api/store/indicator-periods.ts";
import { createSqlitePercentiles } from "../../api/store/sqlite-indicator-percentiles.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import type { Scope } from "../../api/store/support-types.ts";
import {
  ALL,
  APRIL,
  MAY,
  REFERENT_75,
  seedIndicators,
} from "../support/indicator-store-seed.ts";
import { makeNewRequest } from "../support/factories.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Issue 13, what only the SQLite store has: migration 6 and its backfill, the SQL functions its triggers
// call, and triggers that count a status change whichever code path made it. The figures themselves are the
// shared contract's (indicator-store-contract.ts).

const dir = makeTempDir();
let counter = 0;
const newFile = () => path.join(dir, `db-${++counter}`, "snu-aide.sqlite");
const at = (iso: string) => new Date(iso);

let open: AppStore[] = [];
const openStore = (file: string) => {
  const store = createSqliteStore({ file });
  open.push(store);
  return store;
};
/** The support account whose status changes the tests make. */
const createAgent = (store: AppStore, iso: string) =>
  store.createUser(
    {
      email: "agent@snu.example",
      displayName: "Agent",
      role: "agent",
      departments: [],
      passwordHash: "x",
    },
    at(iso),
  );

/** Stores `request` at `created` and resolves it at `resolvedAt`, through the console's status change. */
async function createResolved(
  store: AppStore,
  agentId: number,
  request: ReturnType<typeof makeNewRequest>,
  created: Date,
  resolvedAt: Date,
) {
  const { reference } = await store.createRequest(request, created);
  const result = await store.updateRequest(
    ALL,
    reference,
    { expectedVersion: 1, actorId: agentId, status: "resolved" },
    resolvedAt,
  );
  expect(result.ok).toBe(true);
}

afterEach(async () => {
  await Promise.all(open.map((store) => store.close()));
  open = [];
});

/** Every request-side answer of the store over a few ranges, scopes and filters (the widget's are not). */
async function snapshot(store: AppStore) {
  const cases: [Scope, DayRange, IndicatorFilter][] = [
    [ALL, APRIL, {}],
    [ALL, MAY, {}],
    [ALL, { from: "2026-03-01", to: "2026-06-30" }, {}],
    [ALL, MAY, { platform: "moncompte" }],
    [ALL, MAY, { role: "none" }],
    [ALL, MAY, { department: "13" }],
    [REFERENT_75, MAY, {}],
    [REFERENT_75, APRIL, { role: "referent_department" }],
  ];
  const answers = [];
  for (const [scope, range, filter] of cases)
    answers.push({
      figures: await store.requestFigures(scope, range, filter),
      pages: await store.pageRequestCounts(scope, range, filter),
      weeks: await store.weeklySeries(scope, range, filter),
      comments: await store.latestComments(scope, range, filter, 10),
    });
  return answers;
}

/**
 * Undoes migrations 6 and 7 as if the file had been written by the code of migration 5 (which never touched
 * them).
 */
function backToMigration5(file: string) {
  const db = new Database(file);
  db.pragma("foreign_keys = OFF");
  const objects = db
    .prepare(
      `SELECT type, name FROM sqlite_master
       WHERE name LIKE 'indicator%' OR name LIKE 'widget_%'
       ORDER BY type = 'table'`,
    )
    .all() as { type: string; name: string }[];
  for (const { type, name } of objects)
    if (!name.startsWith("sqlite_autoindex"))
      db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${name}`);
  db.prepare("DELETE FROM schema_migrations WHERE version >= 6").run();
  const left = db
    .prepare(
      "SELECT count(*) FROM sqlite_master WHERE name LIKE 'indicator%' OR name LIKE 'widget_%'",
    )
    .pluck()
    .get();
  db.close();
  return { dropped: objects.length, left };
}

describe("migrations 6 and 7", () => {
  it("backfills, from the requests, timelines, messages and ratings already stored, the figures its triggers keep", async () => {
    const file = newFile();
    const store = openStore(file);
    await seedIndicators(store);
    const kept = await snapshot(store);
    await store.close();

    // 11 tables, 9 indexes and 9 triggers: migration 6's 8, 7 and 8, then 7's running totals and weekly
    // octaves instead of the department pages, its two indexes and its durations trigger.
    expect(backToMigration5(file)).toEqual({ dropped: 29, left: 0 });
    const migrated = openStore(file);
    expect(await snapshot(migrated)).toEqual(kept);
    // A figure of the backfill by hand: the 12 requests A…L were all received between 3 April and 1 June.
    expect(
      (
        await migrated.requestFigures(
          ALL,
          { from: "2026-03-01", to: "2026-06-30" },
          {},
        )
      ).received,
    ).toBe(12);
  });

  it("keeps counting after its backfill: the triggers add to what it wrote", async () => {
    const file = newFile();
    const store = openStore(file);
    await store.createRequest(makeNewRequest(), at("2026-05-04T08:00:00Z"));
    await store.close();
    backToMigration5(file);
    const migrated = openStore(file);
    await migrated.createRequest(makeNewRequest(), at("2026-05-04T09:00:00Z"));
    const figures = await migrated.requestFigures(
      ALL,
      { from: "2026-05-04", to: "2026-05-04" },
      {},
    );
    // One backfilled, one counted by the trigger; both still new.
    expect([figures.received, figures.backlog]).toEqual([2, 2]);
  });
});

describe("the exact percentiles", () => {
  it("are the same whichever way the durations are read: bucket sorted or walked, départements by day or by bucket", async () => {
    const file = newFile();
    const store = openStore(file);
    await seedIndicators(store);
    const db = new Database(file, { readonly: true });
    registerIndicatorFunctions(db);
    const ways = [
      createSqlitePercentiles(db),
      createSqlitePercentiles(db, {
        sortedBucketMax: 0,
        departmentByDayMax: 0,
      }),
      createSqlitePercentiles(db, {
        sortedBucketMax: Infinity,
        departmentByDayMax: Infinity,
      }),
    ];
    const cases: [Scope, DayRange, IndicatorFilter][] = [
      [ALL, MAY, {}],
      [ALL, { from: "2026-03-01", to: "2026-06-30" }, {}],
      [ALL, MAY, { platform: "moncompte" }],
      [REFERENT_75, { from: "2026-03-01", to: "2026-06-30" }, {}],
      [{ kind: "departments", departments: ["13", "75"] }, MAY, {}],
      [ALL, APRIL, { department: "13" }],
      [
        REFERENT_75,
        { from: "2026-03-01", to: "2026-06-30" },
        { role: "young" },
      ],
      [
        { kind: "departments", departments: ["13", "75"] },
        { from: "2026-03-01", to: "2026-06-30" },
        { platform: "moncompte" },
      ],
      [
        { kind: "departments", departments: ["13", "75"] },
        APRIL,
        { platform: "admin", role: "none" },
      ],
    ];
    try {
      for (const [scope, range, filter] of cases) {
        const figures = await store.requestFigures(scope, range, filter);
        const reach = indicatorReach(scope, filter);
        for (const way of ways) {
          const { within2WorkingDays: _, ...firstResponse } =
            figures.firstResponse;
          expect(
            way.figures("reply", reach, range, firstResponse.count),
          ).toEqual(firstResponse);
          expect(
            way.figures("resolution", reach, range, figures.resolution.count),
          ).toEqual(figures.resolution);
        }
      }
      // The May resolutions of all requests by hand: J 376200, G 487800, I 604800, C 1814400;
      // ranks ⌈4/2⌉ = 2 and ⌈36/10⌉ = 4.
      expect(
        ways[1]!.figures("resolution", indicatorReach(ALL, {}), MAY, 4),
      ).toEqual({ count: 4, median: 487800, p90: 1814400 });
    } finally {
      db.close();
    }
  });

  it("find the rank inside a bucket shared by several durations, some of them out of the period", async () => {
    const file = newFile();
    const store = openStore(file);
    const agent = await createAgent(store, "2026-03-01T00:00:00Z");
    // Resolved after 100 000 s to 101 500 s (all in the bucket of 98 303 to 106 495 s), and after 200 s.
    const resolveAfter = (created: string, seconds: number) =>
      createResolved(
        store,
        agent.id,
        makeNewRequest(),
        at(created),
        new Date(Date.parse(created) + seconds * 1000),
      );
    await resolveAfter("2026-04-06T08:00:00Z", 100_200); // April: out of May
    for (const seconds of [101_500, 100_000, 200, 101_000, 100_500])
      await resolveAfter("2026-05-04T08:00:00Z", seconds);
    const db = new Database(file, { readonly: true });
    registerIndicatorFunctions(db);
    try {
      for (const options of [
        {},
        { sortedBucketMax: 0, departmentByDayMax: 0 },
        { sortedBucketMax: Infinity, departmentByDayMax: Infinity },
      ])
        for (const scope of [ALL, REFERENT_75])
          expect(
            createSqlitePercentiles(db, options).figures(
              "resolution",
              indicatorReach(scope, {}),
              MAY,
              5,
            ),
          ).toEqual({
            // 200, 100000, 100500, 101000, 101500: ranks ⌈5/2⌉ = 3 and ⌈45/10⌉ = 5.
            count: 5,
            median: 100500,
            p90: 101500,
          });
    } finally {
      db.close();
    }
  });
});

describe("the widget's counters", () => {
  it("name the lines another connection to the file added after this one last read them", async () => {
    const file = newFile();
    const writer = openStore(file);
    const reader = openStore(file);
    const week = { from: "2026-05-04", to: "2026-05-10" };
    await writer.addWidgetCounts("2026-05-04", [
      {
        platform: "moncompte",
        route: "/phase1",
        event: "panel_open",
        count: 2,
      },
    ]);
    expect(await reader.widgetCounts(week)).toEqual([
      {
        platform: "moncompte",
        route: "/phase1",
        event: "panel_open",
        count: 2,
      },
    ]);
    await writer.addWidgetCounts("2026-05-05", [
      {
        platform: "moncompte",
        route: "/phase1",
        event: "search_empty",
        term: "valise",
        count: 3,
      },
      {
        platform: "moncompte",
        route: "/phase1",
        event: "panel_open",
        count: 1,
      },
    ]);
    // 2 + 1 openings over the week; the search line is new to the reader.
    expect(
      (await reader.widgetCounts(week)).sort((a, b) =>
        a.event.localeCompare(b.event),
      ),
    ).toEqual([
      {
        platform: "moncompte",
        route: "/phase1",
        event: "panel_open",
        count: 3,
      },
      {
        platform: "moncompte",
        route: "/phase1",
        event: "search_empty",
        term: "valise",
        count: 3,
      },
    ]);
  });
});

describe("the SQL functions of the triggers", () => {
  const db = new Database(":memory:");
  registerIndicatorFunctions(db);
  const sql = (query: string) => db.prepare(`SELECT ${query}`).pluck().get();

  it("gives the Paris day of an instant, on both sides of the clock changes", () => {
    // 29 March 2026: 01:00 UTC becomes summer time (UTC+2). 25 October 2026: back to UTC+1.
    expect(sql("snu_paris_day('2026-03-28T23:30:00.000Z')")).toBe("2026-03-29");
    expect(sql("snu_paris_day('2026-03-29T21:59:59.999Z')")).toBe("2026-03-29");
    expect(sql("snu_paris_day('2026-03-29T22:00:00.000Z')")).toBe("2026-03-30");
    expect(sql("snu_paris_day('2026-10-24T22:30:00.000Z')")).toBe("2026-10-25");
    expect(sql("snu_paris_day('2026-10-25T22:30:00.000Z')")).toBe("2026-10-25");
    expect(sql("snu_paris_day('2026-10-25T23:00:00.000Z')")).toBe("2026-10-26");
    // Not in toISOString's form: no memo, the same answer.
    expect(sql("snu_paris_day('2026-10-25T23:00:00Z')")).toBe("2026-10-26");
  });

  it("gives the Monday of a day, floored seconds and the 2-working-day deadline", () => {
    expect(sql("snu_monday('2026-05-10')")).toBe("2026-05-04"); // a Sunday
    expect(sql("snu_monday('2026-05-11')")).toBe("2026-05-11");
    // 1.999 s floors to 1; a clock set back gives a negative duration, floored too.
    expect(
      sql(
        "snu_seconds('2026-05-04T08:00:00.000Z', '2026-05-04T08:00:01.999Z')",
      ),
    ).toBe(1);
    expect(
      sql(
        "snu_seconds('2026-05-04T08:00:01.500Z', '2026-05-04T08:00:00.000Z')",
      ),
    ).toBe(-2);
    // Received Thursday 7 May 2026; Friday 8 May is a holiday: the deadline is Tuesday 12 May, 23:59 in Paris.
    expect(
      sql(
        "snu_within_2wd('2026-05-07T08:00:00.000Z', '2026-05-12T21:59:00.000Z')",
      ),
    ).toBe(1);
    expect(
      sql(
        "snu_within_2wd('2026-05-07T08:00:00.000Z', '2026-05-12T22:00:00.000Z')",
      ),
    ).toBe(0);
  });

  it("puts durations in buckets that never go down and span at most an eighth of their start", () => {
    // 8 buckets per doubling of seconds + 1, exact below 8 s.
    expect([0, 1, 2, 3, 6, 7, 14, 15].map(durationBucket)).toEqual([
      0, 8, 9, 16, 19, 24, 31, 32,
    ]);
    expect(sql("snu_bucket(86400)")).toBe(durationBucket(86_400));
    const starts = new Map<number, number>();
    const wrong: number[] = [];
    let previous = -1;
    for (let s = 0; s < 5_000_000; s += s < 100_000 ? 1 : 97) {
      const bucket = durationBucket(s);
      if (!starts.has(bucket)) starts.set(bucket, s);
      const start = starts.get(bucket)!;
      if (bucket < previous || s - start > (start + 1) / 8) wrong.push(s);
      previous = bucket;
    }
    expect(wrong).toEqual([]);
    expect(starts.size).toBeGreaterThan(150);
    // Around every power of two up to 2^40 seconds (35 000 years), too.
    for (let k = 1; k <= 40; k++)
      for (const s of [2 ** k - 3, 2 ** k - 2, 2 ** k - 1, 2 ** k])
        expect(durationBucket(s + 1) >= durationBucket(s)).toBe(true);
  });

  it("is required: a connection without them cannot write a request, rather than missing it", async () => {
    const file = newFile();
    openStore(file);
    const raw = new Database(file);
    try {
      expect(() =>
        raw
          .prepare(
            `INSERT INTO requests (reference, created_at, platform, route, category, subject, message, context)
             VALUES ('SNU-2026-999999', '2026-05-04T08:00:00.000Z', 'moncompte', '/', 'QUESTION', 'OTHER', 'm', '{}')`,
          )
          .run(),
      ).toThrow(/no such function: snu_paris_day/);
    } finally {
      raw.close();
    }
  });
});

describe("status changes", () => {
  it("are counted whichever code path makes them: console change, reply, requester's answer, automation", async () => {
    const store = openStore(newFile());
    const agent = await createAgent(store, "2026-03-01T00:00:00Z");
    const create = async (name: string) =>
      (
        await store.createRequest(
          makeNewRequest(),
          at("2026-03-02T08:00:00Z"),
          undefined,
          () => `hash-${name}`,
        )
      ).reference;
    const r1 = await create("r1");
    const r2 = await create("r2");
    const r3 = await create("r3");
    const reply = (
      reference: string,
      iso: string,
      status: "waiting_user" | "resolved",
    ) =>
      store.addReply(
        ALL,
        reference,
        { actorId: agent.id, text: "Réponse", signature: "Agent", status },
        at(iso),
      );
    const change = async (
      reference: string,
      iso: string,
      status: "in_progress" | "resolved",
    ) => {
      const detail = await store.getRequestDetail(ALL, reference);
      const result = await store.updateRequest(
        ALL,
        reference,
        { expectedVersion: detail!.version, actorId: agent.id, status },
        at(iso),
      );
      expect(result.ok).toBe(true);
    };
    const day = (d: string) =>
      store.requestFigures(ALL, { from: d, to: d }, {});

    // R1 through the console: in progress (still open), then resolved the next day (Paris = UTC+1).
    await change(r1, "2026-03-02T09:00:00Z", "in_progress");
    await change(r1, "2026-03-03T08:00:00Z", "resolved");
    // R2 by replies, with the requester's answers in between; the last one reopens it.
    await reply(r2, "2026-03-02T10:00:00Z", "waiting_user");
    await store.addAnswer("hash-r2", "Voici", at("2026-03-03T07:00:00Z"));
    await reply(r2, "2026-03-04T08:00:00Z", "resolved");
    await store.addAnswer("hash-r2", "Encore", at("2026-03-05T08:00:00Z"));
    // R3 waits for the requester, who never answers: resolved by the automation 18 days later.
    await reply(r3, "2026-03-02T11:00:00Z", "waiting_user");
    const automation = await store.runFollowUpAutomation(
      at("2026-03-20T08:00:00Z"),
      { reminderDays: 7, autoResolveDays: 14 },
    );
    expect(automation.resolved).toEqual([r3]);

    // Each path, on its own day: console (R1), reply (R2), answer reopening (R2 back in the backlog),
    // automation (R3).
    expect((await day("2026-03-03")).handled).toBe(1);
    expect((await day("2026-03-04")).handled).toBe(1);
    expect((await day("2026-03-04")).backlog).toBe(1); // R3 waiting
    expect((await day("2026-03-05")).backlog).toBe(2); // R3 waiting, R2 reopened
    expect((await day("2026-03-20")).handled).toBe(1);

    const march = await store.requestFigures(
      ALL,
      { from: "2026-03-01", to: "2026-03-31" },
      {},
    );
    expect(march).toEqual({
      received: 3,
      handled: 3,
      backlog: 1, // R2, reopened
      // First replies: R2 2 h = 7200, R3 3 h = 10800 (R1 got none); ranks ⌈2/2⌉ = 1 and ⌈18/10⌉ = 2.
      firstResponse: {
        count: 2,
        median: 7200,
        p90: 10800,
        within2WorkingDays: 1,
      },
      // Resolutions: R1 1 d = 86400, R2 2 d = 172800, R3 18 d = 1555200; ranks ⌈3/2⌉ = 2, ⌈27/10⌉ = 3.
      resolution: { count: 3, median: 172800, p90: 1555200 },
      satisfaction: { answers: 0, satisfied: 0, resolutions: 3 },
    });
  });
});

describe("migration 7's running totals of the départements", () => {
  it("are corrected when a fact arrives for a day before the latest one kept (an instance whose clock is behind)", async () => {
    const file = newFile();
    const store = openStore(file);
    const agent = await createAgent(store, "2026-05-01T08:00:00Z");
    // Three requests of one page line of département 75, created on 6, then 4, then 5 May, each resolved
    // the next day at 09:00 in the same order (so also 7, then 5, then 6 May): after 2 days, 1 day, 1 day.
    const resolved: [string, string][] = [
      ["2026-05-06T08:00:00Z", "2026-05-08T09:00:00Z"],
      ["2026-05-04T08:00:00Z", "2026-05-05T09:00:00Z"],
      ["2026-05-05T08:00:00Z", "2026-05-06T09:00:00Z"],
    ];
    for (const [created, resolvedAt] of resolved)
      await createResolved(
        store,
        agent.id,
        makeNewRequest(),
        at(created),
        at(resolvedAt),
      );
    const pageCount = async (from: string, to: string) =>
      (await store.pageRequestCounts(REFERENT_75, { from, to }, {})).map(
        (line) => line.count,
      );
    expect(await pageCount("2026-05-06", "2026-05-06")).toEqual([1]);
    expect(await pageCount("2026-05-05", "2026-05-06")).toEqual([2]);
    expect(await pageCount("2026-05-04", "2026-05-06")).toEqual([3]);
    expect(await pageCount("2026-05-07", "2026-05-31")).toEqual([]);

    // The resolutions through the running totals (every départements' period read that way).
    const db = new Database(file, { readonly: true });
    registerIndicatorFunctions(db);
    try {
      const byTotals = createSqlitePercentiles(db, { departmentByDayMax: 0 });
      const reach = indicatorReach(REFERENT_75, {});
      // 8 May: the first one, 2 days and 1 h = 176400 s.
      expect(byTotals.figures("resolution", reach, MAY_8, 1)).toEqual({
        count: 1,
        median: 176400,
        p90: 176400,
      });
      // 5–8 May: 90000, 90000, 176400 s; ranks 2 and 3.
      expect(
        byTotals.figures(
          "resolution",
          reach,
          { from: "2026-05-05", to: "2026-05-08" },
          3,
        ),
      ).toEqual({ count: 3, median: 90000, p90: 176400 });
    } finally {
      db.close();
    }
  });
});

const MAY_8: DayRange = { from: "2026-05-08", to: "2026-05-08" };

describe("the counters read once per answer", () => {
  it("are read again after a write of this connection or a commit of another, even in the same turn", async () => {
    const file = newFile();
    const store = openStore(file);
    const day = { from: "2026-05-04", to: "2026-05-04" };
    const received = async () =>
      (await store.requestFigures(ALL, day, {})).received;
    await store.createRequest(makeNewRequest(), at("2026-05-04T08:00:00Z"));
    expect(await received()).toBe(1);
    await store.createRequest(makeNewRequest(), at("2026-05-04T09:00:00Z"));
    expect(await received()).toBe(2);
    const other = createSqliteStore({ file });
    open.push(other);
    await other.createRequest(makeNewRequest(), at("2026-05-04T10:00:00Z"));
    expect(await received()).toBe(3);
  });
});

describe("the weekly medians of départements", () => {
  it("find the median inside its octave of the week, without the other départements' durations", async () => {
    const file = newFile();
    const store = openStore(file);
    const agent = await createAgent(store, "2026-05-01T08:00:00Z");
    const base = makeNewRequest();
    const inDepartment = (department: string) =>
      makeNewRequest({
        context: {
          ...base.context,
          identity: { ...base.context.identity!, department },
        },
      });
    const created = at("2026-05-11T06:00:00Z"); // Monday 08:00 in Paris
    const resolveAfter = (department: string, seconds: number) =>
      createResolved(
        store,
        agent.id,
        inDepartment(department),
        created,
        new Date(created.getTime() + seconds * 1000),
      );
    // Département 75: seven resolutions in the week of 11 May, over several octaves; 13: two short ones.
    for (const seconds of [200000, 600, 5000, 1200, 90000, 3000, 40000])
      await resolveAfter("75", seconds);
    for (const seconds of [10, 20]) await resolveAfter("13", seconds);
    const week = { from: "2026-05-11", to: "2026-05-17" };
    // 75 sorted: 600, 1200, 3000, 5000, 40000, 90000, 200000 — rank ⌈7/2⌉ = 4: 5000.
    expect(
      (await store.weeklySeries(REFERENT_75, week, {}))[0]!.resolutionMedian,
    ).toBe(5000);
    // Both: 10, 20, 600, 1200, 3000, 5000, 40000, 90000, 200000 — rank ⌈9/2⌉ = 5: 3000.
    expect(
      (
        await store.weeklySeries(
          { kind: "departments", departments: ["13", "75"] },
          week,
          {},
        )
      )[0]!.resolutionMedian,
    ).toBe(3000);
    // Filtered on another platform: none.
    expect(
      (await store.weeklySeries(REFERENT_75, week, { platform: "admin" }))[0]!
        .resolutionMedian,
    ).toBe(null);
  });
});
