import type Database from "better-sqlite3";
import type { RequestStatus } from "../contract/request-statuses.ts";
import {
  daysBefore,
  newMessageId,
  ratingRefusal,
  statusAfterAnswer,
} from "./conversation-rules.ts";
import type {
  ConversationDetail,
  ConversationMessage,
  ConversationStore,
  FollowUpView,
  MailKind,
  Rating,
} from "./conversation-types.ts";
import { toMessage, type MessageRow } from "./conversation-rows.ts";
import type { RequestRow } from "./sqlite-rows.ts";
import type { Scope, SupportStore } from "./support-types.ts";

/** The columns migration 4 adds to `requests`. */
export interface ConversationColumns {
  follow_up_hash: string | null;
  unread_answer: number;
  waiting_since: string | null;
  reminded_at: string | null;
  resolved_at: string | null;
}
type Row = RequestRow & ConversationColumns;

interface RatingRow {
  score: Rating["score"];
  comment: string | null;
  at: string;
  updated_at: string;
}

/** Reads a request's conversation (messages with their e-mail's delivery, rating) on SQLite. */
export function createSqliteConversationReader(db: Database.Database) {
  const messagesOf = db.prepare<[number], MessageRow>(
    `SELECT m.id, m.at, m.author, m.actor_id, u.display_name AS actor_name, m.signature, m.text,
            o.id AS mail_id, o.state AS mail_state, o.attempts AS mail_attempts,
            o.transport AS mail_transport, o.last_error AS mail_error, o.sent_at AS mail_sent_at
     FROM request_messages AS m
     LEFT JOIN support_users AS u ON u.id = m.actor_id
     LEFT JOIN mail_outbox AS o ON o.message_row_id = m.id
     WHERE m.request_id = ? ORDER BY m.id`,
  );
  const ratingOf = db.prepare<[number], RatingRow>(
    "SELECT score, comment, at, updated_at FROM request_ratings WHERE request_id = ?",
  );
  return {
    messages: (requestId: number) => messagesOf.all(requestId).map(toMessage),
    rating: (requestId: number) => {
      const row = ratingOf.get(requestId);
      return row && toRating(row);
    },
    detail(row: Row): ConversationDetail {
      const detail: ConversationDetail = {
        messages: messagesOf.all(row.id).map(toMessage),
        unreadAnswer: row.unread_answer === 1,
      };
      const rating = ratingOf.get(row.id);
      if (rating) detail.rating = toRating(rating);
      if (row.resolved_at !== null) detail.resolvedAt = row.resolved_at;
      return detail;
    },
  };
}

/**
 * Queues an e-mail for a request, in the caller's transaction; nothing when the request has no address.
 * Due at once: the worker sends it, never the request path.
 */
