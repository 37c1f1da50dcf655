import type { ReplyInput, ReplyTemplateBody } from "../contract/replies.ts";
import type { ReplyTemplate } from "../store/conversation-types.ts";
import type { RequestDetail } from "../store/support-types.ts";
import type { Call } from "./tips-api.ts";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** Whether a body is a reply template as the API answers it. */
export function isReplyTemplate(body: unknown): body is ReplyTemplate {
  return (
    isObject(body) &&
    typeof body.id === "number" &&
    typeof body.title === "string" &&
    typeof body.text === "string"
  );
}

const requestPath = (reference: string, rest: string) =>
  `/requests/${encodeURIComponent(reference)}${rest}`;
const templatePath = (id: number) => `/reply-templates/${id}`;

/**
 * The endpoints of « answering the requester » (issue 10): replies, read marks, e-mail retries and reply
 * templates. `isRequestDetail` is the api-client's own check of a request body.
 */
export function repliesEndpoints(
  call: Call,
  isRequestDetail: (body: unknown) => boolean,
) {
  return {
    /** Sends a public reply (e-mailed by the server's outbox); answers the fresh request. */
    addReply: (reference: string, reply: ReplyInput) =>
      call<RequestDetail>("POST", requestPath(reference, "/replies"), {
        body: reply,
        isValue: isRequestDetail,
      }),
    /** The requester's answer has been seen: the inbox no longer marks it as new. */
    markAnswersRead: (reference: string) =>
      call<void>("POST", requestPath(reference, "/read")),
    /** Queues a failed e-mail again; answers the fresh request. */
    retryMail: (reference: string, mailId: number) =>
      call<RequestDetail>(
        "POST",
        requestPath(reference, `/mails/${mailId}/retry`),
        { isValue: isRequestDetail },
      ),
    /** Every reply template (any console account may read them). */
    listReplyTemplates: () =>
      call<{ templates: ReplyTemplate[] }>("GET", "/reply-templates", {
        isValue: (b) => isObject(b) && Array.isArray(b.templates),
      }).then((r) =>
        r.ok ? { ok: true as const, value: r.value.templates } : r,
      ),
    /** Writes a new template (admins and agents who may write tips; 403 otherwise). */
    createReplyTemplate: (template: ReplyTemplateBody) =>
      call<ReplyTemplate>("POST", "/reply-templates", {
        body: template,
        isValue: isReplyTemplate,
      }),
    /** Replaces a template. */
    updateReplyTemplate: (id: number, template: ReplyTemplateBody) =>
      call<ReplyTemplate>("PUT", templatePath(id), {
        body: template,
        isValue: isReplyTemplate,
      }),
    /** Deletes a template. */
    deleteReplyTemplate: (id: number) => call<void>("DELETE", templatePath(id)),
  };
}
