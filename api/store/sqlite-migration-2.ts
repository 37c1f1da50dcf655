/**
 * Migration 2: what the support console needs — accounts, sessions, each request's timeline, optimistic
 * locking, full-text search, and the indexes that keep list, filter and search within 100 ms at 1 M requests
 * (BUDGETS.md).
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

  -- Every inbox filter has an index that reads newest first after its equality columns (… , id), and ends
  -- with status so that the counts per status of a filtered inbox never read the rows (covering).
  -- Migration 1's page and département indexes are replaced: same order, plus status.
  DROP INDEX requests_by_page;
  DROP INDEX requests_by_department;
  CREATE INDEX requests_by_page ON requests (platform, route, id, status);
  -- Referent inbox: one branch per département × status, merged newest first (see listIdsQuery).
  CREATE INDEX requests_by_department_status ON requests (department, status, id);
  -- Category alone, or category and subject (subject ids repeat across categories: OTHER).
  CREATE INDEX requests_by_topic ON requests (category, subject, id, status);
  -- Requester's role; role IS NULL (no identity) uses it too.
  CREATE INDEX requests_by_role ON requests (role, id, status);
  -- « Assigned to me » and « unassigned » (assignee_id IS NULL).
  CREATE INDEX requests_by_assignee ON requests (assignee_id, id, status);
  -- Periods, and « Par page » statistics without reading the rows (covering).
  CREATE INDEX requests_by_created ON requests (created_at, platform, route, category, department, status);

  -- Requests per département and status, kept by triggers: the counts of an inbox filtered only by scope,
  -- département or status (the most frequent view) cost a few rows instead of a scan of every request.
  CREATE TABLE request_counts (
    department  TEXT NOT NULL,  -- '' for requests without département (no valid code is empty)
    status      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (department, status)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO request_counts (department, status, n)
    SELECT coalesce(department, ''), status, count(*) FROM requests GROUP BY 1, 2;
  CREATE TRIGGER request_counts_after_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_counts (department, status, n) VALUES (coalesce(new.department, ''), new.status, 1)
      ON CONFLICT (department, status) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER request_counts_after_delete AFTER DELETE ON requests BEGIN
    UPDATE request_counts SET n = n - 1 WHERE department = coalesce(old.department, '') AND status = old.status;
  END;
  CREATE TRIGGER request_counts_after_update AFTER UPDATE OF department, status ON requests BEGIN
    UPDATE request_counts SET n = n - 1 WHERE department = coalesce(old.department, '') AND status = old.status;
    INSERT INTO request_counts (department, status, n) VALUES (coalesce(new.department, ''), new.status, 1)
      ON CONFLICT (department, status) DO UPDATE SET n = n + 1;
  END;

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
