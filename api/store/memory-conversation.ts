import {
  daysBefore,
  ratingRefusal,
  statusAfterAnswer,
} from "./conversation-rules.ts";
import type {
  ConversationDetail,
  ConversationMessage,
  ConversationStore,
  FollowUpView,
  OutboxMail,
} from "./conversation-types.ts";
import {
  inScope,
  moveStatus,
  queueMail,
  type MemoryEvent,
  type MemoryRecord,
  type MemoryState,
} from "./memory-request-table.ts";
import type { Scope, SupportStore } from "./support-types.ts";

/** A request's conversation as the console's detail shows it. */
export function conversationOf(
  state: MemoryState,
  record: MemoryRecord,
): ConversationDetail {
  const detail: ConversationDetail = {
    messages: record.messages.map((m): ConversationMessage => {
      const actor =
        m.actorId === undefined ? undefined : state.users.get(m.actorId);
      const mail =
        m.mailId === undefined ? undefined : state.mails.get(m.mailId);
      return {
        id: m.id,
        at: m.at,
        author: m.author,
        text: m.text,
        ...(actor
          ? { actor: { id: actor.id, displayName: actor.displayName } }
          : {}),
        ...(m.signature === undefined ? {} : { signature: m.signature }),
        ...(mail
          ? {
              mail: {
                id: mail.id,
                state: mail.state,
                attempts: mail.attempts,
                ...(mail.transport ? { transport: mail.transport } : {}),
                ...(mail.lastError ? { lastError: mail.lastError } : {}),
                ...(mail.sentAt ? { sentAt: mail.sentAt } : {}),
              },
            }
          : {}),
      };
    }),
    unreadAnswer: record.unreadAnswer,
  };
  if (record.rating) detail.rating = { ...record.rating };
  if (record.resolvedAt) detail.resolvedAt = record.resolvedAt;
  return detail;
}

