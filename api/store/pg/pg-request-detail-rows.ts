import type { ConversationDetail } from "../conversation-types.ts";
import type {
  RequestDetail,
  RequestEvent,
  RequestEventType,
} from "../support-types.ts";
import { toStoredRequest, type PgRequestRow } from "./pg-request-rows.ts";

/** A request as the detail reads it (pg's types: timestamptz → Date, jsonb → object, text[] → array). */
export type PgDetailRow = PgRequestRow & {
  id: number;
  version: number;
  updated_at: Date | null;
  assignee_id: number | null;
  assignee_name: string | null;
  tags: string[];
  unread_answer: boolean;
  resolved_at: Date | null;
};

export interface PgEventRow {
  id: number;
  at: Date;
  type: RequestEventType;
  actor_id: number | null;
  actor_name: string | null;
  data: Record<string, unknown>;
}

/** The detail, the SQLite store's shape; a fresh object each time (pg parses each row anew). */
export function toPgDetail(
  row: PgDetailRow,
  events: PgEventRow[],
  conversation: Pick<ConversationDetail, "messages" | "rating">,
): RequestDetail {
  const detail: RequestDetail = {
    ...toStoredRequest(row),
    version: row.version,
    updatedAt: (row.updated_at ?? row.created_at).toISOString(),
    tags: row.tags,
    events: [
      // The creation is not stored (POST /v1/requests stays one insert): it is the request itself.
      { id: 0, at: row.created_at.toISOString(), type: "created", data: {} },
      ...events.map(toEvent),
    ],
    ...conversationOf(row, conversation),
  };
  if (row.assignee_id !== null && row.assignee_name !== null) {
    detail.assignee = { id: row.assignee_id, displayName: row.assignee_name };
  }
  return detail;
}

/** The conversation's part of the detail, as SQLite reads it (sqlite-conversation.ts). */
function conversationOf(
  row: PgDetailRow,
  { messages, rating }: Pick<ConversationDetail, "messages" | "rating">,
): ConversationDetail {
  const conversation: ConversationDetail = {
    messages,
    unreadAnswer: row.unread_answer,
  };
  if (rating) conversation.rating = rating;
  if (row.resolved_at !== null)
    conversation.resolvedAt = row.resolved_at.toISOString();
  return conversation;
}

function toEvent(row: PgEventRow): RequestEvent {
  const event: RequestEvent = {
    id: row.id,
    at: row.at.toISOString(),
    type: row.type,
    data: row.data,
  };
  if (row.actor_id !== null && row.actor_name !== null) {
    event.actor = { id: row.actor_id, displayName: row.actor_name };
  }
  return event;
}
