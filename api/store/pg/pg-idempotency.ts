import type pg from "pg";
import type { IdempotencyClaim, StoredResponse } from "../store.ts";

/** A claim lost to a release or purge this many times in a row is a fault, not a race to retry. */
const MAX_TRIES = 5;

/**
 * Claims `key` inside the caller's transaction (READ COMMITTED), as the SQLite store does, with the
 * primary key deciding between instances: the insert of a key another transaction is inserting waits for
 * that transaction, then does nothing if it committed — and the read after it, a new statement, sees what
 * it stored (its answer, once its request is stored). `FOR UPDATE` makes the takeover of a stale claim
 * one instance's only: a second one waits, then reads the row as the first left it.
 */
export async function claimKey(
  client: pg.PoolClient,
  key: string,
  fingerprint: string,
  now: Date,
  staleAfterMs: number,
): Promise<IdempotencyClaim> {
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const inserted = await client.query(
      `INSERT INTO idempotency_keys (key, fingerprint, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO NOTHING`,
      [key, fingerprint, now],
    );
    if (inserted.rowCount === 1) return { state: "claimed" };
    const { rows } = await client.query<{
      fingerprint: string;
      created_at: Date;
      response: StoredResponse | null;
    }>(
      "SELECT fingerprint, created_at, response FROM idempotency_keys WHERE key = $1 FOR UPDATE",
      [key],
    );
    const row = rows[0];
    if (!row) continue; // released or purged between the two statements
    if (row.fingerprint !== fingerprint) return { state: "mismatch" };
    if (row.response) return { state: "completed", response: row.response };
    if (now.getTime() - row.created_at.getTime() < staleAfterMs)
      return { state: "in_progress" };
    await client.query(
      "UPDATE idempotency_keys SET fingerprint = $2, created_at = $3 WHERE key = $1",
      [key, fingerprint, now],
    );
    return { state: "claimed" };
  }
  throw new Error(`Idempotency key kept vanishing while being claimed`);
}

/** Records the answer of the request stored under `key`: later tries get it back. */
export async function completeKey(
  client: pg.PoolClient,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await client.query(
    "UPDATE idempotency_keys SET response = $2 WHERE key = $1",
    [key, JSON.stringify(response)],
  );
}
