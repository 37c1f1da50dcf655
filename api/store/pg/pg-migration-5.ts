/**
 * Migration 5 (issue 15): the per-address rate limits and the console's login failures, counted by every
 * instance together (in memory per process on SQLite: memory-rate-counter.ts, memory-login-failures.ts).
 *
 * UNLOGGED: these rows live a minute (rate windows) or an hour (login failures), and each limited request
 * or login attempt writes one; without WAL those writes cost a fraction. What that gives up is fine here:
 * after a crash of the server the tables come back empty — every window restarts, as when today's single
 * process restarts — and they are not copied to standbys (after a failover, the same). Nothing in them is
 * a record anyone needs later.
 *
 * Keys are HMACs (shared-key-hash.ts), base64url: never an address or an e-mail in clear. `COLLATE "C"`:
 * compared byte by byte, cheaper than a locale's rules, and the order two transactions lock keys in
 * (pg-login-failures.ts) is the same whatever the database's locale.
 */
export const SHARED_LIMITS_SQL = `
  -- One row per limit (bucket: 'requests', 'suivi'…) and address hash, updated in place by each hit (one
  -- INSERT … ON CONFLICT DO UPDATE: two instances counting one address at once meet on the primary key and
  -- neither hit is lost). fillfactor 80 leaves room in each page, so that the updates that only bump
  -- count (every hit but the first of a window) stay HOT: no new index entry, no index to vacuum.
  CREATE UNLOGGED TABLE rate_counters (
    bucket    text COLLATE "C" NOT NULL,
    key       text COLLATE "C" NOT NULL,
    count     integer NOT NULL CHECK (count > 0),
    reset_at  timestamptz NOT NULL,
    PRIMARY KEY (bucket, key)
  ) WITH (fillfactor = 80);
  -- The purge deletes finished windows oldest first, a batch at a time: a range of this index, so each
  -- batch costs what it deletes, however many live windows the table holds.
  CREATE INDEX rate_counters_reset_at ON rate_counters (reset_at);

  -- One row per account, per address and per address on an account (the key's kind is inside the hash).
  -- count 0 is a row an attempt is checking, inside its transaction: never committed (pg-login-failures.ts).
  CREATE UNLOGGED TABLE login_failures (
    key      text COLLATE "C" PRIMARY KEY,
    count    integer NOT NULL CHECK (count >= 0),
    last_at  timestamptz NOT NULL
  ) WITH (fillfactor = 80);
  -- The purge: failures forgotten (last one older than the throttle's window), oldest first, by batches.
  CREATE INDEX login_failures_last_at ON login_failures (last_at);
`;
