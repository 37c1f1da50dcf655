import type pg from "pg";

/**
 * Runs `work` on one connection taken from the pool, then gives it back. While a connection is out of the
 * pool, nothing else listens to it: a connection cut by the server (restart, failover,
 * pg_terminate_backend) would raise an unheard `error` event, which ends the Node process. Here it is
 * heard, and that connection is closed instead of going back to the pool (as it is on any failure with
 * `discardOnError`: what a session-level lock or setting left on it goes with it).
 */
export async function withConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  { discardOnError = false } = {},
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on("error", onError);
  try {
    const result = await work(client);
    client.removeListener("error", onError);
    client.release(lost);
    return result;
  } catch (error) {
    client.removeListener("error", onError);
    client.release(lost ?? (discardOnError || undefined));
    throw error;
  }
}

/**
 * Runs `work` in one transaction (READ COMMITTED, PostgreSQL's default): committed if it resolves, rolled
 * back if it throws. A failed COMMIT rejects: the caller cannot tell whether it was applied, which the
 * idempotency key settles on the next try.
 */
export function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withConnection(pool, (client) => transactionOn(client, work));
}

/**
 * Runs `work` in one transaction on a connection already taken, opened by `begin` (an isolation level, READ
 * ONLY…): committed if it resolves, rolled back if it throws.
 */
export async function transactionOn<T>(
  client: pg.PoolClient,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = "BEGIN",
): Promise<T> {
  await client.query(begin);
  try {
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // On a lost connection this fails too; the pool then drops the connection (no longer queryable).
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
