import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";

// Issue 10: the conversation as the console reads it. Replies (public) and answers of the requester;
// internal notes stay in the request's timeline and never reach the requester.

/** Delivery of one outbound e-mail, as the console shows it. */
export type MailState = "pending" | "sent" | "failed";
/** How a sent e-mail left: through SMTP, or written as an `.eml` file (no SMTP_URL). */
export type MailTransportKind = "smtp" | "file";

export interface MailStatus {
  id: number;
  state: MailState;
  attempts: number;
  transport?: MailTransportKind;
  /** Short French reason of the last failure (never the address). */
  lastError?: string;
  sentAt?: string;
}

/** One message of the conversation after the original request. */
export interface ConversationMessage {
  id: number;
  at: string;
  /** `agent`: a reply from support (public); `requester`: an answer through the follow-up page. */
  author: "agent" | "requester";
  /** The support account that replied (absent for the requester). */
  actor?: { id: number; displayName: string };
  /** The signature the reply carries (« L'équipe support du SNU » [— name]); agent messages only. */
  signature?: string;
  text: string;
  /** The e-mail that carries an agent reply; absent when the request has no e-mail address. */
  mail?: MailStatus;
}

/** The requester's satisfaction, 1 (« Pas du tout satisfait(e) ») to 5 (« Très satisfait(e) »). */
export interface Rating {
  score: 1 | 2 | 3 | 4 | 5;
  comment?: string;
  /** First given; editable for RATING_EDIT_DAYS after this. */
  at: string;
  updatedAt: string;
}

/** What a request's detail carries of its conversation (merged into RequestDetail). */
export interface ConversationDetail {
  messages: ConversationMessage[];
  rating?: Rating;
  /** The requester answered and no staff member opened the request since. */
  unreadAnswer: boolean;
  /** When the request last became `resolved` (satisfaction is asked for 30 days after). */
  resolvedAt?: string;
}

/** A reply template (« Réponses types »), as `/support/api/reply-templates` answers it. */
export interface ReplyTemplate {
  id: number;
  title: string;
  text: string;
  /** The category (and subject) it suits; absent: any. */
  category?: string;
  subject?: string;
  updatedAt: string;
}

/** The console's checks of the templates' answers. */
export const ReplyTemplateCheck = z.object({
  id: z.number(),
  title: z.string(),
  text: z.string(),
});
export const ReplyTemplatesAnswerCheck = z.object({
  templates: z.array(ReplyTemplateCheck),
});

// Compile-time ties between the checks and the answers' types (checks.ts).
export type TemplateChecks = [
  CheckOf<typeof ReplyTemplateCheck, ReplyTemplate>,
  CheckOf<typeof ReplyTemplatesAnswerCheck, { templates: ReplyTemplate[] }>,
];
