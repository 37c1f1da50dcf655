import type Database from "better-sqlite3";
import { ANONYMISED_MESSAGE, anonymisedContext } from "./retention.ts";
import type { SupportStore } from "./support-types.ts";

/**
 * Retention on SQLite: requests closed before the date (last change, `updated_at`) are anonymised in one
 * transaction — message replaced, e-mail and personal context removed, notes, tags and the conversation
 * deleted (they may quote the person) — so that « Par page » still counts them. Idempotent: already
 * anonymised rows are skipped.
 *
 * Nothing of what was removed may stay readable in the file (issue 11): the connection runs with
 * `secure_delete` (freed space is zeroed, sqlite-store.ts), the full-text index with FTS5's own
 * `secure-delete` (a deleted row's entries leave the index at once instead of waiting for a merge), and
 * the WAL is checkpointed and truncated afterwards so that no older page image survives there either.
 */
export function createSqliteRetention(
  db: Database.Database,
): Pick<SupportStore, "anonymiseClosedBefore"> {
  const due = db.prepare<[string, string], { id: number; context: string }>(
    `SELECT id, context FROM requests
     WHERE status = 'closed' AND COALESCE(updated_at, created_at) < ? AND message != ?`,
  );
  // The follow-up link dies with the data (issue 10): its hash goes, and so does the conversation.
  const anonymise = db.prepare(
    "UPDATE requests SET message = ?, email = NULL, context = ?, follow_up_hash = NULL, unread_answer = 0, tags = '[]' WHERE id = ?",
  );
  const dropConversation = [
    db.prepare("DELETE FROM mail_outbox WHERE request_id = ?"),
    db.prepare("DELETE FROM request_messages WHERE request_id = ?"),
    // The score stays for the satisfaction indicator; the comment may quote the person.
    db.prepare(
      "UPDATE request_ratings SET comment = NULL WHERE request_id = ?",
    ),
  ];
  const dropNotes = db.prepare(
    "DELETE FROM request_events WHERE request_id = ? AND type IN ('note', 'tags')",
  );
  // Persistent in the index's config; set in the same transaction as the first deletions it must cover.
  const secureIndex = db.prepare(
    "INSERT INTO requests_fts (requests_fts, rank) VALUES ('secure-delete', 1)",
  );
  const run = db.transaction((before: string) => {
    const rows = due.all(before, ANONYMISED_MESSAGE);
    if (rows.length) secureIndex.run();
    for (const row of rows) {
      anonymise.run(
        ANONYMISED_MESSAGE,
        JSON.stringify(anonymisedContext(JSON.parse(row.context))),
        row.id,
      );
      dropNotes.run(row.id);
      for (const statement of dropConversation) statement.run(row.id);
    }
    return rows.length;
  });
  return {
    async anonymiseClosedBefore(before) {
      const count = run.immediate(before.toISOString());
      // Best effort: a reader holding an old snapshot keeps the WAL; the next run truncates it.
      if (count) db.pragma("wal_checkpoint(TRUNCATE)");
      return count;
    },
  };
}
