import type pg from "pg";
import type { RequestContext } from "../../contract/request.ts";
import { ANONYMISED_MESSAGE, anonymisedContext } from "../retention.ts";
import type { SupportStore } from "../support-types.ts";
import { pruneSearchLexemes } from "./pg-search-lexemes.ts";
import { storableJson } from "./pg-text.ts";
import { inTransaction } from "./pg-transaction.ts";

/**
 * Retention on PostgreSQL, as on SQLite (sqlite-retention.ts): requests closed before the date (last change,
 * `updated_at`) are anonymised in one transaction — message replaced, e-mail and personal context removed,
 * follow-up link, unread marker, notes, tags, the conversation's messages and e-mails (sent or not) and the
 * rating's comment deleted — so that « Par page » still counts them. The search vector is a generated
 * column: it follows the new message in the same UPDATE. Idempotent: already anonymised rows are skipped.
 *
 * The words of the replaced messages are listed for a check by migration 8's trigger; `pruneSearchWords`,
 * run by the retention job after this, removes from `search_lexemes` those no request holds any more.
 *
 * Two instances running it at once: the rows are read `FOR UPDATE`; the second waits for the first, then
 * re-checks its WHERE on the rows as the first left them (anonymised: skipped) and counts nothing twice.
 *
 * What PostgreSQL keeps of the old rows: their previous versions stay in the table's pages until vacuum
 * reclaims them (autovacuum, soon after a batch this size), and in the WAL until it is recycled — the
 * counterpart of SQLite's `secure_delete` and WAL truncation is the server's vacuum and checkpoints, not
 * something a client statement forces.
 */
export function createPostgresRetention(
  pool: pg.Pool,
): Pick<SupportStore, "anonymiseClosedBefore"> &
  Required<Pick<SupportStore, "pruneSearchWords">> {
  return {
    async anonymiseClosedBefore(before) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{
          id: string;
          context: RequestContext;
        }>(
          `SELECT id, context FROM requests
           WHERE status = 'closed' AND coalesce(updated_at, created_at) < $1 AND message <> $2
           ORDER BY id FOR UPDATE`,
          [before, ANONYMISED_MESSAGE],
        );
        if (!rows.length) return 0;
        const ids = rows.map((row) => row.id);
        // One statement for every row: the contexts computed here (the rule is shared with the other
        // stores), paired with their ids.
        await client.query(
          `UPDATE requests AS r SET message = $1, email = NULL, context = a.context, follow_up_hash = NULL,
                  unread_answer = false, tags = '{}'
           FROM unnest($2::bigint[], $3::jsonb[]) AS a (id, context) WHERE r.id = a.id`,
          [
            ANONYMISED_MESSAGE,
            ids,
            rows.map((row) => storableJson(anonymisedContext(row.context))),
          ],
        );
        await client.query(
          "DELETE FROM request_events WHERE request_id = ANY($1::bigint[]) AND type IN ('note', 'tags')",
          [ids],
        );
        // The follow-up link dies with the data (its hash went above), and so does the conversation, which
        // may quote the person: e-mails first (they refer to the messages). The score stays for the
        // satisfaction indicator; the comment goes.
        await client.query(
          "DELETE FROM mail_outbox WHERE request_id = ANY($1::bigint[])",
          [ids],
        );
        await client.query(
          "DELETE FROM request_messages WHERE request_id = ANY($1::bigint[])",
          [ids],
        );
        await client.query(
          "UPDATE request_ratings SET comment = NULL WHERE request_id = ANY($1::bigint[])",
          [ids],
        );
        return rows.length;
      });
    },
    pruneSearchWords: () => pruneSearchLexemes(pool),
  };
}
