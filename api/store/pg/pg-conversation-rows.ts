import type pg from "pg";
import type {
  ConversationMessage,
  FollowUpView,
  Rating,
} from "../conversation-types.ts";
import { toMessage, type MessageRow } from "../conversation-rows.ts";
import type { PgRequestRow } from "./pg-request-rows.ts";

type Db = pg.Pool | pg.PoolClient;

/** A message row as pg gives it: instants as `Date`s. */
type PgMessageRow = Omit<MessageRow, "at" | "mail_sent_at"> & {
  at: Date;
  mail_sent_at: Date | null;
};

interface RatingRow {
  score: Rating["score"];
  comment: string | null;
  at: Date;
  updated_at: Date;
}

/** A request's messages in order, each agent reply with its e-mail's delivery (the SQLite store's shape). */
export async function readMessages(
  db: Db,
  requestId: number,
): Promise<ConversationMessage[]> {
  const { rows } = await db.query<PgMessageRow>(
    `SELECT m.id::integer AS id, m.at, m.author, m.actor_id::integer AS actor_id,
            u.display_name AS actor_name, m.signature, m.text,
            o.id::integer AS mail_id, o.state AS mail_state, o.attempts AS mail_attempts,
            o.transport AS mail_transport, o.last_error AS mail_error, o.sent_at AS mail_sent_at
     FROM request_messages AS m
     LEFT JOIN support_users AS u ON u.id = m.actor_id
     LEFT JOIN mail_outbox AS o ON o.message_row_id = m.id
     WHERE m.request_id = $1 ORDER BY m.id`,
    [requestId],
  );
  return rows.map((row) =>
    toMessage({
      ...row,
      at: row.at.toISOString(),
      mail_sent_at: row.mail_sent_at?.toISOString() ?? null,
    }),
  );
}

/** The request's rating, if it was given. */
export async function readRating(
  db: Db,
  requestId: number,
): Promise<Rating | undefined> {
  const { rows } = await db.query<RatingRow>(
    "SELECT score, comment, at, updated_at FROM request_ratings WHERE request_id = $1",
    [requestId],
  );
  return rows[0] && toRating(rows[0]);
}

/** The columns the follow-up page and the requester's actions read. */
export type PgFollowUpRow = Pick<
  PgRequestRow,
  "reference" | "created_at" | "status" | "platform" | "message"
> & { id: number; resolved_at: Date | null };

export const FOLLOW_UP_COLUMNS =
  "id::integer AS id, reference, created_at, status, platform, message, resolved_at";

/** What the requester sees: no notes, tags, assignee, context, and of a reply its signature, never its author. */
export async function followUpView(
  db: Db,
  row: PgFollowUpRow,
): Promise<FollowUpView> {
  const view: FollowUpView = {
    reference: row.reference,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    platform: row.platform,
    message: row.message,
    messages: (await readMessages(db, row.id)).map(
      ({ id, at, author, text, signature }) => ({
        id,
        at,
        author,
        text,
        ...(signature === undefined ? {} : { signature }),
      }),
    ),
  };
  const rating = await readRating(db, row.id);
  if (rating) view.rating = rating;
  if (row.resolved_at !== null) view.resolvedAt = row.resolved_at.toISOString();
  return view;
}

function toRating(row: RatingRow): Rating {
  return {
    score: row.score,
    ...(row.comment === null ? {} : { comment: row.comment }),
    at: row.at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
