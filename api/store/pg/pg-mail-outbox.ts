import type pg from "pg";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import { newMessageId } from "../conversation-rules.ts";
import type {
  ConversationStore,
  MailKind,
  OutboxMail,
} from "../conversation-types.ts";
import { inScope, scopeValues } from "./pg-conversation-scope.ts";
import type { PgRequestRow } from "./pg-request-rows.ts";
import { storableText } from "./pg-text.ts";

/**
 * Queues one e-mail per request that has an address, in the caller's transaction (the reply, the status
 * change or the follow-up it tells of is committed with it, or neither is). Due at once: the worker sends
 * it, never the request path. The Message-ID is fixed here, so a resend after a crash carries the same one.
 */
export async function queueMails(
  client: pg.PoolClient,
  requests: readonly { id: number; email: string | null }[],
  kind: MailKind,
  messageRowId: number | null,
  at: Date,
): Promise<void> {
  const addressed = requests.filter((row) => row.email !== null);
  if (!addressed.length) return;
  await client.query(
    `INSERT INTO mail_outbox (request_id, message_row_id, kind, message_id, to_address, next_attempt_at, created_at)
     SELECT q.request_id, $1, $2, q.message_id, q.to_address, $3, $3
     FROM unnest($4::bigint[], $5::text[], $6::text[]) AS q (request_id, message_id, to_address)`,
    [
      messageRowId,
      kind,
      at,
      addressed.map((row) => row.id),
      addressed.map(() => newMessageId()),
      addressed.map((row) => row.email),
    ],
  );
}

interface DueRow {
  id: number;
  kind: MailKind;
  message_id: string;
  to_address: string;
  attempts: number;
  created_at: Date;
  reference: string;
  platform: PgRequestRow["platform"];
  route: string;
  status: RequestStatus;
  text: string | null;
  signature: string | null;
}

type OutboxPart = Pick<
  ConversationStore,
  | "claimDueMails"
  | "markMailSent"
  | "markMailFailed"
  | "countPendingMails"
  | "retryMail"
>;

/**
 * The mail outbox's worker side, shared by every instance. A claim is one statement that locks the due
 * rows it takes `FOR UPDATE SKIP LOCKED` and moves them past the lease: an instance claiming at the same
 * time skips the rows being taken instead of waiting for them, and one that reaches a row just committed
 * re-checks it (READ COMMITTED) and finds it leased — so each e-mail goes to one instance, and one that
 * dies mid-send leaves it to be taken again once the lease ends.
 */
export function createPostgresMailOutbox(pool: pg.Pool): OutboxPart {
  return {
    async claimDueMails(now, limit, leaseMs) {
      const { rows } = await pool.query<DueRow>(
        `WITH due AS (
           SELECT id, next_attempt_at FROM mail_outbox
           WHERE state = 'pending' AND next_attempt_at <= $1
           ORDER BY next_attempt_at, id LIMIT $2
           FOR UPDATE SKIP LOCKED
         ), leased AS (
           UPDATE mail_outbox AS o SET next_attempt_at = $3, attempts = o.attempts + 1
           FROM due WHERE o.id = due.id
           RETURNING o.id, due.next_attempt_at AS due_at, o.kind, o.message_id, o.to_address, o.attempts,
                     o.created_at, o.request_id, o.message_row_id
         )
         SELECT l.id::integer AS id, l.kind, l.message_id, l.to_address, l.attempts, l.created_at,
                r.reference, r.platform, r.route, r.status, m.text, m.signature
         FROM leased AS l
         JOIN requests AS r ON r.id = l.request_id
         LEFT JOIN request_messages AS m ON m.id = l.message_row_id
         ORDER BY l.due_at, l.id`,
        [
          now,
          Math.max(0, Math.floor(limit)),
          new Date(now.getTime() + leaseMs),
        ],
      );
      return rows.map((row): OutboxMail => ({
        id: row.id,
        kind: row.kind,
        messageId: row.message_id,
        to: row.to_address,
        reference: row.reference,
        platform: row.platform,
        route: row.route,
        ...(row.text === null ? {} : { text: row.text }),
        ...(row.signature === null ? {} : { signature: row.signature }),
        attempts: row.attempts,
        createdAt: row.created_at.toISOString(),
        requestStatus: row.status,
      }));
    },

    async markMailSent(id, now, transport) {
      if (!Number.isSafeInteger(id)) return;
      await pool.query(
        "UPDATE mail_outbox SET state = 'sent', sent_at = $1, transport = $2, last_error = NULL WHERE id = $3",
        [now, transport, id],
      );
    },

    async markMailFailed(id, _now, failure) {
      if (!Number.isSafeInteger(id)) return;
      const error = storableText(failure.error);
      if (failure.permanent || !failure.nextAttemptAt)
        await pool.query(
          "UPDATE mail_outbox SET state = 'failed', last_error = $1 WHERE id = $2 AND state = 'pending'",
          [error, id],
        );
      else
        await pool.query(
          "UPDATE mail_outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3 AND state = 'pending'",
          [failure.nextAttemptAt, error, id],
        );
    },

    async countPendingMails() {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM mail_outbox WHERE state = 'pending'",
      );
      return rows[0]!.n;
    },

    // One statement: the e-mail must belong to the request, and the request be within the scope.
    async retryMail(scope, reference, mailId, now) {
      if (!Number.isSafeInteger(mailId)) return false;
      const { rowCount } = await pool.query(
        `UPDATE mail_outbox AS o SET state = 'pending', next_attempt_at = $1, last_error = NULL
         FROM requests AS r
         WHERE o.id = $2 AND o.state = 'failed' AND r.id = o.request_id AND r.reference = $3
           AND ${inScope(scope, 4)}`,
        [now, mailId, reference, ...scopeValues(scope)],
      );
      return rowCount === 1;
    },
  };
}
