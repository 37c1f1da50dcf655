import type pg from "pg";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import type { JobLock } from "../../api/store/job-lock.ts";
import {
  ADVISORY_LOCK_NAMESPACE,
  ADVISORY_LOCKS,
} from "../../api/store/pg/pg-advisory-locks.ts";
import { createPostgresJobLock } from "../../api/store/pg/pg-job-lock.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { scheduleRetention } from "../../api/support/retention-job.ts";
import {
  useMigratedDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";

// Issue 15: the periodic jobs run on one instance at a time. Two « instances »: two pools, two job locks,
// on one database.

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

/** An instance's job lock, on a pool of its own (ended when the test ends). */
function anInstance(): { lock: JobLock; pool: pg.Pool } {
  const own = createPgPool({ url: database.url, size: 2 });
  const lock = createPostgresJobLock(own);
  onTestFinished(async () => {
    await lock.close();
    await own.end();
  });
  return { lock, pool: own };
}

/** A job that starts, then waits for `finish`. */
function aBlockingJob() {
  let started!: () => void;
  let finish!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const job = vi.fn(async () => {
    started();
    await gate;
  });
  return { job, running, finish };
}

/** The server processes holding the advisory lock of `key` in the app's namespace. */
async function holders(key: number): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 2`,
    [ADVISORY_LOCK_NAMESPACE, key],
  );
  return rows.map((row) => row.pid);
}

describe("postgresql job lock", () => {
  it("runs a job on one instance at a time: the other skips it, and runs other jobs", async () => {
    const a = anInstance();
    const b = anInstance();
    const first = aBlockingJob();
    const ranOnA = a.lock.runAlone("retention", first.job);
    await first.running;
    expect(await holders(ADVISORY_LOCKS.retention)).toHaveLength(1);

    const skipped = vi.fn(async () => {});
    await expect(b.lock.runAlone("retention", skipped)).resolves.toBe(false);
    expect(skipped).not.toHaveBeenCalled();
    const other = vi.fn(async () => {});
    await expect(b.lock.runAlone("follow-ups", other)).resolves.toBe(true);
    expect(other).toHaveBeenCalledOnce();

    first.finish();
    await expect(ranOnA).resolves.toBe(true);
    expect(await holders(ADVISORY_LOCKS.retention)).toEqual([]);
    const next = vi.fn(async () => {});
    await expect(b.lock.runAlone("retention", next)).resolves.toBe(true);
    expect(next).toHaveBeenCalledOnce();
  });

  it("releases the lock after a run that throws, and gives the job's error", async () => {
    const a = anInstance();
    const b = anInstance();
    await expect(
      a.lock.runAlone("purges", async () => {
        throw new Error("purge broke");
      }),
    ).rejects.toThrow("purge broke");
    expect(await holders(ADVISORY_LOCKS.purges)).toEqual([]);
    const next = vi.fn(async () => {});
    await expect(b.lock.runAlone("purges", next)).resolves.toBe(true);
    expect(next).toHaveBeenCalledOnce();
    // The connection went back to the pool, free: the next run on A does not wait for one.
    expect(a.pool.idleCount).toBe(a.pool.totalCount);
    await expect(a.lock.runAlone("purges", next)).resolves.toBe(true);
  });

  it("loses the lock with its connection, without ending the process, and lets another instance run", async () => {
    const a = anInstance();
    const b = anInstance();
    const cut = aBlockingJob();
    const ranOnA = a.lock.runAlone("shared-limits", cut.job);
    await cut.running;
    const [pid] = await holders(ADVISORY_LOCKS.sharedLimits);
    await pool.query("SELECT pg_terminate_backend($1)", [pid]);
    await vi.waitFor(async () =>
      expect(await holders(ADVISORY_LOCKS.sharedLimits)).toEqual([]),
    );
    const next = vi.fn(async () => {});
    await expect(b.lock.runAlone("shared-limits", next)).resolves.toBe(true);
    cut.finish();
    // The job itself finished; its dead connection was closed, not given back to the pool.
    await expect(ranOnA).resolves.toBe(true);
    await expect(a.pool.query("SELECT 1")).resolves.toBeTruthy();
  });

  it("closes once the run in progress has finished, then refuses new runs", async () => {
    const a = anInstance();
    const events: string[] = [];
    const job = aBlockingJob();
    const run = a.lock
      .runAlone("retention", job.job)
      .then(() => events.push("run done"));
    await job.running;
    const closed = a.lock.close().then(() => events.push("closed"));
    job.finish();
    await Promise.all([run, closed]);
    expect(events).toEqual(["run done", "closed"]);
    const late = vi.fn(async () => {});
    await expect(a.lock.runAlone("retention", late)).resolves.toBe(false);
    expect(late).not.toHaveBeenCalled();
    expect(await holders(ADVISORY_LOCKS.retention)).toEqual([]);
  });

  it("skips the retention on an instance while another one runs it", async () => {
    const b = anInstance();
    const held = await pool.connect();
    onTestFinished(() => held.release(true));
    await held.query("SELECT pg_advisory_lock($1, $2)", [
      ADVISORY_LOCK_NAMESPACE,
      ADVISORY_LOCKS.retention,
    ]);
    const runs: Promise<boolean>[] = [];
    const observed: JobLock = {
      runAlone: (name, job) => {
        const run = b.lock.runAlone(name, job);
        runs.push(run);
        return run;
      },
      close: b.lock.close,
    };
    const anonymise = vi.fn(async () => 0);
    const logger = createMemoryLogger();
    const stop = scheduleRetention(
      { anonymiseClosedBefore: anonymise } as never,
      createFixedClock("2026-06-01T12:00:00Z"),
      logger,
      365,
      observed,
    );
    onTestFinished(stop);
    expect(runs).toHaveLength(1);
    await expect(runs[0]).resolves.toBe(false);
    expect(anonymise).not.toHaveBeenCalled();
    expect(logger.lines).toEqual([]);
  });
});
