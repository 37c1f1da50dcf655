import type { ConversationMessage } from "./conversation-types.ts";

/**
 * A message as both SQL stores read it — the message, its author's account and its e-mail (outbox) joined —
 * with instants as ISO 8601 text (the PostgreSQL store converts its `Date`s first).
 */
export interface MessageRow {
  id: number;
  at: string;
  author: "agent" | "requester";
  actor_id: number | null;
  actor_name: string | null;
  signature: string | null;
  text: string;
  mail_id: number | null;
  mail_state: "pending" | "sent" | "failed" | null;
  mail_attempts: number | null;
  mail_transport: "smtp" | "file" | null;
  mail_error: string | null;
  mail_sent_at: string | null;
}

/** One message of a conversation; absent columns become absent keys. */
export function toMessage(row: MessageRow): ConversationMessage {
  const message: ConversationMessage = {
    id: row.id,
    at: row.at,
    author: row.author,
    text: row.text,
  };
  if (row.actor_id !== null && row.actor_name !== null)
    message.actor = { id: row.actor_id, displayName: row.actor_name };
  if (row.signature !== null) message.signature = row.signature;
  if (row.mail_id !== null && row.mail_state !== null) {
    message.mail = {
      id: row.mail_id,
      state: row.mail_state,
      attempts: row.mail_attempts ?? 0,
    };
    if (row.mail_transport !== null)
      message.mail.transport = row.mail_transport;
    if (row.mail_error !== null) message.mail.lastError = row.mail_error;
    if (row.mail_sent_at !== null) message.mail.sentAt = row.mail_sent_at;
  }
  return message;
}
