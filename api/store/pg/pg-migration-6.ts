/**
 * Migration 6 (issue 15): the conversation on PostgreSQL, what SQLite's migration 4 gave it (issue 10) —
 * replies and answers, the mail outbox written in the same transaction as a reply, ratings, reply
 * templates, and the index the automatic follow-ups read. The columns of `requests` they use (follow-up
 * hash, unread marker, waiting_since, reminded_at, resolved_at) came with migration 1, the trigger that
 * sets the dates with migration 3, the timeline's `reminder` with migration 2.
 *
 * Ids are bigint identities (read `::integer`, as the API wants numbers). The lists of authors, kinds,
 * states and transports are written out here, not imported: a shipped migration never changes.
 */
export const CONVERSATION_SQL = `
  -- The conversation after the original message: public replies of support, answers of the requester.
  CREATE TABLE request_messages (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    at          timestamptz NOT NULL,
    author      text NOT NULL CHECK (author IN ('agent', 'requester')),
    actor_id    bigint REFERENCES support_users (id),
    signature   text,
    text        text NOT NULL
  );
  -- A request's messages in order (the detail, the follow-up page), and its replies counted for « Mes
  -- demandes » from the same few index entries.
  CREATE INDEX request_messages_by_request ON request_messages (request_id, id) INCLUDE (author);

  -- E-mails to send. The content is rendered at send time from the request and the message (the follow-up
  -- link is derived, never stored); message_id is fixed here so that a resend after a crash keeps it.
  CREATE TABLE mail_outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id       bigint NOT NULL REFERENCES requests (id),
    message_row_id   bigint REFERENCES request_messages (id),
    kind             text NOT NULL CHECK (kind IN ('reply', 'reminder', 'resolution')),
    message_id       text NOT NULL UNIQUE,
    to_address       text NOT NULL,
    state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    transport        text CHECK (transport IN ('smtp', 'file')),
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
  );
  -- The worker's claim reads the due e-mails in this order; sent and failed ones (nearly all, in time)
  -- stay out of the index, so it stays the size of the queue.
  CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE state = 'pending';
  -- Retention deletes a request's e-mails; a retry checks the e-mail belongs to the request.
  CREATE INDEX mail_outbox_by_request ON mail_outbox (request_id);
  -- The detail joins each reply to its e-mail; deleting a message checks no e-mail still refers to it.
  CREATE INDEX mail_outbox_by_message ON mail_outbox (message_row_id) WHERE message_row_id IS NOT NULL;

  -- One rating per request: the primary key decides between two instances rating at once (ON CONFLICT).
  CREATE TABLE request_ratings (
    request_id  bigint PRIMARY KEY REFERENCES requests (id),
    score       integer NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     text,
    at          timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
  );

  -- A few dozen rows: listed whole, ordered in the query.
  CREATE TABLE reply_templates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       text NOT NULL,
    text        text NOT NULL,
    category    text,
    subject     text,
    updated_at  timestamptz NOT NULL
  );

  -- The automatic follow-ups look for the requests waiting since before a date: few among a million, so a
  -- partial index holds only those (SQLite's requests_waiting), with id to lock them in order.
  CREATE INDEX requests_waiting ON requests (waiting_since, id) WHERE status = 'waiting_user';
`;
