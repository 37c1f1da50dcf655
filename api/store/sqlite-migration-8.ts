/**
 * Migration 8 (console speed at 1 M requests): the full-text index keeps prefix indexes of 3 and 4
 * characters. A search word of 3 letters or more is a prefix (« con » finds « convocation »,
 * support-rules.ts), and without them FTS5 merged the lists of every indexed word it begins — « con » alone
 * begins hundreds — for each word of the search: 8 such words took ≈ 230 ms at 1 M requests, against
 * ≈ 64 ms with them, and 4-letter ones ≈ 77 ms against ≈ 1 ms (measured on the bench's database, 05/12).
 * Longer prefixes begin few words and stay cheap without. The price: an index ≈ 2.6 times larger (86 →
 * 229 MB at 1 M requests) and three entries per word written.
 *
 * FTS5 fixes its options at creation, so the index is created again under the same name and rebuilt from
 * the requests (≈ 10 s at 1 M, inside the migration's transaction, before the server listens; the WAL then
 * holds the new index once, ≈ 230 MB at 1 M, until its checkpoint). The triggers on requests name the index
 * and find the new one. A rebuild reads the texts as they are now: what retention anonymised stays gone
 * (the old index's pages are zeroed, secure_delete being on; retention sets its own 'secure-delete' option
 * again on its next run).
 */
export const SEARCH_PREFIXES_SQL = `
  DROP TABLE requests_fts;
  CREATE VIRTUAL TABLE requests_fts USING fts5 (
    message, subject,
    content = 'requests', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3 4'
  );
  INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');
`;
