import type { RequestStatus } from "../contract/request-statuses.ts";
import type { Platform } from "../contract/vocabulary.ts";
import type { RequestDetail, Scope } from "./support-types.ts";

// Issue 10: answering the requester. Replies (public) and answers of the requester form the conversation;
// internal notes stay in the timeline (support-types.ts) and never reach the requester. What the console
// reads of it is the contract's (api/contract/support-conversation.ts).
import type {
  ConversationMessage,
  MailTransportKind,
  Rating,
  ReplyTemplate,
} from "../contract/support-conversation.ts";
export type {
  ConversationDetail,
  ConversationMessage,
  MailState,
  MailStatus,
  MailTransportKind,
  Rating,
  ReplyTemplate,
} from "../contract/support-conversation.ts";

/** Why an e-mail is sent. */
export type MailKind = "reply" | "reminder" | "resolution";

export interface NewReply {
  actorId: number;
  text: string;
  /** The status the reply leaves the request in; undefined: unchanged. */
  status?: RequestStatus;
  signature: string;
}

/** What the requester sees on `/suivi/<token>`: nothing internal (no notes, tags, assignee, context). */
export interface FollowUpView {
  reference: string;
  createdAt: string;
  status: RequestStatus;
  platform: Platform;
  /** The original message. */
  message: string;
  /** Replies (with their signature, never the account's e-mail) and the requester's answers. */
  messages: Pick<
    ConversationMessage,
    "id" | "at" | "author" | "text" | "signature"
  >[];
  rating?: Rating;
  resolvedAt?: string;
}

/** The short status the widget's « Mes demandes » shows per token. */
export interface FollowUpStatus {
  reference: string;
  status: RequestStatus;
  updatedAt: string;
  /** Number of support replies so far. */
  replies: number;
}

export type RateResult =
  | { ok: true; view: FollowUpView }
  | { ok: false; reason: "not_found" | "not_resolved" | "too_late" };

/** One e-mail the worker must send; the worker renders it at send time (the token is derived, not stored). */
export interface OutboxMail {
  id: number;
  kind: MailKind;
  /** Stable `Message-ID` (`<…@host>`): a resend after a crash carries the same one. */
  messageId: string;
  to: string;
  reference: string;
  platform: Platform;
  route: string;
  /** The reply's text and signature (kind `reply`). */
  text?: string;
  signature?: string;
  attempts: number;
  createdAt: string;
  /** The request's status when the e-mail is taken: a reply that resolved it asks for satisfaction. */
  requestStatus: RequestStatus;
}

export interface MailFailure {
  permanent: boolean;
  /** Short French reason, shown in the console. */
  error: string;
  /** For a temporary failure: when to try again. */
  nextAttemptAt?: Date;
}

export type ReplyTemplateInput = Pick<
  ReplyTemplate,
  "title" | "text" | "category" | "subject"
>;

/** What the automatic follow-ups did in one pass. */
export interface AutomationResult {
  reminded: string[];
  resolved: string[];
}

/** Storage of the conversation; both stores implement it and pass `runConversationStoreContract`. */
export interface ConversationStore {
  /**
   * A public reply: the message, its status change and its outbound e-mail (when the request has an
   * address) in ONE transaction; the e-mail is sent later by the worker, never from the request path.
   * Undefined when the request is unknown or out of scope.
   */
  addReply(
    scope: Scope,
    reference: string,
    reply: NewReply,
    now: Date,
  ): Promise<RequestDetail | undefined>;
  /** A staff member opened the request: the requester's answer is no longer « new ». */
  markAnswersRead(scope: Scope, reference: string): Promise<void>;
  /** Puts a failed e-mail back in the queue, due now. False when unknown, out of scope or not failed. */
  retryMail(
    scope: Scope,
    reference: string,
    mailId: number,
    now: Date,
  ): Promise<boolean>;

  /** The request a follow-up token's hash stands for; undefined when unknown or expired (anonymised). */
  getFollowUp(tokenHash: string): Promise<FollowUpView | undefined>;
  /** Statuses for the widget's « Mes demandes », in the order asked; unknown hashes are left out. */
  followUpStatuses(
    tokenHashes: readonly string[],
  ): Promise<(FollowUpStatus & { tokenHash: string })[]>;
  /**
   * An answer of the requester: a request waiting for them, resolved or closed goes back to « En cours »,
   * the inbox marks it unread. Undefined when the hash is unknown.
   */
  addAnswer(
    tokenHash: string,
    text: string,
    now: Date,
  ): Promise<FollowUpView | undefined>;
  /**
   * Satisfaction: only once resolved (or closed after being resolved), within RATING_ASK_DAYS of the
   * resolution; one rating per request, editable for RATING_EDIT_DAYS after it was first given.
   */
  rate(
    tokenHash: string,
    rating: { score: Rating["score"]; comment?: string },
    now: Date,
  ): Promise<RateResult>;

  /**
   * Takes up to `limit` e-mails due at `now` and leases them for `leaseMs` (their next attempt moves to
   * now + lease): a worker that dies mid-send leaves them to be taken again after the lease.
   */
  claimDueMails(
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxMail[]>;
  markMailSent(
    id: number,
    now: Date,
    transport: MailTransportKind,
  ): Promise<void>;
  markMailFailed(id: number, now: Date, failure: MailFailure): Promise<void>;
  /** E-mails still to send (pending), for tests and the start-up line. */
  countPendingMails(): Promise<number>;

  /**
   * Reminder after `reminderDays` waiting for the user (once per wait), automatic resolution after
   * `autoResolveDays`; each step is a timeline event without actor (« Automatique ») and an e-mail when
   * the request has an address.
   */
  runFollowUpAutomation(
    now: Date,
    days: { reminderDays: number; autoResolveDays: number },
  ): Promise<AutomationResult>;

  listReplyTemplates(): Promise<ReplyTemplate[]>;
  createReplyTemplate(
    input: ReplyTemplateInput,
    now: Date,
  ): Promise<ReplyTemplate>;
  updateReplyTemplate(
    id: number,
    input: ReplyTemplateInput,
    now: Date,
  ): Promise<ReplyTemplate | undefined>;
  deleteReplyTemplate(id: number): Promise<boolean>;
}

/** Satisfaction is asked for this many days after the resolution. */
export const RATING_ASK_DAYS = 30;
/** A rating may be changed for this many days after it was first given. */
export const RATING_EDIT_DAYS = 7;
/** Temporary SMTP failures are retried for at least this long before the e-mail is marked failed. */
export const MAIL_RETRY_HOURS = 26;
