import type pg from "pg";
import type { LoginAttempt, LoginFailureStore } from "../login-failures.ts";
import { createSharedKeyHash } from "../shared-key-hash.ts";
import { mapStoreFaults } from "../store-faults.ts";
import { pgFault } from "./pg-faults.ts";
import { purgeInBatches, type PurgeLimits } from "./pg-purge-batches.ts";
import { withConnection } from "./pg-transaction.ts";

export interface PgLoginFailuresOptions {
  /** The secret every instance shares (the follow-up secret): e-mails and addresses are kept as HMACs. */
  secret: Buffer;
}

export interface PgLoginFailures extends LoginFailureStore {
  /**
   * Deletes failures whose last one is older than `before` (now minus the throttle's window,
   * LOGIN_FAILURE_WINDOW_MS): forgotten by the throttle already. Batches as PgRateCounters.purge.
   */
  purge(before: Date, limits?: PurgeLimits): Promise<number>;
}

interface FailureRow {
  key: string;
  count: number;
  last_at: Date;
}

/**
 * The console's failed logins on PostgreSQL (migration 5), shared by every instance: failures on one
 * instance slow the attempts on all, and a success on one takes back the account's failures everywhere.
 * Faults of the database become `StoreUnavailableError`: the login answers 503, it is never let through
 * unchecked.
 *
 * Checking and counting are one transaction holding the account's and the address's rows locked
 * (FOR UPDATE through INSERT … ON CONFLICT DO UPDATE, which also creates a missing row so that it can be
 * locked): attempts on one account or from one address, whichever instance they reach, are checked one
 * after the other — 41 parallel attempts admit as many as 41 sequential ones (issue 11). Rows are locked in
 * key order (COLLATE "C"), and a pair's row only while holding both of its account's and address's: two
 * transactions never wait for each other in a cycle.
 *
 * No bound on the number of keys, unlike in memory: the rows are on disk, and they only pile up at the
 * rate passwords are checked (a scrypt each) until the purge removes those past the window.
 */
export function createPostgresLoginFailures(
  pool: pg.Pool,
  options: PgLoginFailuresOptions,
): PgLoginFailures {
  const hash = createSharedKeyHash(options.secret, "login failures");
  const keysOf = ({ email, address }: LoginAttempt) => ({
    account: hash(`e:${email}`),
    address: hash(`a:${address}`),
    pair: hash(`p:${address}\n${email}`),
  });
  // A row created only to be locked has count 0; it is committed only once counted (count ≥ 1).
  const lockRows = async (client: pg.PoolClient, keys: string[], now: Date) => {
    const { rows } = await client.query<FailureRow>(
      `INSERT INTO login_failures AS f (key, count, last_at)
       SELECT k, 0, $2 FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C"
       ON CONFLICT (key) DO UPDATE SET count = f.count
       RETURNING key, count, last_at`,
      [keys, now],
    );
    return new Map(
      rows
        .filter((row) => row.count > 0)
        .map((row) => [
          row.key,
          { count: row.count, last: row.last_at.getTime() },
        ]),
    );
  };

  return mapStoreFaults<PgLoginFailures>(
    {
      async admit(attempt, now, policy) {
        const keys = keysOf(attempt);
        const at = new Date(now);
        return inOwnTransaction(pool, async (client) => {
          const held = await lockRows(client, [keys.account, keys.address], at);
          const waitMs = Math.max(
            policy.waitMs(held.get(keys.account), now),
            policy.waitMs(held.get(keys.address), now),
          );
          // Refused: rolled back, so the rows created to be locked go with it and nothing is counted.
          if (waitMs > 0) return { commit: false, result: waitMs };
          // Counts forgotten (last failure older than the window) start again from 1, as in memory.
          await client.query(
            `INSERT INTO login_failures AS f (key, count, last_at)
             SELECT k, 1, $2 FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C"
             ON CONFLICT (key) DO UPDATE SET
               count = CASE WHEN f.count > 0 AND f.last_at >= $3 THEN f.count + 1 ELSE 1 END,
               last_at = $2`,
            [
              [keys.account, keys.address, keys.pair],
              at,
              new Date(now - policy.windowMs),
            ],
          );
          return { commit: true, result: 0 };
        });
      },
      async succeeded(attempt) {
        const keys = keysOf(attempt);
        await inOwnTransaction(pool, async (client) => {
          // The same locks as admit, in the same order, before the pair's row.
          await client.query(
            `SELECT key FROM login_failures WHERE key = ANY($1::text[])
             ORDER BY key COLLATE "C" FOR UPDATE`,
            [[keys.account, keys.address]],
          );
          const { rows } = await client.query<{ count: number }>(
            "DELETE FROM login_failures WHERE key = $1 RETURNING count",
            [keys.pair],
          );
          const mine = rows[0]?.count ?? 0;
          await client.query("DELETE FROM login_failures WHERE key = $1", [
            keys.account,
          ]);
          if (mine > 0) {
            // Deleted when nothing else is left, else lowered in place (the address's failures on other
            // accounts keep their date). The DELETE goes first: after the UPDATE it would see the lowered count
            // and drop failures that are not this account's.
            await client.query(
              "DELETE FROM login_failures WHERE key = $1 AND count <= $2",
              [keys.address, mine],
            );
            await client.query(
              "UPDATE login_failures SET count = count - $2 WHERE key = $1 AND count > $2",
              [keys.address, mine],
            );
          }
          return { commit: true, result: undefined };
        });
      },
      purge: (before, limits = {}) =>
        purgeInBatches(
          pool,
          `DELETE FROM login_failures WHERE key IN (
             SELECT key FROM login_failures WHERE last_at < $1 ORDER BY last_at LIMIT $2
             FOR UPDATE SKIP LOCKED
           ) AND last_at < $1`,
          before,
          limits,
        ),
    },
    pgFault,
  );
}

/** A transaction that `work` commits or rolls back by its answer; rolled back too when it throws. */
async function inOwnTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<{ commit: boolean; result: T }>,
): Promise<T> {
  return withConnection(pool, async (client) => {
    await client.query("BEGIN");
    let outcome: { commit: boolean; result: T };
    try {
      outcome = await work(client);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    await client.query(outcome.commit ? "COMMIT" : "ROLLBACK");
    return outcome.result;
  });
}
