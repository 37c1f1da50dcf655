/**
 * Migration 2 (issue 15): the console's accounts and sessions, who a request is assigned to, and each
 * request's timeline — what SQLite's migrations 2, 3 (`can_edit_tips`), 4 (the timeline's `reminder`) and 5
 * (`last_seen_at`) gave them. The inbox's indexes, counts and text search come with the console's migration.
 */
export const SUPPORT_ACCOUNTS_SQL = `
  CREATE TABLE support_users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Trimmed by the store; one account per address whatever its case (the unique index below).
    email          text NOT NULL,
    display_name   text NOT NULL,
    role           text NOT NULL CHECK (role IN ('admin', 'agent', 'referent')),
    -- Département codes (75, 2A, 974); empty for admins and agents.
    departments    text[] NOT NULL DEFAULT '{}',
    password_hash  text NOT NULL,
    disabled       boolean NOT NULL DEFAULT false,
    -- Admins may always edit tips; an agent only once an admin allowed it (issue 5).
    can_edit_tips  boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL
  );
  CREATE UNIQUE INDEX support_users_by_email ON support_users (lower(email));

  -- Stored by the hash of the token only: a leaked database holds no usable session. Shared by every
  -- instance: a session opened on one is valid on the others.
  CREATE TABLE support_sessions (
    token_hash    text PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES support_users (id),
    expires_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
  );
  CREATE INDEX support_sessions_by_user ON support_sessions (user_id);

  -- Accounts are disabled, never deleted: the references below never block anything.
  ALTER TABLE requests ADD COLUMN assignee_id bigint REFERENCES support_users (id);

  -- The timeline of a request. Its creation is not a row: POST /v1/requests stays a single insert.
  CREATE TABLE request_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    at          timestamptz NOT NULL,
    type        text NOT NULL CHECK (type IN ('status', 'assignment', 'tags', 'note', 'reminder')),
    actor_id    bigint REFERENCES support_users (id),
    data        jsonb NOT NULL DEFAULT '{}'
  );
  CREATE INDEX request_events_by_request ON request_events (request_id, id);
`;
