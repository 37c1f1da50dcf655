/**
 * Migration 2: what the support console needs. Every inbox filter has an index ending in `id`, so that
 * « newest first » (`ORDER BY id DESC`) reads the index in order and stops after one page (BUDGETS.md: list,
 * filter and search at 1 M requests ≤ 100 ms p95).
 */
export const SUPPORT_CONSOLE_SQL = `
  CREATE TABLE support_users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'referent')),
    departments    TEXT NOT NULL DEFAULT '[]',
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
  ) STRICT;

  -- Stored by the hash of the token only: a leaked database holds no usable session.
  CREATE TABLE support_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES support_users (id),
    expires_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX support_sessions_by_user ON support_sessions (user_id);

  -- updated_at NULL means « never changed »: created_at. Accounts are disabled, never deleted, so the
  -- foreign keys below never block anything.
  ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE requests ADD COLUMN updated_at TEXT;
  ALTER TABLE requests ADD COLUMN assignee_id INTEGER REFERENCES support_users (id);
  ALTER TABLE requests ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';

  -- The timeline of a request. Its creation is not a row: POST /v1/requests stays a single insert.
  CREATE TABLE request_events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    at          TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('status', 'assignment', 'tags', 'note')),
    actor_id    INTEGER REFERENCES support_users (id),
    data        TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX request_events_by_request ON request_events (request_id, id);

  -- Referent inbox: département (one branch per département of the scope) and status tab.
  CREATE INDEX requests_by_department_status ON requests (department, status, id);
  -- Category alone, or category and subject (subject ids repeat across categories: OTHER).
  CREATE INDEX requests_by_topic ON requests (category, subject, id);
  -- Requester's role; role IS NULL (no identity) uses it too.
  CREATE INDEX requests_by_role ON requests (role, id);
  -- « Assigned to me » and « unassigned » (assignee_id IS NULL).
  CREATE INDEX requests_by_assignee ON requests (assignee_id, id);
  -- Period filters, and « Par page » statistics without reading the rows (covering).
  CREATE INDEX requests_by_created ON requests (created_at, platform, route, category, department);

  -- Full text over message and subject, accents ignored (« sejour » finds « séjour »). External content:
  -- the text is stored once, in requests; the triggers keep the index in step.
  CREATE VIRTUAL TABLE requests_fts USING fts5 (
    message, subject,
    content = 'requests', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER requests_fts_after_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_fts (rowid, message, subject) VALUES (new.id, new.message, new.subject);
  END;
  CREATE TRIGGER requests_fts_after_delete AFTER DELETE ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, message, subject)
    VALUES ('delete', old.id, old.message, old.subject);
  END;
  CREATE TRIGGER requests_fts_after_update AFTER UPDATE OF message, subject ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, message, subject)
    VALUES ('delete', old.id, old.message, old.subject);
    INSERT INTO requests_fts (rowid, message, subject) VALUES (new.id, new.message, new.subject);
  END;
  -- Requests stored before this migration become searchable.
  INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');
`;
