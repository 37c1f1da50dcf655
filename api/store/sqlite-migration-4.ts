/**
 * Migration 4 (issue 10): answering the requester — the conversation (replies and answers), the mail
 * outbox written in the same transaction as a reply, ratings, reply templates, follow-up token hashes,
 * and the columns the automatic follow-ups and the « unread answer » marker read.
 */
export const CONVERSATION_SQL = `
  -- SHA-256 of the follow-up token (never the token); NULL once anonymised: the link then answers 404.
  ALTER TABLE requests ADD COLUMN follow_up_hash TEXT;
  CREATE UNIQUE INDEX requests_by_follow_up ON requests (follow_up_hash) WHERE follow_up_hash IS NOT NULL;
  -- 1 while an answer of the requester waits to be opened by staff.
  ALTER TABLE requests ADD COLUMN unread_answer INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX requests_unread ON requests (id, status) WHERE unread_answer = 1;
  -- When the request last became « En attente de l'usager », and whether this wait was reminded.
  ALTER TABLE requests ADD COLUMN waiting_since TEXT;
  ALTER TABLE requests ADD COLUMN reminded_at TEXT;
  CREATE INDEX requests_waiting ON requests (waiting_since) WHERE status = 'waiting_user';
  -- When it last became « Résolue » (kept while closed): satisfaction is asked for 30 days after.
  ALTER TABLE requests ADD COLUMN resolved_at TEXT;

  -- Every status change goes through an UPDATE that also sets updated_at (the change's instant), so the
  -- derived columns follow it here, whichever code path moved the status.
  CREATE TRIGGER requests_status_dates AFTER UPDATE OF status ON requests WHEN new.status <> old.status BEGIN
    UPDATE requests SET
      waiting_since = CASE WHEN new.status = 'waiting_user' THEN new.updated_at END,
      reminded_at = NULL,
      resolved_at = CASE new.status WHEN 'resolved' THEN new.updated_at
                                    WHEN 'closed' THEN old.resolved_at END
    WHERE id = new.id;
  END;

  -- The conversation after the original message: public replies of support, answers of the requester.
  CREATE TABLE request_messages (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    at          TEXT NOT NULL,
    author      TEXT NOT NULL CHECK (author IN ('agent', 'requester')),
    actor_id    INTEGER REFERENCES support_users (id),
    signature   TEXT,
    text        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX request_messages_by_request ON request_messages (request_id, id);

  -- E-mails to send. The content is rendered at send time from the request and the message (the follow-up
  -- link is derived, never stored); message_id is fixed here so that a resend after a crash keeps it.
  CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    request_id       INTEGER NOT NULL REFERENCES requests (id),
    message_row_id   INTEGER REFERENCES request_messages (id),
    kind             TEXT NOT NULL CHECK (kind IN ('reply', 'reminder', 'resolution')),
    message_id       TEXT NOT NULL UNIQUE,
    to_address       TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    transport        TEXT CHECK (transport IN ('smtp', 'file')),
    created_at       TEXT NOT NULL,
    sent_at          TEXT
  ) STRICT;
  CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'pending';
  CREATE INDEX mail_outbox_by_request ON mail_outbox (request_id);

  CREATE TABLE request_ratings (
    request_id  INTEGER PRIMARY KEY REFERENCES requests (id),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT,
    at          TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  ) STRICT;

  CREATE TABLE reply_templates (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    category    TEXT,
    subject     TEXT,
    updated_at  TEXT NOT NULL
  ) STRICT;

  -- The timeline gains the automatic reminder: SQLite cannot widen a CHECK, so the table is rebuilt.
  CREATE TABLE request_events_v4 (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    at          TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('status', 'assignment', 'tags', 'note', 'reminder')),
    actor_id    INTEGER REFERENCES support_users (id),
    data        TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  INSERT INTO request_events_v4 (id, request_id, at, type, actor_id, data)
    SELECT id, request_id, at, type, actor_id, data FROM request_events;
  DROP TABLE request_events;
  ALTER TABLE request_events_v4 RENAME TO request_events;
  CREATE INDEX request_events_by_request ON request_events (request_id, id);

  -- Requests already waiting or resolved before this migration get their dates from their last change.
  UPDATE requests SET waiting_since = coalesce(updated_at, created_at) WHERE status = 'waiting_user';
  UPDATE requests SET resolved_at = coalesce(updated_at, created_at) WHERE status = 'resolved';
`;
