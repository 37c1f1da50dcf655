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
  const anonymise = db.prepare(
    "UPDATE requests SET message = ?, email = NULL, context = ? WHERE id = ?",
  );
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
    }
    return rows.length;
  });
  return {
    async anonymiseClosedBefore(before) {
      return run.immediate(before.toISOString());
    },
  };
}
