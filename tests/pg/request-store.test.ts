import type pg from "pg";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { createPostgresRequestStore } from "../../api/store/pg/pg-request-store.ts";
import { StoreUnavailableError } from "../../api/store/store-faults.ts";
import type { Submission, SubmissionOutcome } from "../../api/store/store.ts";
import { makeNewRequest } from "../support/factories.ts";
import {
  type TestDatabase,
  truncateTables,
  useMigratedDatabase,
  waitingForLocks,
} from "../support/pg-database.ts";
import { runStoreContract } from "../support/store-contract.ts";

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

runStoreContract("postgresql", async () => {
  await truncateTables(pool);
  return createPostgresRequestStore(pool);
});

const NOW = new Date("2026-06-01T12:00:00Z");
const submission = (key: string): Submission => ({
  key,
  fingerprint: `fp-${key}`,
  request: makeNewRequest(),
  now: NOW,
  staleAfterMs: 60_000,
});

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/**
 * Two instances: each its own pool of one connection. A third connection holds a lock (by default on the
 * table of requests, so the first submission stops inside its transaction, key inserted and request not
 * yet, and the second meets its uncommitted key) until `unlock`; both submissions are waiting when this
 * resolves.
 */
async function twoInstancesMidSubmission(
  key: string,
  lock = "LOCK TABLE requests IN EXCLUSIVE MODE",
) {
  const pools = [1, 2].map(() => createPgPool({ url: database.url, size: 1 }));
  const [first, second] = pools.map((p) => createPostgresRequestStore(p));
  const locker = await pool.connect();
  let locked = true;
  const unlock = async () => {
    if (!locked) return;
    locked = false;
    await locker.query("COMMIT");
    locker.release();
  };
  // Whatever the test's outcome, the lock goes and the instances' pools end: the next tests need the table.
  onTestFinished(async () => {
    await unlock();
    await Promise.all(pools.map((p) => p.end()));
  });
  await locker.query("BEGIN");
  await locker.query(lock);
  // Caught at once: the dying connection's test awaits the rejection only later.
  const firstOutcome = settle(first!.submitRequest(submission(key)));
  await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(1));
  const secondOutcome = settle(second!.submitRequest(submission(key)));
  await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
  return { firstOutcome, secondOutcome, unlock };
}

describe("postgresql request store", () => {
  it("gives a second instance posting the same key at once the first one's answer, with one row", async () => {
    await truncateTables(pool);
    const race = await twoInstancesMidSubmission("same-key");
    await race.unlock();
    const { value: first } = (await race.firstOutcome) as {
      value: SubmissionOutcome;
    };
    expect(first.state).toBe("created");
    expect(await race.secondOutcome).toEqual({
      value: {
        state: "completed",
        response: {
          status: 201,
          body: first.state === "created" ? first.created : undefined,
        },
      },
    });
    const store = createPostgresRequestStore(pool);
    expect(await store.countRequests()).toBe(1);
  });

  it("lets the second instance store the request when the first one's connection dies mid-transaction", async () => {
    await truncateTables(pool);
    const race = await twoInstancesMidSubmission("dying-key");
    const { rows } = await pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
       AND query LIKE 'INSERT INTO requests%'`,
    );
    expect(rows).toHaveLength(1);
    await pool.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    expect((await race.firstOutcome) as { error: unknown }).toEqual({
      error: expect.any(StoreUnavailableError),
    });
    await race.unlock();
    expect(await race.secondOutcome).toEqual({
      value: {
        state: "created",
        created: {
          // The dead transaction's number was rolled back with it.
          reference: "SNU-2026-000001",
          createdAt: NOW.toISOString(),
        },
      },
    });
    expect(await createPostgresRequestStore(pool).countRequests()).toBe(1);
  });

  it("lets one instance only take over a stale claim that two meet at once", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    const longAgo = new Date(NOW.getTime() - 120_000);
    await store.claimIdempotencyKey(
      "stale-key",
      "fp-stale-key",
      longAgo,
      60_000,
    );
    // Its row locked, both instances have found the key and wait to read it: neither has taken it over yet.
    const race = await twoInstancesMidSubmission(
      "stale-key",
      "SELECT * FROM idempotency_keys WHERE key = 'stale-key' FOR UPDATE",
    );
    await race.unlock();
    const { value: first } = (await race.firstOutcome) as {
      value: SubmissionOutcome;
    };
    expect(first.state).toBe("created");
    expect(await race.secondOutcome).toEqual({
      value: {
        state: "completed",
        response: {
          status: 201,
          body: first.state === "created" ? first.created : undefined,
        },
      },
    });
    expect(await store.countRequests()).toBe(1);
  });

  it("stores texts PostgreSQL cannot hold (U+0000, a lone surrogate) with U+FFFD in their place", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    const request = makeNewRequest({ message: "Bonjour\u0000 à vous \ud800" });
    request.context.title = "Titre\u0000";
    request.context.custom = { "clé\udc00": "valeur \ud83d" };
    const { reference } = await store.createRequest(request, NOW);
    const stored = await store.getRequest(reference);
    expect(stored?.message).toBe("Bonjour\uFFFD à vous \uFFFD");
    expect(stored?.context.title).toBe("Titre\uFFFD");
    expect(stored?.context.custom).toEqual({ "clé\uFFFD": "valeur \uFFFD" });
  });

  it("ends its pool on close only when it owns it", async () => {
    const owned = createPgPool({ url: database.url, size: 1 });
    await createPostgresRequestStore(owned, { ownsPool: true }).close();
    expect(owned.ended).toBe(true);
    const shared = createPgPool({ url: database.url, size: 1 });
    const store = createPostgresRequestStore(shared);
    await store.close();
    expect(shared.ended).toBe(false);
    await shared.end();
  });
});
