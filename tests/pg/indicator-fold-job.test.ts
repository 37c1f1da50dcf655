import type pg from "pg";
import { expect, it, onTestFinished } from "vitest";
import { createMemoryLogger } from "../../api/logger.ts";
import { scheduleIndicatorFold } from "../../api/server/indicator-fold-job.ts";
import { createPostgresStore } from "../../api/store/pg/pg-store.ts";
import { makeNewRequest } from "../support/factories.ts";
import {
  truncateTables,
  useMigratedDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";

// Issue 15: on PostgreSQL the indicators' triggers only queue facts (migration 7); the server folds them
// every minute, so that a console read after a quiet spell or a bulk import is not the one that waits.

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

const pending = async () =>
  (
    await pool.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM indicator_pending",
    )
  ).rows[0]!.n;

it("folds the pending facts at once when scheduled, under the job lock, and logs nothing on success", async () => {
  await truncateTables(pool);
  const opened = await createPostgresStore({
    url: database.url,
    poolSize: 3,
    secret: Buffer.alloc(32, 4),
  });
  onTestFinished(() => opened.store.close());
  for (let i = 0; i < 5; i++)
    await opened.store.createRequest(
      makeNewRequest(),
      new Date(Date.UTC(2026, 10, 20 + i, 9)),
    );
  expect(await pending()).toBeGreaterThanOrEqual(5);

  const logger = createMemoryLogger();
  const ran: string[] = [];
  const stop = scheduleIndicatorFold({
    fold: opened.foldIndicators,
    logger,
    lock: {
      runAlone: async (name, job) => {
        ran.push(name);
        await job();
        return true;
      },
      close: async () => {},
    },
  });
  onTestFinished(stop);
  await expect.poll(pending, { timeout: 5_000 }).toBe(0);
  expect(ran[0]).toBe("indicator-fold");
  expect(logger.lines).toEqual([]);
});

it("logs a failed fold by its code, and tries again at the next period", async () => {
  const logger = createMemoryLogger();
  let attempts = 0;
  const stop = scheduleIndicatorFold({
    fold: () => {
      attempts++;
      return Promise.reject(
        Object.assign(new Error("gone"), { code: "57P01" }),
      );
    },
    logger,
    lock: {
      runAlone: async (_name, job) => (await job(), true),
      close: async () => {},
    },
    everyMs: 20,
  });
  onTestFinished(stop);
  // The first attempt runs at once; the second only comes from the period, after the first has failed.
  expect(attempts).toBe(1);
  await expect.poll(() => attempts).toBeGreaterThanOrEqual(2);
  stop();
  await expect.poll(() => logger.lines.length).toBeGreaterThanOrEqual(attempts);
  const lines = logger.lines.map((line) => JSON.parse(line));
  expect(lines).toHaveLength(attempts);
  for (const line of lines)
    expect(line).toMatchObject({
      level: "error",
      event: "indicator_fold_failed",
      code: "57P01",
    });
  expect(logger.lines.join("\n")).not.toContain("gone");
});