export function createMailQueue(db: Database.Database) {
  const insertMail = db.prepare(
    `INSERT INTO mail_outbox (request_id, message_row_id, kind, message_id, to_address, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return (
    row: { id: number; email: string | null },
    kind: MailKind,
    messageRowId: number | null,
    at: string,
  ) => {
    if (row.email === null) return;
    insertMail.run(
      row.id,
      messageRowId,
      kind,
      newMessageId(),
      row.email,
      at,
      at,
    );
  };
}

/** The conversation on SQLite: replies with their outbox row in one transaction, follow-ups, ratings. */
export function createSqliteConversation(
  db: Database.Database,
  detailOf: SupportStore["getRequestDetail"],
): ConversationStore {
  const reader = createSqliteConversationReader(db);
  const byReference = db.prepare<[string], Row>(
    "SELECT * FROM requests WHERE reference = ?",
  );
  const byReferenceInDepartments = db.prepare<[string, string], Row>(
    "SELECT * FROM requests WHERE reference = ? AND department IN (SELECT value FROM json_each(?))",
  );
  const byHash = db.prepare<[string], Row>(
    "SELECT * FROM requests WHERE follow_up_hash = ?",
  );
  const account = db.prepare<[number], { id: number }>(
    "SELECT id FROM support_users WHERE id = ?",
  );
  const insertMessage = db.prepare<
    [number, string, string, number | null, string | null, string]
  >(
    "INSERT INTO request_messages (request_id, at, author, actor_id, signature, text) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertEvent = db.prepare(
    "INSERT INTO request_events (request_id, at, type, actor_id, data) VALUES (?, ?, ?, ?, ?)",
  );
  const setStatus = db.prepare(
    "UPDATE requests SET status = ?, unread_answer = ?, version = version + 1, updated_at = ? WHERE id = ?",
  );
  const setUnread = db.prepare(
    "UPDATE requests SET unread_answer = ? WHERE id = ?",
  );
  const markReminded = db.prepare(
    "UPDATE requests SET reminded_at = ?, version = version + 1, updated_at = ? WHERE id = ?",
  );
  const upsertRating = db.prepare(
    `INSERT INTO request_ratings (request_id, score, comment, at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
       updated_at = excluded.updated_at`,
  );
  const retry = db.prepare(
    `UPDATE mail_outbox SET state = 'pending', next_attempt_at = ?, last_error = NULL
     WHERE id = ? AND request_id = ? AND state = 'failed'`,
  );
  const dueMails = db.prepare<
    [string, number],
    {
      id: number;
      kind: MailKind;
      message_id: string;
      to_address: string;
      attempts: number;
      created_at: string;
      reference: string;
      platform: Row["platform"];
      route: string;
      status: RequestStatus;
      text: string | null;
      signature: string | null;
    }
  >(
    `SELECT o.id, o.kind, o.message_id, o.to_address, o.attempts, o.created_at,
            r.reference, r.platform, r.route, r.status, m.text, m.signature
     FROM mail_outbox AS o
     JOIN requests AS r ON r.id = o.request_id
     LEFT JOIN request_messages AS m ON m.id = o.message_row_id
     WHERE o.state = 'pending' AND o.next_attempt_at <= ?
     ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  );
  const lease = db.prepare(
    "UPDATE mail_outbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?",
  );
  const sent = db.prepare(
    "UPDATE mail_outbox SET state = 'sent', sent_at = ?, transport = ?, last_error = NULL WHERE id = ?",
  );
  const failedForGood = db.prepare(
    "UPDATE mail_outbox SET state = 'failed', last_error = ? WHERE id = ? AND state = 'pending'",
  );
  const failedForNow = db.prepare(
    "UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'",
  );
  // « Mes demandes » needs the number of replies only, not the messages and their e-mails.
  const countReplies = db
    .prepare(
      "SELECT count(*) FROM request_messages WHERE request_id = ? AND author = 'agent'",
    )
    .pluck();
  const pendingCount = db
    .prepare("SELECT count(*) FROM mail_outbox WHERE state = 'pending'")
    .pluck();
  const toRemind = db.prepare<[string, string], Row>(
    `SELECT * FROM requests WHERE status = 'waiting_user' AND waiting_since <= ? AND waiting_since > ?
       AND reminded_at IS NULL ORDER BY id`,
  );
  const toResolve = db.prepare<[string], Row>(
    "SELECT * FROM requests WHERE status = 'waiting_user' AND waiting_since <= ? ORDER BY id",
  );
  const templates = db.prepare<[], TemplateRow>(
    "SELECT * FROM reply_templates ORDER BY title COLLATE NOCASE, id",
  );
  const templateById = db.prepare<[number], TemplateRow>(
    "SELECT * FROM reply_templates WHERE id = ?",
  );
  const insertTemplate = db.prepare(
    "INSERT INTO reply_templates (title, text, category, subject, updated_at) VALUES (?, ?, ?, ?, ?)",
  );
  const updateTemplate = db.prepare(
    "UPDATE reply_templates SET title = ?, text = ?, category = ?, subject = ?, updated_at = ? WHERE id = ?",
  );
  const deleteTemplate = db.prepare("DELETE FROM reply_templates WHERE id = ?");

  const find = (scope: Scope, reference: string) =>
    scope.kind === "all"
      ? byReference.get(reference)
      : byReferenceInDepartments.get(
          reference,
          JSON.stringify(scope.departments),
        );
  const queueMail = createMailQueue(db);
  const viewOf = (row: Row): FollowUpView => {
    const view: FollowUpView = {
      reference: row.reference,
      createdAt: row.created_at,
      status: row.status,
      platform: row.platform,
      message: row.message,
      // The account behind a reply is staff-side data: the requester sees the signature only.
      messages: reader
        .messages(row.id)
        .map(({ id, at, author, text, signature }) => ({
          id,
          at,
          author,
          text,
          ...(signature === undefined ? {} : { signature }),
        })),
    };
    const rating = reader.rating(row.id);
    if (rating) view.rating = rating;
    if (row.resolved_at !== null) view.resolvedAt = row.resolved_at;
    return view;
  };

  const reply = db.transaction(
    (
      scope: Scope,
      reference: string,
      input: Parameters<ConversationStore["addReply"]>[2],
      now: Date,
    ): boolean => {
      const row = find(scope, reference);
      if (!row) return false;
      if (!account.get(input.actorId))
        throw new Error(`No account ${input.actorId} to reply`);
      const at = now.toISOString();
      const messageRowId = Number(
        insertMessage.run(
          row.id,
          at,
          "agent",
          input.actorId,
          input.signature,
          input.text,
        ).lastInsertRowid,
      );
      const status: RequestStatus = input.status ?? row.status;
      // Replying reads the answer it replies to.
      setStatus.run(status, 0, at, row.id);
      if (status !== row.status)
        insertEvent.run(
          row.id,
          at,
          "status",
          input.actorId,
          JSON.stringify({ from: row.status, to: status }),
        );
      queueMail(row, "reply", messageRowId, at);
      return true;
    },
  );

  const answer = db.transaction(
    (tokenHash: string, text: string, now: Date): FollowUpView | undefined => {
      const row = byHash.get(tokenHash);
      if (!row) return undefined;
      const at = now.toISOString();
      insertMessage.run(row.id, at, "requester", null, null, text);
      const status = statusAfterAnswer(row.status);
      setStatus.run(status, 1, at, row.id);
      if (status !== row.status)
        insertEvent.run(
          row.id,
          at,
          "status",
          null,
          JSON.stringify({ from: row.status, to: status, requester: true }),
        );
      return viewOf(byHash.get(tokenHash)!);
    },
  );

  const rate = db.transaction(
    (
      tokenHash: string,
      rating: { score: Rating["score"]; comment?: string },
      now: Date,
    ) => {
      const row = byHash.get(tokenHash);
      if (!row) return { ok: false as const, reason: "not_found" as const };
      const refusal = ratingRefusal(
        { status: row.status, resolvedAt: row.resolved_at ?? undefined },
        reader.rating(row.id),
        now,
      );
      if (refusal) return { ok: false as const, reason: refusal };
      const at = now.toISOString();
      upsertRating.run(row.id, rating.score, rating.comment ?? null, at, at);
      return { ok: true as const, view: viewOf(row) };
    },
  );

  const claim = db.transaction((now: Date, limit: number, leaseMs: number) => {
    const rows = dueMails.all(now.toISOString(), limit);
    const until = new Date(now.getTime() + leaseMs).toISOString();
    for (const row of rows) lease.run(until, row.id);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      messageId: row.message_id,
      to: row.to_address,
      reference: row.reference,
      platform: row.platform,
      route: row.route,
      ...(row.text === null ? {} : { text: row.text }),
      ...(row.signature === null ? {} : { signature: row.signature }),
      attempts: row.attempts + 1,
      createdAt: row.created_at,
      requestStatus: row.status,
    }));
  });

  const automate = db.transaction(
    (now: Date, days: { reminderDays: number; autoResolveDays: number }) => {
      const at = now.toISOString();
      const resolveBefore = daysBefore(now, days.autoResolveDays);
      const resolved: string[] = [];
      for (const row of toResolve.all(resolveBefore)) {
        setStatus.run("resolved", row.unread_answer, at, row.id);
        insertEvent.run(
          row.id,
          at,
          "status",
          null,
          JSON.stringify({ from: row.status, to: "resolved", auto: true }),
        );
        queueMail(row, "resolution", null, at);
        resolved.push(row.reference);
      }
      const reminded: string[] = [];
      for (const row of toRemind.all(
        daysBefore(now, days.reminderDays),
        resolveBefore,
      )) {
        markReminded.run(at, at, row.id);
        insertEvent.run(
          row.id,
          at,
          "reminder",
          null,
          JSON.stringify({ auto: true }),
        );
        queueMail(row, "reminder", null, at);
        reminded.push(row.reference);
      }
      return { reminded, resolved };
    },
  );

  return {
    async addReply(scope, reference, input, now) {
      return reply.immediate(scope, reference, input, now)
        ? detailOf(scope, reference)
        : undefined;
    },
    async markAnswersRead(scope, reference) {
      const row = find(scope, reference);
      if (row?.unread_answer) setUnread.run(0, row.id);
    },
    async retryMail(scope, reference, mailId, now) {
      const row = find(scope, reference);
      return (
        !!row && retry.run(now.toISOString(), mailId, row.id).changes === 1
      );
    },
    async getFollowUp(tokenHash) {
      const row = byHash.get(tokenHash);
      return row && viewOf(row);
    },
    async followUpStatuses(tokenHashes) {
      return tokenHashes.flatMap((tokenHash) => {
        const row = byHash.get(tokenHash);
        if (!row) return [];
        return [
          {
            tokenHash,
            reference: row.reference,
            status: row.status,
            updatedAt: row.updated_at ?? row.created_at,
            replies: countReplies.get(row.id) as number,
          },
        ];
      });
    },
    async addAnswer(tokenHash, text, now) {
      return answer.immediate(tokenHash, text, now);
    },
    async rate(tokenHash, rating, now) {
      return rate.immediate(tokenHash, rating, now);
    },
    async claimDueMails(now, limit, leaseMs) {
      return claim.immediate(now, limit, leaseMs);
    },
    async markMailSent(id, now, transport) {
      sent.run(now.toISOString(), transport, id);
    },
    async markMailFailed(id, _now, failure) {
      if (failure.permanent || !failure.nextAttemptAt)
        failedForGood.run(failure.error, id);
      else
        failedForNow.run(
          failure.nextAttemptAt.toISOString(),
          failure.error,
          id,
        );
    },
    async countPendingMails() {
      return pendingCount.get() as number;
    },
    async runFollowUpAutomation(now, days) {
      return automate.immediate(now, days);
    },
    async listReplyTemplates() {
      return templates.all().map(toTemplate);
    },
    async createReplyTemplate(input, now) {
      const id = Number(
        insertTemplate.run(
          input.title,
          input.text,
          input.category ?? null,
          input.subject ?? null,
          now.toISOString(),
        ).lastInsertRowid,
      );
      return toTemplate(templateById.get(id)!);
    },
    async updateReplyTemplate(id, input, now) {
      const changed = updateTemplate.run(
        input.title,
        input.text,
        input.category ?? null,
        input.subject ?? null,
        now.toISOString(),
        id,
      ).changes;
      return changed ? toTemplate(templateById.get(id)!) : undefined;
    },
    async deleteReplyTemplate(id) {
      return deleteTemplate.run(id).changes === 1;
    },
  };
}

interface TemplateRow {
  id: number;
  title: string;
  text: string;
  category: string | null;
  subject: string | null;
  updated_at: string;
}

function toTemplate(row: TemplateRow) {
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    ...(row.category === null ? {} : { category: row.category }),
    ...(row.subject === null ? {} : { subject: row.subject }),
    updatedAt: row.updated_at,
  };
}

function toRating(row: RatingRow): Rating {
  return {
    score: row.score,
    ...(row.comment === null ? {} : { comment: row.comment }),
    at: row.at,
    updatedAt: row.updated_at,
  };
}
