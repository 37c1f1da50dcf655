import type pg from "pg";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createPostgresRequestStore } from "../../api/store/pg/pg-request-store.ts";
import { composePostgresStore } from "../../api/store/pg/pg-store.ts";
import { submitBatch } from "../../api/store/pg/pg-submission-batch.ts";
import { transactionOn } from "../../api/store/pg/pg-transaction.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { StoreUnavailableError } from "../../api/store/store-faults.ts";
import type {
  NewRequest,
  Store,
  Submission,
  SubmissionOutcome,
} from "../../api/store/store.ts";
import { makeNewRequest } from "../support/factories.ts";
import {
  holdLocks,
  type TestDatabase,
  truncateTables,
  useMigratedDatabase,
  waitingForLocks,
} from "../support/pg-database.ts";

// Submissions that arrive together share one transaction (pg-group-commit.ts, pg-submission-batch.ts):
// each must still get what it would have got alone.

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

const NOW = new Date("2026-06-01T12:00:00Z");

function submission(
  key: string,
  overrides: Partial<Submission> & { request?: NewRequest } = {},
): Submission {
  return {
    key,
    fingerprint: `fp-${key}`,
    request: makeNewRequest({
      message: `Demande ${key} : le bouton reste grisé.`,
    }),
    now: NOW,
    staleAfterMs: 60_000,
    followUpHash: (reference) => `hash-${reference}`,
    ...overrides,
  };
}

const keys = (count: number, prefix = "k") =>
  Array.from(
    { length: count },
    (_, i) => `${prefix}-${String(i).padStart(3, "0")}`,
  );

type Settled = { value: SubmissionOutcome } | { error: unknown };

/** Every submission given at once, as the requests of one burst reach the store. */
const burst = (store: Store, submissions: Submission[]) =>
  Promise.all(
    submissions.map((s): Promise<Settled> =>
      store.submitRequest(s).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    ),
  );

const createdReference = (settled: Settled | undefined) => {
  if (settled && "value" in settled && settled.value.state === "created")
    return settled.value.created.reference;
  throw new Error(`not created: ${JSON.stringify(settled)}`);
};

/** How many transactions wrote the rows of requests (every row carries its transaction's id, xmin). */
async function writingTransactions(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(DISTINCT xmin::text)::int AS n FROM requests",
  );
  return rows[0]!.n;
}

/** The most rows of requests one transaction wrote. */
async function largestTransaction(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM requests GROUP BY xmin::text) AS t",
  );
  return rows[0]!.n;
}

