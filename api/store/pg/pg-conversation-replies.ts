import type pg from "pg";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import type { ConversationStore } from "../conversation-types.ts";
import type { SupportStore } from "../support-types.ts";
import { inScope, scopeValues } from "./pg-conversation-scope.ts";
import { queueMails } from "./pg-mail-outbox.ts";
import { storableJson, storableText } from "./pg-text.ts";
import { inTransaction } from "./pg-transaction.ts";

/**
 * Staff's side of the conversation on PostgreSQL. A reply is one transaction: the message, the status it
 * leaves the request in (with its timeline event) and its outbound e-mail, or nothing. It reads the request
 * `FOR UPDATE`: a console change, an answer of the requester or the automatic follow-ups touching the same
 * request on another instance wait for it, then see the version it wrote.
 */
export function createPostgresReplies(
  pool: pg.Pool,
  detailOf: SupportStore["getRequestDetail"],
): Pick<ConversationStore, "addReply" | "markAnswersRead"> {
  return {
    async addReply(scope, reference, input, now) {
      const replied = await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{
          id: number;
          status: RequestStatus;
          email: string | null;
        }>(
          `SELECT r.id::integer AS id, r.status, r.email FROM requests AS r
           WHERE r.reference = $1 AND ${inScope(scope, 2)} FOR UPDATE`,
          [reference, ...scopeValues(scope)],
        );
        const row = rows[0];
        if (!row) return false;
        await requireAccount(client, input.actorId);
        const inserted = await client.query<{ id: number }>(
          `INSERT INTO request_messages (request_id, at, author, actor_id, signature, text)
           VALUES ($1, $2, 'agent', $3, $4, $5) RETURNING id::integer AS id`,
          [
            row.id,
            now,
            input.actorId,
            storableText(input.signature),
            storableText(input.text),
          ],
        );
        const status = input.status ?? row.status;
        // Replying reads the answer it replies to. The status's dates follow in migration 3's trigger.
        await client.query(
          `UPDATE requests SET status = $1, unread_answer = false, version = version + 1, updated_at = $2
           WHERE id = $3`,
          [status, now, row.id],
        );
        if (status !== row.status)
          await client.query(
            "INSERT INTO request_events (request_id, at, type, actor_id, data) VALUES ($1, $2, 'status', $3, $4)",
            [
              row.id,
              now,
              input.actorId,
              storableJson({ from: row.status, to: status }),
            ],
          );
        await queueMails(client, [row], "reply", inserted.rows[0]!.id, now);
        return true;
      });
      return replied ? detailOf(scope, reference) : undefined;
    },

    async markAnswersRead(scope, reference) {
      // Only a row that is unread is written: opening a request stays a read for the others.
      await pool.query(
        `UPDATE requests AS r SET unread_answer = false
         WHERE r.reference = $1 AND r.unread_answer AND ${inScope(scope, 2)}`,
        [reference, ...scopeValues(scope)],
      );
    },
  };
}

async function requireAccount(client: pg.PoolClient, actorId: number) {
  const { rowCount } = Number.isSafeInteger(actorId)
    ? await client.query("SELECT 1 FROM support_users WHERE id = $1", [actorId])
    : { rowCount: 0 };
  if (!rowCount) throw new Error(`No account ${actorId} to reply`);
}
