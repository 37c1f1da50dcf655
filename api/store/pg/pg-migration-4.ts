/**
 * Migration 4 (issue 15): the tips, as SQLite's migration 3 gave them (issue 5) — the text being edited and
 * the text served, every change kept in `tip_versions` (nothing is ever deleted), the catalog's stamp and
 * the broken-anchor reports. `support_users.can_edit_tips` came with migration 2.
 *
 * Ids, routes and app versions are `COLLATE "C"`: the lists are ordered by byte, as SQLite's BINARY
 * ordering does, whatever the database's locale — and the primary keys then serve those orders. The texts
 * are TipSource objects (api/contract/tip-source.ts) as jsonb; jsonb keeps no key order, so the store puts
 * them back in canonical form when it reads them. The list of actions is written out here, not imported: a
 * shipped migration never changes.
 */
export const TIPS_SQL = `
  -- draft and published are NULL when absent; never both NULL.
  CREATE TABLE tips (
    id            text COLLATE "C" PRIMARY KEY,
    platform      text NOT NULL,
    draft         jsonb CHECK (jsonb_typeof(draft) = 'object'),
    published     jsonb CHECK (jsonb_typeof(published) = 'object'),
    -- Optimistic locking of the console's changes: bumped by every change.
    version       integer NOT NULL CHECK (version > 0),
    -- The last publication, kept after an unpublish (« retirée »); NULL when never public.
    published_at  timestamptz,
    updated_at    timestamptz NOT NULL,
    -- NULL for the repo files (imports). Accounts are disabled, never deleted.
    updated_by    bigint REFERENCES support_users (id),
    CHECK (draft IS NOT NULL OR published IS NOT NULL)
  );

  -- One row per change: the state right after it. user_id NULL = « fichiers du dépôt » (import). The
  -- primary key serves a tip's history, newest first, and the version a revert reads.
  CREATE TABLE tip_versions (
    tip_id     text COLLATE "C" NOT NULL REFERENCES tips (id),
    version    integer NOT NULL CHECK (version > 0),
    at         timestamptz NOT NULL,
    user_id    bigint REFERENCES support_users (id),
    action     text NOT NULL
      CHECK (action IN ('create', 'edit', 'publish', 'unpublish', 'revert', 'import', 'discard')),
    draft      jsonb,
    published  jsonb,
    PRIMARY KEY (tip_id, version)
  );

  -- Bumped in the same transaction as every publish, unpublish and import, so it commits with what it
  -- announces: every instance's public catalog reads this one row (primary key) per request to know
  -- whether to rebuild — that is how a publication on one instance is served by the others. A sequence
  -- would not do: nextval is seen by all before the commit, and a catalog rebuilt from the old rows would
  -- be kept under the new stamp.
  CREATE TABLE tips_catalog_stamp (
    id     integer PRIMARY KEY CHECK (id = 1),
    value  bigint NOT NULL
  );
  INSERT INTO tips_catalog_stamp (id, value) VALUES (1, 0);

  -- Counted, never listed one by one: no address, user agent or cookie is kept (issue 5). Per publication
  -- (published_at = the tip's at the time), so counts about a former anchor never add to a fixed one's.
  -- The primary key is what two instances counting the same row at once meet on (INSERT … ON CONFLICT …
  -- DO UPDATE: neither count is lost), and its prefixes serve the per-tip and per-route bounds. The list
  -- (by last_seen) sorts the whole table: it is bounded by tips × routes × 21 rows.
  CREATE TABLE anchor_reports (
    tip_id        text COLLATE "C" NOT NULL REFERENCES tips (id),
    published_at  timestamptz NOT NULL,
    route         text COLLATE "C" NOT NULL,
    app_version   text COLLATE "C" NOT NULL DEFAULT '',
    count         integer NOT NULL CHECK (count > 0),
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    PRIMARY KEY (tip_id, published_at, route, app_version)
  );
`;
