/**
 * Migration 5 (issue 11): console sessions end after 2 h without activity as well as 10 h after the login.
 * Each session keeps when it was last seen (ISO 8601 UTC, like expires_at), refreshed at most once a
 * minute. A session opened before this migration has no known activity: '' sorts before every date, so it
 * counts as idle — its holder logs in again once, rather than keeping a session the idle rule never saw.
 */
export const SESSION_ACTIVITY_SQL = `
  ALTER TABLE support_sessions ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';
`;
