/**
 * Migration 3 (issue 5): tips live in the database — the text being edited and the text served, every
 * change kept in `tip_versions` (nothing is ever deleted) — plus broken-anchor reports and the per-account
 * permission to edit tips.
 */
export const TIPS_SQL = `
  -- draft and published are TipSource JSON (api/contract/tip-source.ts), NULL when absent; never both NULL.
  CREATE TABLE tips (
    id            TEXT PRIMARY KEY,
    platform      TEXT NOT NULL,
    draft         TEXT,
    published     TEXT,
    version       INTEGER NOT NULL,
    published_at  TEXT,
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES support_users (id),
    CHECK (draft IS NOT NULL OR published IS NOT NULL)
  ) STRICT;

  -- One row per change: the state right after it. user_id NULL = « fichiers du dépôt » (import).
  CREATE TABLE tip_versions (
    tip_id     TEXT NOT NULL REFERENCES tips (id),
    version    INTEGER NOT NULL,
    at         TEXT NOT NULL,
    user_id    INTEGER REFERENCES support_users (id),
    action     TEXT NOT NULL
      CHECK (action IN ('create', 'edit', 'publish', 'unpublish', 'revert', 'import', 'discard')),
    draft      TEXT,
    published  TEXT,
    PRIMARY KEY (tip_id, version)
  ) STRICT, WITHOUT ROWID;

  -- Bumped in the same transaction as every publish, unpublish and import: the public catalog reads this one
  -- row per request to know whether to rebuild, even after a tips:import from another process.
  CREATE TABLE tips_catalog_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    value  INTEGER NOT NULL
  ) STRICT;
  INSERT INTO tips_catalog_stamp (id, value) VALUES (1, 0);

  -- Counted, never listed one by one: no address, user agent or cookie is kept (issue 5). Per publication
  -- (published_at = the tip's at the time), so counts about a former anchor never add to a fixed one's.
  CREATE TABLE anchor_reports (
    tip_id        TEXT NOT NULL REFERENCES tips (id),
    published_at  TEXT NOT NULL,
    route         TEXT NOT NULL,
    app_version   TEXT NOT NULL DEFAULT '',
    count         INTEGER NOT NULL,
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL,
    PRIMARY KEY (tip_id, published_at, route, app_version)
  ) STRICT, WITHOUT ROWID;

  -- Admins may always edit tips; an agent only once an admin allowed it.
  ALTER TABLE support_users ADD COLUMN can_edit_tips INTEGER NOT NULL DEFAULT 0;
`;
