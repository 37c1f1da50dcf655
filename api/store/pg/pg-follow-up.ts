import type pg from "pg";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import { ratingRefusal, statusAfterAnswer } from "../conversation-rules.ts";
import type { ConversationStore } from "../conversation-types.ts";
import {
  FOLLOW_UP_COLUMNS,
  followUpView,
  readRating,
  type PgFollowUpRow,
} from "./pg-conversation-rows.ts";
import { storableJson, storableText } from "./pg-text.ts";
import { inTransaction } from "./pg-transaction.ts";

type Db = pg.Pool | pg.PoolClient;

/** The request a follow-up token's hash stands for (migration 1's unique constraint: one at most). */
async function byHash(
  db: Db,
  tokenHash: string,
  lock = "",
): Promise<PgFollowUpRow | undefined> {
  const { rows } = await db.query<PgFollowUpRow>(
    `SELECT ${FOLLOW_UP_COLUMNS} FROM requests WHERE follow_up_hash = $1 ${lock}`,
    [tokenHash],
  );
  return rows[0];
}

/** The requester's side on PostgreSQL: the follow-up page, « Mes demandes », answers and ratings. */
export function createPostgresFollowUp(
  pool: pg.Pool,
): Pick<
  ConversationStore,
  "getFollowUp" | "followUpStatuses" | "addAnswer" | "rate"
> {
  return {
    async getFollowUp(tokenHash) {
      const row = await byHash(pool, tokenHash);
      return row && followUpView(pool, row);
    },

    // One query for the whole list, in the order asked; the replies are counted from the messages' index.
    async followUpStatuses(tokenHashes) {
      const { rows } = await pool.query<{
        token_hash: string;
        reference: string;
        status: RequestStatus;
        updated_at: Date;
        replies: number;
      }>(
        `SELECT h.token_hash, r.reference, r.status, coalesce(r.updated_at, r.created_at) AS updated_at,
                (SELECT count(*)::integer FROM request_messages AS m
                 WHERE m.request_id = r.id AND m.author = 'agent') AS replies
         FROM unnest($1::text[]) WITH ORDINALITY AS h (token_hash, n)
         JOIN requests AS r ON r.follow_up_hash = h.token_hash
         ORDER BY h.n`,
        [tokenHashes],
      );
      return rows.map((row) => ({
        tokenHash: row.token_hash,
        reference: row.reference,
        status: row.status,
        updatedAt: row.updated_at.toISOString(),
        replies: row.replies,
      }));
    },

    // The request's row is taken `FOR UPDATE`, like a reply: an answer and a reply crossing on two
    // instances are applied one after the other, each on the status the other left.
    async addAnswer(tokenHash, text, now) {
      return inTransaction(pool, async (client) => {
        const row = await byHash(client, tokenHash, "FOR UPDATE");
        if (!row) return undefined;
        await client.query(
          `INSERT INTO request_messages (request_id, at, author, text) VALUES ($1, $2, 'requester', $3)`,
          [row.id, now, storableText(text)],
        );
        const status = statusAfterAnswer(row.status);
        await client.query(
          `UPDATE requests SET status = $1, unread_answer = true, version = version + 1, updated_at = $2
           WHERE id = $3`,
          [status, now, row.id],
        );
        if (status !== row.status)
          await client.query(
            "INSERT INTO request_events (request_id, at, type, data) VALUES ($1, $2, 'status', $3)",
            [
              row.id,
              now,
              storableJson({ from: row.status, to: status, requester: true }),
            ],
          );
        return followUpView(client, (await byHash(client, tokenHash))!);
      });
    },

    // `FOR SHARE`: the status and resolution date checked stay those of the commit (a reply or an answer
    // reopening the request waits). Two first ratings at once: the primary key decides, the second
    // becomes an edit of the first, which keeps its date.
    async rate(tokenHash, rating, now) {
      return inTransaction(pool, async (client) => {
        const row = await byHash(client, tokenHash, "FOR SHARE");
        if (!row) return { ok: false as const, reason: "not_found" as const };
        const refusal = ratingRefusal(
          {
            status: row.status,
            resolvedAt: row.resolved_at?.toISOString(),
          },
          await readRating(client, row.id),
          now,
        );
        if (refusal) return { ok: false as const, reason: refusal };
        await client.query(
          `INSERT INTO request_ratings AS g (request_id, score, comment, at, updated_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
             updated_at = excluded.updated_at`,
          [row.id, rating.score, storableText(rating.comment) ?? null, now],
        );
        return { ok: true as const, view: await followUpView(client, row) };
      });
    },
  };
}
