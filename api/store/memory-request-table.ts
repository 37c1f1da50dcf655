import {
  EXCERPT_LENGTH,
  isWholeWord,
  requiredSearchTerms,
  scopeCovers,
  searchWords,
  toInstant,
} from "./support-rules.ts";
import type {
  RequestEventType,
  RequestFilters,
  RequestSummary,
  Scope,
  SupportUser,
} from "./support-types.ts";
import type { StoredRequest } from "./store.ts";
import type {
  MailKind,
  MailState,
  MailTransportKind,
  Rating,
  ReplyTemplate,
} from "./conversation-types.ts";
import { newMessageId, statusDates } from "./conversation-rules.ts";
import type { RequestStatus } from "../contract/request-statuses.ts";
import type { YoungStatus } from "../contract/vocabulary.ts";

/** One stored change of a request's timeline (its creation is not stored, as in SQLite). */
export interface MemoryEvent {
  id: number;
  at: string;
  type: Exclude<RequestEventType, "created">;
  /** Absent for automatic steps and the requester's own moves (issue 10). */
  actorId?: number;
  data: Record<string, unknown>;
}

/** A request and its console state, as one row of the SQLite `requests` table and its events. */
export interface MemoryRecord {
  id: number;
  request: StoredRequest;
  version: number;
  updatedAt?: string;
  assigneeId?: number;
  tags: string[];
  events: MemoryEvent[];
  // Issue 10, as the columns of SQLite's migration 4.
  followUpHash?: string;
  unreadAnswer: boolean;
  waitingSince?: string;
  remindedAt?: string;
  resolvedAt?: string;
  messages: MemoryMessage[];
  rating?: Rating;
  // Issue 13: what the indicators read and retention must not take away (it deletes the messages and
  // rewrites the context): the instant of the first agent reply, and the file status sent at creation.
  firstReplyAt?: string;
  fileStatus?: YoungStatus;
}

/** One message of the conversation, with the id of the e-mail that carries it. */
export interface MemoryMessage {
  id: number;
  at: string;
  author: "agent" | "requester";
  actorId?: number;
  signature?: string;
  text: string;
  mailId?: number;
}

/** One row of the mail outbox. */
export interface MemoryMail {
  id: number;
  requestId: number;
  messageRowId?: number;
  kind: MailKind;
  messageId: string;
  to: string;
  state: MailState;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  transport?: MailTransportKind;
  createdAt: string;
  sentAt?: string;
}

/** The memory store's requests, shared by its public and console parts. */
export interface MemoryState {
  /** By ascending id: the order of creation. */
  records: MemoryRecord[];
  byReference: Map<string, MemoryRecord>;
  users: Map<number, SupportUser & { passwordHash: string }>;
  lastEventId: number;
  lastMessageId: number;
  mails: Map<number, MemoryMail>;
  lastMailId: number;
  templates: Map<number, ReplyTemplate>;
  lastTemplateId: number;
}

export function createMemoryState(): MemoryState {
  return {
    records: [],
    byReference: new Map(),
    users: new Map(),
    lastEventId: 0,
    lastMessageId: 0,
    mails: new Map(),
    lastMailId: 0,
    templates: new Map(),
    lastTemplateId: 0,
  };
}

/** Whether the account's scope covers the request: referents never see one without a département. */
export function inScope(scope: Scope, request: StoredRequest): boolean {
  return scopeCovers(scope, request.department);
}

/** The filters as one predicate (`withStatus: false` for the counts per status), dates checked once. */
export function createMatcher(
  scope: Scope,
  filters: RequestFilters,
  withStatus: boolean,
) {
  const from =
    filters.from === undefined ? undefined : toInstant(filters.from, "from");
  const to = filters.to === undefined ? undefined : toInstant(filters.to, "to");
  const words = filters.q === undefined ? [] : requiredSearchTerms(filters.q);
  const statuses =
    withStatus && filters.status?.length ? filters.status : undefined;
  return (record: MemoryRecord): boolean => {
    const r = record.request;
    return (
      inScope(scope, r) &&
      (statuses === undefined || statuses.includes(r.status)) &&
      (filters.platform === undefined || r.platform === filters.platform) &&
      (filters.route === undefined || r.route === filters.route) &&
      (filters.category === undefined || r.category === filters.category) &&
      (filters.subject === undefined || r.subject === filters.subject) &&
      (filters.department === undefined ||
        r.department === filters.department) &&
      (filters.role === undefined ||
        (filters.role === "none"
          ? r.role === undefined
          : r.role === filters.role)) &&
      (from === undefined || r.createdAt >= from) &&
      (to === undefined || r.createdAt < to) &&
      (!filters.unread || record.unreadAnswer) &&
      (filters.assignee === undefined ||
        (filters.assignee === "none"
          ? record.assigneeId === undefined
          : record.assigneeId === filters.assignee)) &&
      (words.length === 0 || matchesWords(r, words))
    );
  };
}

/** Like the FTS5 query: every word begins some word of the message or the subject (a short one: is one). */
function matchesWords(request: StoredRequest, words: string[]): boolean {
  const text = searchWords(`${request.message} ${request.subject}`);
  return words.every((word) =>
    text.some((token) =>
      isWholeWord(word) ? token === word : token.startsWith(word),
    ),
  );
}

/** One inbox row. */
export function toSummary(record: MemoryRecord): RequestSummary {
  const r = record.request;
  const summary: RequestSummary = {
    reference: r.reference,
    createdAt: r.createdAt,
    status: r.status,
    platform: r.platform,
    route: r.route,
    category: r.category,
    subject: r.subject,
    // Code points, as SQLite's substr counts them.
    excerpt: Array.from(r.message).slice(0, EXCERPT_LENGTH).join(""),
    tags: [...record.tags],
    unreadAnswer: record.unreadAnswer,
  };
  if (r.department !== undefined) summary.department = r.department;
  if (r.role !== undefined) summary.role = r.role;
  if (record.assigneeId !== undefined) summary.assigneeId = record.assigneeId;
  return summary;
}

/** Moves a request's status and the dates that follow it (SQLite: the `requests_status_dates` trigger). */
export function moveStatus(
  record: MemoryRecord,
  to: RequestStatus,
  at: string,
): void {
  if (record.request.status === to) return;
  const dates = statusDates(to, at, record.resolvedAt);
  record.request.status = to;
  delete record.remindedAt;
  if (dates.waitingSince) record.waitingSince = dates.waitingSince;
  else delete record.waitingSince;
  if (dates.resolvedAt) record.resolvedAt = dates.resolvedAt;
  else delete record.resolvedAt;
}

/** Queues an e-mail for a request (nothing without an address); due at once. */
export function queueMail(
  state: MemoryState,
  record: MemoryRecord,
  kind: MailKind,
  at: string,
  messageRowId?: number,
): MemoryMail | undefined {
  const to = record.request.email;
  if (to === undefined) return undefined;
  const mail: MemoryMail = {
    id: ++state.lastMailId,
    requestId: record.id,
    kind,
    messageId: newMessageId(),
    to,
    state: "pending",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    ...(messageRowId === undefined ? {} : { messageRowId }),
  };
  state.mails.set(mail.id, mail);
  return mail;
}
