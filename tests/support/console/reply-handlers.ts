import { http, HttpResponse } from "msw";
import {
  replySignature,
  type ReplyInput,
  type ReplyTemplateBody,
} from "../../../api/contract/replies.ts";
import type {
  ConversationMessage,
  ReplyTemplate,
} from "../../../api/store/conversation-types.ts";
import type { RequestDetail } from "../../../api/store/support-types.ts";
import { apiUrl, NOW } from "./fixtures.ts";
import {
  errorResponse,
  event,
  notFound,
  unauthenticated,
  type FakeConsoleApi,
} from "./handlers.ts";

/** A reply template as the API stores it. */
export function makeTemplate(
  overrides: Partial<ReplyTemplate> = {},
): ReplyTemplate {
  return {
    id: 1,
    title: "Téléversement : format du document",
    text: "Bonjour,\nPour votre demande {reference} sur la page {page}, envoyez un PDF ou une photo nette.",
    category: "TECHNICAL",
    subject: "UPLOAD",
    updatedAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}

const forbidden = () =>
  errorResponse(
    403,
    "forbidden",
    "Votre compte ne peut pas modifier les réponses types.",
  );
const invalid = (path: string, message: string) =>
  HttpResponse.json(
    {
      error: {
        code: "validation_failed",
        message: "Certaines informations sont invalides.",
        details: [{ path, message }],
      },
    },
    { status: 400 },
  );

/**
 * The issue 10 endpoints of the console API, backed by the fake's state: replies (the e-mail queued when
 * the request has an address), read marks, e-mail retries and reply templates (written by admins and
 * agents allowed to write tips only, like the server).
 */
export function replyHandlers(fake: FakeConsoleApi) {
  const detailOf = (params: Record<string, unknown>) =>
    fake.details.get(String(params.reference));
  const canWrite = () =>
    fake.user!.role === "admin" || fake.user!.canEditTips === true;
  let nextId = 100;

  return [
    http.post(
      apiUrl("/requests/:reference/replies"),
      async ({ params, request }) => {
        if (!fake.user) return unauthenticated();
        const detail = detailOf(params);
        if (!detail) return notFound();
        const reply = (await request.json()) as ReplyInput;
        if (!reply.text?.trim()) return invalid("text", "Écrivez la réponse.");
        const message: ConversationMessage = {
          id: nextId++,
          at: new Date(NOW.getTime() + 60_000).toISOString(),
          author: "agent",
          actor: { id: fake.user.id, displayName: fake.user.displayName },
          signature: replySignature(
            reply.signWithName ? fake.user.displayName : undefined,
          ),
          text: reply.text,
          ...(detail.email
            ? { mail: { id: nextId++, state: "pending" as const, attempts: 0 } }
            : {}),
        };
        const next: RequestDetail = {
          ...detail,
          version: detail.version + 1,
          events: [...detail.events],
          messages: [...detail.messages, message],
        };
        if (reply.status !== "unchanged" && reply.status !== detail.status) {
          next.events.push(
            event(fake, next, "status", {
              from: detail.status,
              to: reply.status,
            }),
          );
          next.status = reply.status;
        }
        fake.details.set(next.reference, next);
        return HttpResponse.json(next, { status: 201 });
      },
    ),
    http.post(apiUrl("/requests/:reference/read"), ({ params }) => {
      if (!fake.user) return unauthenticated();
      const detail = detailOf(params);
      if (!detail) return notFound();
      fake.details.set(detail.reference, { ...detail, unreadAnswer: false });
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(apiUrl("/requests/:reference/mails/:id/retry"), ({ params }) => {
      if (!fake.user) return unauthenticated();
      const detail = detailOf(params);
      const id = Number(params.id);
      const failed = detail?.messages.find(
        (m) => m.mail?.id === id && m.mail.state === "failed",
      );
      if (!detail || !failed) return notFound();
      const next: RequestDetail = {
        ...detail,
        messages: detail.messages.map((m) =>
          m === failed
            ? { ...m, mail: { id, state: "pending", attempts: 0 } }
            : m,
        ),
      };
      fake.details.set(next.reference, next);
      return HttpResponse.json(next);
    }),
    http.get(apiUrl("/reply-templates"), () =>
      fake.user
        ? HttpResponse.json({ templates: fake.templates })
        : unauthenticated(),
    ),
    http.post(apiUrl("/reply-templates"), async ({ request }) => {
      if (!fake.user) return unauthenticated();
      if (!canWrite()) return forbidden();
      const body = (await request.json()) as ReplyTemplateBody;
      if (!body.title?.trim()) return invalid("title", "Donnez un titre.");
      const created: ReplyTemplate = {
        ...body,
        id: nextId++,
        updatedAt: NOW.toISOString(),
      };
      fake.templates = [...fake.templates, created];
      return HttpResponse.json(created, { status: 201 });
    }),
    http.put(apiUrl("/reply-templates/:id"), async ({ params, request }) => {
      if (!fake.user) return unauthenticated();
      if (!canWrite()) return forbidden();
      const id = Number(params.id);
      if (!fake.templates.some((t) => t.id === id)) return notFound();
      const body = (await request.json()) as ReplyTemplateBody;
      const updated: ReplyTemplate = {
        ...body,
        id,
        updatedAt: NOW.toISOString(),
      };
      fake.templates = fake.templates.map((t) => (t.id === id ? updated : t));
      return HttpResponse.json(updated);
    }),
    http.delete(apiUrl("/reply-templates/:id"), ({ params }) => {
      if (!fake.user) return unauthenticated();
      if (!canWrite()) return forbidden();
      const id = Number(params.id);
      if (!fake.templates.some((t) => t.id === id)) return notFound();
      fake.templates = fake.templates.filter((t) => t.id !== id);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
