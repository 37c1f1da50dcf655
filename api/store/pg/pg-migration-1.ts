/**
 * Migration 1 (issue 15): the tables of the `Store` interface (api/store/store.ts) — requests, the
 * references' sequences per year, idempotency keys. `requests` has the columns of a request that SQLite's
 * migrations 1–7 gave it; the columns of the other areas (`assignee_id`, which refers to the console's
 * accounts) and the console's indexes come with the migrations of those areas.
 *
 * Instants are `timestamptz` (the driver gives `Date`s; the store writes `Date.toISOString()` back, so
 * the millisecond instants of the API round-trip exactly). The lists of statuses and the reference's
 * shape are written out here, not imported: a shipped migration never changes.
 */
export const REQUESTS_SQL = `
  CREATE TABLE requests (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference       text NOT NULL UNIQUE CHECK (reference ~ '^SNU-[0-9]{4}-[0-9]{6,}$'),
    created_at      timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'in_progress', 'waiting_user', 'resolved', 'closed')),
    platform        text NOT NULL,
    route           text NOT NULL,
    category        text NOT NULL,
    subject         text NOT NULL,
    department      text,
    role            text,
    email           text,
    message         text NOT NULL,
    -- The context as the widget sent it (after redaction): an object, always.
    context         jsonb NOT NULL CHECK (jsonb_typeof(context) = 'object'),
    -- Optimistic locking of the console's changes; updated_at NULL means « never changed ».
    version         integer NOT NULL DEFAULT 1 CHECK (version > 0),
    updated_at      timestamptz,
    tags            text[] NOT NULL DEFAULT '{}',
    -- SHA-256 of the follow-up token (never the token); NULL once anonymised. Unique when present
    -- (NULLs are distinct in a UNIQUE constraint).
    follow_up_hash  text UNIQUE,
    -- An answer of the requester waits to be opened by staff.
    unread_answer   boolean NOT NULL DEFAULT false,
    waiting_since   timestamptz,
    reminded_at     timestamptz,
    resolved_at     timestamptz
  );

  -- The last reference given per year (Paris time): bumped by INSERT … ON CONFLICT … DO UPDATE, which
  -- locks the year's row until the commit, so two instances never give the same number and a rolled-back
  -- submission gives its number back.
  CREATE TABLE reference_sequences (
    year  integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last  integer NOT NULL CHECK (last > 0)
  );

  -- Idempotency-Key of POST /v1/requests: the primary key decides between two instances receiving the
  -- same key at once. response is NULL while claimed, the stored answer once the request is stored.
  CREATE TABLE idempotency_keys (
    key          text PRIMARY KEY,
    fingerprint  text NOT NULL,
    created_at   timestamptz NOT NULL,
    response     jsonb
  );
  CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
`;
