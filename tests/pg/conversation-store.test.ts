import type pg from "pg";
import { beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type { OutboxMail } from "../../api/store/conversation-types.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { runConversationStoreContract } from "../support/conversation-store-contract.ts";
import { createPgAppStore } from "../support/pg-app-store.ts";
import {
  holdLocks as holdLocksOf,
  type TestDatabase,
  truncateTables,
  useMigratedDatabase,
  waitingForLocks,
} from "../support/pg-database.ts";
import { makeSpecRequest } from "../support/support-store-contract.ts";

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

runConversationStoreContract("postgresql", async () => {
  await truncateTables(pool);
  return createPgAppStore(pool);
});

const ALL = { kind: "all" } as const;
const DAY = 86_400_000;
const START = new Date("2026-06-01T08:00:00Z");
const later = (ms: number) => new Date(START.getTime() + ms);

/** Two instances: two stores, each on its own pool, on the test's database; ended with the test. */
function twoInstances(): [AppStore, AppStore] {
  const pools = [1, 2].map(() => createPgPool({ url: database.url, size: 2 }));
  onTestFinished(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  return [createPgAppStore(pools[0]!), createPgAppStore(pools[1]!)];
}

/** A third connection holding the row locks `sql` takes (tests/support/pg-database.ts). */
const holdLocks = (sql: string, values: unknown[] = []) =>
  holdLocksOf(pool, sql, values);

describe("postgresql conversation store, several instances", () => {
  let agentId: number;
  beforeEach(async () => {
    await truncateTables(pool);
    agentId = (
      await createPgAppStore(pool).createUser(
        {
          email: "agent@snu.example",
          displayName: "Sacha Support",
          role: "agent",
          departments: [],
          passwordHash: "x",
        },
        START,
      )
    ).id;
  });

  /** `count` requests, each with a reply (and its e-mail) leaving it in `status`, replied at `at`. */
  async function repliedRequests(
    store: AppStore,
    count: number,
    at: Date,
    status?: "waiting_user" | "resolved",
  ) {
    const references: string[] = [];
    for (let i = 0; i < count; i++) {
      const { reference } = await store.createRequest(
        makeSpecRequest(),
        START,
        undefined,
        (ref) => `hash-${ref}`,
      );
      await store.addReply(
        ALL,
        reference,
        {
          actorId: agentId,
          text: `Réponse ${i}`,
          signature: "L'équipe support du SNU",
          ...(status ? { status } : {}),
        },
        at,
      );
      references.push(reference);
    }
    return references;
  }

  it("gives each due e-mail to one of two instances claiming at once, and every one to one of them", async () => {
    const [a, b] = twoInstances();
    await repliedRequests(a, 60, START);
    const claim = (store: AppStore) =>
      store.claimDueMails(later(1000), 20, 600_000);
    const claimRest = async (store: AppStore, first: OutboxMail[]) => {
      const taken = [...first];
      for (let batch = first; batch.length; taken.push(...batch))
        batch = await claim(store);
      return taken;
    };
    // Both first claims wait behind a lock on a table they read, and then run together.
    const gate = await holdLocks(
      "LOCK TABLE requests IN ACCESS EXCLUSIVE MODE",
    );
    const firsts = Promise.all([claim(a), claim(b)]);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
    await gate.release();
    const [firstA, firstB] = await firsts;
    // Both were served by claims that ran at the same moment.
    expect(firstA.length).toBeGreaterThan(0);
    expect(firstB.length).toBeGreaterThan(0);
    const [byA, byB] = await Promise.all([
      claimRest(a, firstA),
      claimRest(b, firstB),
    ]);
    const ids = [...byA, ...byB].map((mail) => mail.id);
    expect(new Set(ids).size).toBe(ids.length);
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id::integer AS id FROM mail_outbox ORDER BY id",
    );
    expect(rows).toHaveLength(60);
    expect(ids.sort((x, y) => x - y)).toEqual(rows.map((row) => row.id));
    // Each was taken once: one attempt each.
    expect(new Set([...byA, ...byB].map((mail) => mail.attempts))).toEqual(
      new Set([1]),
    );
  });

  it("skips the e-mails another instance is leasing instead of waiting for them, and never retakes them", async () => {
    const [, b] = twoInstances();
    await repliedRequests(b, 6, START);
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id::integer AS id FROM mail_outbox ORDER BY id",
    );
    const leased = rows.slice(0, 3).map((row) => row.id);
    // What an instance's claim does to its rows, left uncommitted: they stay locked meanwhile.
    const other = await holdLocks(
      `UPDATE mail_outbox SET next_attempt_at = $2, attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
      [leased, later(600_000)],
    );
    const taken = await b.claimDueMails(later(1000), 10, 600_000);
    expect(taken.map((mail) => mail.id)).toEqual(
      rows.slice(3).map((row) => row.id),
    );
    await other.release();
    expect(await b.claimDueMails(later(2000), 10, 600_000)).toEqual([]);
    // Once the other's lease is over they are due again, each taken once more.
    const again = await b.claimDueMails(later(600_500), 10, 600_000);
    expect(again.map((mail) => [mail.id, mail.attempts])).toEqual(
      leased.map((id) => [id, 2]),
    );
  });

  it("reminds and resolves each request once when two instances run the follow-ups at once", async () => {
    const [a, b] = twoInstances();
    const toResolve = await repliedRequests(a, 15, START, "waiting_user");
    const toRemind = await repliedRequests(
      a,
      15,
      later(10 * DAY),
      "waiting_user",
    );
    const now = later(15 * DAY);
    const days = { reminderDays: 5, autoResolveDays: 14 };
    const runs = await Promise.all([
      a.runFollowUpAutomation(now, days),
      b.runFollowUpAutomation(now, days),
      a.runFollowUpAutomation(now, days),
      b.runFollowUpAutomation(now, days),
    ]);
    const reminded = runs.flatMap((run) => run.reminded);
    const resolved = runs.flatMap((run) => run.resolved);
    expect(reminded.sort()).toEqual(toRemind.sort());
    expect(resolved.sort()).toEqual(toResolve.sort());
    const { rows } = await pool.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::integer AS n FROM mail_outbox WHERE kind <> 'reply'
       GROUP BY kind, request_id HAVING count(*) > 1`,
    );
    expect(rows).toEqual([]);
    const events = await pool.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM request_events WHERE data->>'auto' = 'true'",
    );
    expect(events.rows[0]!.n).toBe(30);
  });

  it("leaves a request another transaction holds to the next pass, where one instance of two takes it", async () => {
    const [a, b] = twoInstances();
    const [held, free] = await repliedRequests(a, 2, START, "waiting_user");
    const now = later(6 * DAY);
    const days = { reminderDays: 5, autoResolveDays: 14 };
    // E.g. a console change in progress on another instance.
    const change = await holdLocks(
      "SELECT id FROM requests WHERE reference = $1 FOR UPDATE",
      [held],
    );
    // Neither waits for the held row (the test would time out), and the free one is reminded once.
    const first = await Promise.all([
      a.runFollowUpAutomation(now, days),
      b.runFollowUpAutomation(now, days),
    ]);
    expect(first.flatMap((run) => run.reminded)).toEqual([free]);
    await change.release();
    const next = await Promise.all([
      a.runFollowUpAutomation(later(6 * DAY + 1000), days),
      b.runFollowUpAutomation(later(6 * DAY + 1000), days),
    ]);
    expect(next.flatMap((run) => run.reminded)).toEqual([held]);
    expect(
      (await a.getRequestDetail(ALL, held!))!.events.filter(
        (event) => event.type === "reminder",
      ),
    ).toHaveLength(1);
  });

  it("keeps one rating per request when two instances take the first one at once", async () => {
    const [a, b] = twoInstances();
    const [reference] = await repliedRequests(a, 1, START, "resolved");
    // Both ratings wait behind a change of the request, then go on together: neither has seen the other's.
    const change = await holdLocks(
      "SELECT id FROM requests WHERE reference = $1 FOR UPDATE",
      [reference],
    );
    const both = Promise.all([
      a.rate(`hash-${reference}`, { score: 4 }, later(1000)),
      b.rate(`hash-${reference}`, { score: 2, comment: "Lent" }, later(2000)),
    ]);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
    await change.release();
    const results = await both;
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    const { rows } = await pool.query<{ at: Date; score: number }>(
      "SELECT at, score FROM request_ratings",
    );
    expect(rows).toHaveLength(1);
    // The second became an edit of the first: the first one's date, the second one's score.
    const rating = (await a.getRequestDetail(ALL, reference!))!.rating!;
    expect([rating.at, rating.updatedAt].sort()).toEqual([
      later(1000).toISOString(),
      later(2000).toISOString(),
    ]);
    expect(rating.score).toBe(
      rating.updatedAt === later(2000).toISOString() ? 2 : 4,
    );
  });
});