describe("postgresql submissions arriving together", () => {
  it("stores a burst in a few transactions, each submission with its own number, row and key's answer", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    const given = keys(40).map((key) => submission(key));
    const outcomes = await burst(store, given);

    const references = outcomes.map(createdReference);
    // Numbered in the order their transactions took the year's counter: every number once.
    expect([...references].sort()).toEqual(
      Array.from(
        { length: 40 },
        (_, i) => `SNU-2026-${String(i + 1).padStart(6, "0")}`,
      ),
    );
    // The first two start at once, each alone; the 38 others wait for one of them and go together.
    expect(await writingTransactions()).toBe(3);

    const { rows } = await pool.query<{
      reference: string;
      message: string;
      follow_up_hash: string;
      key: string;
      answered: string;
    }>(
      `SELECT r.reference, r.message, r.follow_up_hash, k.key, k.response->'body'->>'reference' AS answered
       FROM requests r JOIN idempotency_keys k ON k.response->'body'->>'reference' = r.reference
       ORDER BY k.key`,
    );
    expect(rows).toEqual(
      given.map((s, i) => ({
        reference: references[i],
        message: s.request.message,
        follow_up_hash: `hash-${references[i]}`,
        key: s.key,
        answered: references[i],
      })),
    );
    const stored = await store.getRequest(references[30]!);
    expect(stored).toMatchObject({
      email: given[30]!.request.email,
      context: given[30]!.request.context,
      category: "TECHNICAL",
      status: "new",
    });
  });

  it("answers a key already used inside a burst as alone: replayed, refused for another body, or taken over when stale", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    const earlier = await store.submitRequest(submission("done"));
    await store.submitRequest(
      submission("other", { fingerprint: "first body" }),
    );
    await store.claimIdempotencyKey(
      "stale",
      "fp-stale",
      new Date(NOW.getTime() - 120_000),
      60_000,
    );
    await store.claimIdempotencyKey("busy", "fp-busy", NOW, 60_000);

    const given = [
      ...keys(6).map((key) => submission(key)),
      submission("done"),
      submission("other"),
      submission("stale"),
      submission("busy"),
      ...keys(6, "m").map((key) => submission(key)),
    ];
    const outcomes = await burst(store, given);

    expect(outcomes[6]).toEqual({
      value: {
        state: "completed",
        response: {
          status: 201,
          body: earlier.state === "created" ? earlier.created : undefined,
        },
      },
    });
    expect(outcomes[7]).toEqual({ value: { state: "mismatch" } });
    expect(createdReference(outcomes[8])).toMatch(/^SNU-2026-/);
    expect(outcomes[9]).toEqual({ value: { state: "in_progress" } });
    for (const i of [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15])
      createdReference(outcomes[i]);
    // The two earlier ones, 12 new ones and the stale key's.
    expect(await store.countRequests()).toBe(15);
    // The first one or two of the burst went alone, the others together (duplicates' checks included).
    expect(await largestTransaction()).toBeGreaterThanOrEqual(11);
  });

  it("stores a key repeated within one burst once, and gives every repeat that request's answer", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    const given = [
      ...keys(5).map((key) => submission(key)),
      submission("twice"),
      submission("twice"),
      ...keys(5, "m").map((key) => submission(key)),
      submission("twice"),
    ];
    const outcomes = await burst(store, given);
    const repeats = [outcomes[5], outcomes[6], outcomes[12]];
    const created = repeats.filter(
      (o) => o && "value" in o && o.value.state === "created",
    );
    expect(created).toHaveLength(1);
    const reference = createdReference(created[0]);
    for (const repeat of repeats)
      if (repeat !== created[0])
        expect(repeat).toEqual({
          value: {
            state: "completed",
            response: {
              status: 201,
              body: { reference, createdAt: NOW.toISOString() },
            },
          },
        });
    expect(await store.countRequests()).toBe(11);
  });

  it("fails a submission the database refuses alone: the others of its batch are stored", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    // The API never sends it: a context that is not an object, without the columns the table requires.
    const refused = submission("refused", {
      request: {
        ...makeNewRequest(),
        context: ["pas", "un", "objet"] as unknown as NewRequest["context"],
      },
    });
    const given = [...keys(8).map((key) => submission(key)), refused];
    given.push(...keys(8, "m").map((key) => submission(key)));
    const outcomes = await burst(store, given);

    expect(outcomes[8]).toEqual({
      error: expect.objectContaining({
        code: expect.stringMatching(/^23/), // integrity constraint violation
      }),
    });
    const references = outcomes.flatMap((outcome, i) =>
      i === 8 ? [] : [createdReference(outcome)],
    );
    // The failed batch and the refused submission gave their numbers back.
    expect(references.sort()).toEqual(
      Array.from(
        { length: 16 },
        (_, i) => `SNU-2026-${String(i + 1).padStart(6, "0")}`,
      ),
    );
    // Its key stays free: a corrected try may use it.
    const { rows } = await pool.query(
      "SELECT 1 FROM idempotency_keys WHERE key = 'refused'",
    );
    expect(rows).toHaveLength(0);
  });

  it("settles every waiting submission before the pool ends when the whole store closes", async () => {
    await truncateTables(pool);
    const own = createPgPool({ url: database.url, size: 2 });
    const store = composePostgresStore(own);
    const outcomes = burst(
      store,
      keys(30).map((key) => submission(key)),
    );
    await store.close();
    expect(own.ended).toBe(true);
    (await outcomes).forEach(createdReference);
    expect(await createPostgresRequestStore(pool).countRequests()).toBe(30);
  });

  it("stores in a batch exactly what it stores alone: missing fields, quotes, braces, U+0000, lone surrogates", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    const tricky = (): NewRequest => {
      const request = makeNewRequest({
        message: 'Il a écrit "NULL", {a,b}, \\ et \u0000\u0000 fin \ud800.',
      });
      delete (request as { email?: string }).email;
      delete request.context.identity;
      request.context.title = 'Titre "cité" \\ {x}';
      request.context.custom = { "clé\u0000": "valeur\udc00", NULL: "NULL" };
      return request;
    };
    const alone = await store.submitRequest(
      submission("alone", { request: tricky() }),
    );
    const outcomes = await burst(
      store,
      keys(6).map((key) => submission(key, { request: tricky() })),
    );
    // The last ones of the burst shared a transaction.
    expect(await largestTransaction()).toBeGreaterThanOrEqual(4);
    const strip = (reference: string) =>
      store.getRequest(reference).then((stored) => {
        const {
          id,
          reference: _,
          ...rest
        } = stored as unknown as Record<string, unknown>;
        return rest;
      });
    const expected = await strip(createdReference({ value: alone }));
    expect(expected).not.toHaveProperty("email");
    expect(expected).toMatchObject({
      message: 'Il a écrit "NULL", {a,b}, \\ et \uFFFD\uFFFD fin \uFFFD.',
    });
    for (const outcome of outcomes.slice(2))
      expect(await strip(createdReference(outcome))).toEqual(expected);
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM requests WHERE email IS NULL AND department IS NULL AND role IS NULL",
    );
    expect(rows[0].n).toBe(7);
  });

  it("locks the keys it finds in key order: two batches retrying the same keys in opposite orders do not deadlock", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool);
    for (const key of ["x", "y"]) await store.submitRequest(submission(key));
    // Both batches stop on x, held elsewhere; released, one takes x and y, the other waits for its commit.
    const locker = await holdLocks(
      pool,
      "SELECT * FROM idempotency_keys WHERE key = 'x' FOR UPDATE",
    );
    const clients = await Promise.all([pool.connect(), pool.connect()]);
    onTestFinished(() => clients.forEach((client) => client.release()));
    const batch = (client: pg.PoolClient, order: string[]) =>
      transactionOn(client, (c) =>
        submitBatch(
          c,
          order.map((key) => submission(key)),
        ),
      );
    const first = batch(clients[0]!, ["x", "y"]);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(1));
    const second = batch(clients[1]!, ["y", "x"]);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
    await locker.release();
    // Before, y was locked first by the second batch: PostgreSQL cancelled one of them (40P01).
    for (const outcomes of [await first, await second])
      expect(outcomes.map((o) => o.state)).toEqual(["completed", "completed"]);
  });

  it("answers 503 to a submission that waited too long for its turn behind stuck transactions; it stored nothing", async () => {
    await truncateTables(pool);
    const own = createPgPool({ url: database.url, size: 2 });
    onTestFinished(() => own.end());
    const store = createPostgresRequestStore(own, { submissionWaitMs: 300 });
    // Every connection of the instance taken: its two transactions wait for one, the third submission for them.
    const taken = await Promise.all([own.connect(), own.connect()]);
    const outcomes = burst(
      store,
      keys(3).map((key) => submission(key)),
    );
    const early = await Promise.race([
      outcomes.then(() => "all settled"),
      new Promise((resolve) => setTimeout(resolve, 1_000, "still waiting")),
    ]);
    expect(early).toBe("still waiting"); // the first two wait for a connection (5 s)
    for (const client of taken) client.release();
    const [a, b, c] = await outcomes;
    createdReference(a);
    createdReference(b);
    expect(c).toEqual({ error: expect.any(StoreUnavailableError) });
    expect((c as { error: StoreUnavailableError }).error.code).toBe(
      "submissions_queue_timeout",
    );
    // Its key was never claimed: the same try now goes through.
    createdReference({ value: await store.submitRequest(submission("k-002")) });
    expect(await store.countRequests()).toBe(3);
  });

  it("answers 503 to the submission whose key another instance holds too long, and stores the rest of its batch", async () => {
    await truncateTables(pool);
    const store = createPostgresRequestStore(pool, { submissionWaitMs: 300 });
    // Another instance, hung in the middle of its transaction, with the key claimed and not yet committed.
    const hung = await holdLocks(
      pool,
      "INSERT INTO idempotency_keys (key, fingerprint, created_at) VALUES ('held', 'fp-held', now())",
    );
    const given = [
      ...keys(4).map((key) => submission(key)),
      submission("held"),
      ...keys(4, "m").map((key) => submission(key)),
    ];
    const started = performance.now();
    const outcomes = await burst(store, given);
    const elapsed = performance.now() - started;

    expect(outcomes[4]).toEqual({ error: expect.any(StoreUnavailableError) });
    expect((outcomes[4] as { error: StoreUnavailableError }).error.code).toBe(
      "55P03",
    );
    for (const [i, outcome] of outcomes.entries())
      if (i !== 4) createdReference(outcome);
    // The batch waited 300 ms, then each of its submissions ran alone: the held one waited 300 ms again.
    expect(elapsed).toBeLessThan(3_000);
    expect(await waitingForLocks(pool)).toBe(0);
    await hung.release();
    expect(await store.countRequests()).toBe(8);
  });

  it("gives two instances bursting the same keys in opposite orders one row per key and the same answers", async () => {
    await truncateTables(pool);
    const pools = [1, 2].map(() =>
      createPgPool({ url: database.url, size: 3 }),
    );
    onTestFinished(() => Promise.all(pools.map((p) => p.end())).then(() => {}));
    const [first, second] = pools.map((p) => createPostgresRequestStore(p));
    for (let round = 0; round < 5; round++) {
      const shared = keys(30, `r${round}`);
      const [a, b] = await Promise.all([
        burst(
          first!,
          shared.map((key) => submission(key)),
        ),
        burst(
          second!,
          [...shared].reverse().map((key) => submission(key)),
        ),
      ]);
      const fromB = [...b].reverse();
      shared.forEach((_, i) => {
        const answers = [a[i], fromB[i]].map((settled) => {
          if (!settled || !("value" in settled))
            throw new Error(`failed: ${JSON.stringify(settled)}`);
          const outcome = settled.value;
          if (outcome.state === "created") return outcome.created.reference;
          if (outcome.state === "completed")
            return outcome.response.body.reference;
          throw new Error(`unexpected ${outcome.state}`);
        });
        expect(answers[0]).toBe(answers[1]);
      });
    }
    expect(await createPostgresRequestStore(pool).countRequests()).toBe(150);
  });
});