/** The conversation in memory, with SQLite's rules (see sqlite-conversation.ts). */
export function createMemoryConversation(
  state: MemoryState,
  detailOf: SupportStore["getRequestDetail"],
): ConversationStore {
  const find = (scope: Scope, reference: string) => {
    const record = state.byReference.get(reference);
    return record && inScope(scope, record.request) ? record : undefined;
  };
  const byHash = (tokenHash: string) =>
    state.records.find((r) => r.followUpHash === tokenHash);
  const event = (record: MemoryRecord, e: Omit<MemoryEvent, "id">) =>
    record.events.push({ ...e, id: ++state.lastEventId });
  const touch = (record: MemoryRecord, at: string) => {
    record.version++;
    record.updatedAt = at;
  };
  const viewOf = (record: MemoryRecord): FollowUpView => {
    const r = record.request;
    const view: FollowUpView = {
      reference: r.reference,
      createdAt: r.createdAt,
      status: r.status,
      platform: r.platform,
      message: r.message,
      messages: record.messages.map(({ id, at, author, text, signature }) => ({
        id,
        at,
        author,
        text,
        ...(signature === undefined ? {} : { signature }),
      })),
    };
    if (record.rating) view.rating = { ...record.rating };
    if (record.resolvedAt) view.resolvedAt = record.resolvedAt;
    return view;
  };

  return {
    async addReply(scope, reference, reply, now) {
      const record = find(scope, reference);
      if (!record) return undefined;
      if (!state.users.has(reply.actorId))
        throw new Error(`No account ${reply.actorId} to reply`);
      const at = now.toISOString();
      const from = record.request.status;
      const message = {
        id: ++state.lastMessageId,
        at,
        author: "agent" as const,
        actorId: reply.actorId,
        signature: reply.signature,
        text: reply.text,
      };
      record.messages.push(message);
      record.firstReplyAt ??= at;
      const to = reply.status ?? from;
      moveStatus(record, to, at);
      if (to !== from)
        event(record, {
          type: "status",
          at,
          actorId: reply.actorId,
          data: { from, to },
        });
      record.unreadAnswer = false;
      touch(record, at);
      const mail = queueMail(state, record, "reply", at, message.id);
      if (mail) Object.assign(message, { mailId: mail.id });
      return detailOf(scope, reference);
    },

    async markAnswersRead(scope, reference) {
      const record = find(scope, reference);
      if (record) record.unreadAnswer = false;
    },

    async retryMail(scope, reference, mailId, now) {
      const record = find(scope, reference);
      const mail = state.mails.get(mailId);
      if (!record || mail?.requestId !== record.id || mail.state !== "failed")
        return false;
      mail.state = "pending";
      mail.nextAttemptAt = now.toISOString();
      delete mail.lastError;
      return true;
    },

    async getFollowUp(tokenHash) {
      const record = byHash(tokenHash);
      return record && viewOf(record);
    },

    async followUpStatuses(tokenHashes) {
      return tokenHashes.flatMap((tokenHash) => {
        const record = byHash(tokenHash);
        if (!record) return [];
        return [
          {
            tokenHash,
            reference: record.request.reference,
            status: record.request.status,
            updatedAt: record.updatedAt ?? record.request.createdAt,
            replies: record.messages.filter((m) => m.author === "agent").length,
          },
        ];
      });
    },

    async addAnswer(tokenHash, text, now) {
      const record = byHash(tokenHash);
      if (!record) return undefined;
      const at = now.toISOString();
      record.messages.push({
        id: ++state.lastMessageId,
        at,
        author: "requester",
        text,
      });
      const from = record.request.status;
      const to = statusAfterAnswer(from);
      moveStatus(record, to, at);
      if (to !== from)
        event(record, {
          type: "status",
          at,
          data: { from, to, requester: true },
        });
      record.unreadAnswer = true;
      touch(record, at);
      return viewOf(record);
    },

    async rate(tokenHash, rating, now) {
      const record = byHash(tokenHash);
      if (!record) return { ok: false, reason: "not_found" };
      const refusal = ratingRefusal(
        { status: record.request.status, resolvedAt: record.resolvedAt },
        record.rating,
        now,
      );
      if (refusal) return { ok: false, reason: refusal };
      const at = now.toISOString();
      record.rating = {
        score: rating.score,
        ...(rating.comment === undefined ? {} : { comment: rating.comment }),
        at: record.rating?.at ?? at,
        updatedAt: at,
      };
      return { ok: true, view: viewOf(record) };
    },

    async claimDueMails(now, limit, leaseMs) {
      const due = [...state.mails.values()]
        .filter(
          (m) => m.state === "pending" && m.nextAttemptAt <= now.toISOString(),
        )
        .sort(
          (a, b) =>
            a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id,
        )
        .slice(0, limit);
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return due.flatMap((mail): OutboxMail[] => {
        const record = state.records[mail.requestId - 1]!;
        const message = record.messages.find((m) => m.id === mail.messageRowId);
        mail.nextAttemptAt = until;
        mail.attempts++;
        return [
          {
            id: mail.id,
            kind: mail.kind,
            messageId: mail.messageId,
            to: mail.to,
            reference: record.request.reference,
            platform: record.request.platform,
            route: record.request.route,
            ...(message ? { text: message.text } : {}),
            ...(message?.signature ? { signature: message.signature } : {}),
            attempts: mail.attempts,
            createdAt: mail.createdAt,
            requestStatus: record.request.status,
          },
        ];
      });
    },

    async markMailSent(id, now, transport) {
      const mail = state.mails.get(id);
      if (!mail) return;
      mail.state = "sent";
      mail.sentAt = now.toISOString();
      mail.transport = transport;
      delete mail.lastError;
    },

    async markMailFailed(id, _now, failure) {
      const mail = state.mails.get(id);
      if (mail?.state !== "pending") return;
      mail.lastError = failure.error;
      if (failure.permanent || !failure.nextAttemptAt) mail.state = "failed";
      else mail.nextAttemptAt = failure.nextAttemptAt.toISOString();
    },

    async countPendingMails() {
      return [...state.mails.values()].filter((m) => m.state === "pending")
        .length;
    },

    async runFollowUpAutomation(now, days) {
      const at = now.toISOString();
      const resolveBefore = daysBefore(now, days.autoResolveDays);
      const remindBefore = daysBefore(now, days.reminderDays);
      const waiting = state.records.filter(
        (r) =>
          r.request.status === "waiting_user" && r.waitingSince !== undefined,
      );
      const resolved: string[] = [];
      const reminded: string[] = [];
      for (const record of waiting) {
        const since = record.waitingSince!;
        if (since <= resolveBefore) {
          moveStatus(record, "resolved", at);
          event(record, {
            type: "status",
            at,
            data: { from: "waiting_user", to: "resolved", auto: true },
          });
          touch(record, at);
          queueMail(state, record, "resolution", at);
          resolved.push(record.request.reference);
        } else if (since <= remindBefore && record.remindedAt === undefined) {
          record.remindedAt = at;
          event(record, { type: "reminder", at, data: { auto: true } });
          touch(record, at);
          queueMail(state, record, "reminder", at);
          reminded.push(record.request.reference);
        }
      }
      return { reminded, resolved };
    },

    async listReplyTemplates() {
      return [...state.templates.values()]
        .sort(
          (a, b) =>
            a.title.localeCompare(b.title, "fr", { sensitivity: "base" }) ||
            a.id - b.id,
        )
        .map((t) => ({ ...t }));
    },

    async createReplyTemplate(input, now) {
      const template = {
        id: ++state.lastTemplateId,
        ...withoutUndefined(input),
        updatedAt: now.toISOString(),
      };
      state.templates.set(template.id, template);
      return { ...template };
    },

    async updateReplyTemplate(id, input, now) {
      if (!state.templates.has(id)) return undefined;
      const template = {
        id,
        ...withoutUndefined(input),
        updatedAt: now.toISOString(),
      };
      state.templates.set(id, template);
      return { ...template };
    },

    async deleteReplyTemplate(id) {
      return state.templates.delete(id);
    },
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
