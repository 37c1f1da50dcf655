import type Database from "better-sqlite3";
import { ANONYMISED_MESSAGE, anonymisedContext } from "./retention.ts";
import type { SupportStore } from "./support-types.ts";

/**
 * Retention on SQLite: requests closed before the date (last change, `updated_at`) are anonymised in one
 * transaction — message replaced, e-mail and personal context removed, notes deleted (they may quote the
 * person) — so that « Par page » still counts them. Idempotent: already anonymised rows are skipped.
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
    "UPDATE requests SET message = ?, email = NULL, context = ?, follow_up_hash = NULL, unread_answer = 0 WHERE id = ?",
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
    "DELETE FROM request_events WHERE request_id = ? AND type = 'note'",
  );
  const run = db.transaction((before: string) => {
    const rows = due.all(before, ANONYMISED_MESSAGE);
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
      return run.immediate(before.toISOString());
    },
  };
}
