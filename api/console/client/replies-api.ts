import type { ReplyInput, ReplyTemplateBody } from "../../contract/replies.ts";
import {
  ReplyTemplateCheck,
  ReplyTemplatesAnswerCheck,
  type ReplyTemplate,
} from "../../contract/support-conversation.ts";
import {
  RequestDetailCheck,
  type RequestDetail,
} from "../../contract/support-requests.ts";
import { mapValue, requestPath, type Call } from "./call.ts";

const templatePath = (id: number) => `/reply-templates/${id}`;

/**
 * The endpoints of « answering the requester » (issue 10): replies, read marks, e-mail retries and reply
 * templates.
 */
export function repliesEndpoints(call: Call) {
  return {
    /** Sends a public reply (e-mailed by the server's outbox); answers the fresh request. */
    addReply: (reference: string, reply: ReplyInput) =>
      call<RequestDetail>("POST", requestPath(reference, "/replies"), {
        body: reply,
        check: RequestDetailCheck,
      }),
    /** The requester's answer has been seen: the inbox no longer marks it as new. */
    markAnswersRead: (reference: string) =>
      call<void>("POST", requestPath(reference, "/read")),
    /** Queues a failed e-mail again; answers the fresh request. */
    retryMail: (reference: string, mailId: number) =>
      call<RequestDetail>(
        "POST",
        requestPath(reference, `/mails/${mailId}/retry`),
        { check: RequestDetailCheck },
      ),
    /** Every reply template (any console account may read them). */
    listReplyTemplates: () =>
      call<{ templates: ReplyTemplate[] }>("GET", "/reply-templates", {
        check: ReplyTemplatesAnswerCheck,
      }).then((r) => mapValue(r, (v) => v.templates)),
    /** Writes a new template (admins and agents who may write tips; 403 otherwise). */
    createReplyTemplate: (template: ReplyTemplateBody) =>
      call<ReplyTemplate>("POST", "/reply-templates", {
        body: template,
        check: ReplyTemplateCheck,
      }),
    /** Replaces a template. */
    updateReplyTemplate: (id: number, template: ReplyTemplateBody) =>
      call<ReplyTemplate>("PUT", templatePath(id), {
        body: template,
        check: ReplyTemplateCheck,
      }),
    /** Deletes a template. */
    deleteReplyTemplate: (id: number) => call<void>("DELETE", templatePath(id)),
  };
}
