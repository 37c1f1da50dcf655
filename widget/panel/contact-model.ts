import { categoriesFor, type Category } from "../../api/contract/categories.ts";
import type { ErrorDetail } from "../../api/contract/errors.ts";
import type { Role } from "../../api/contract/vocabulary.ts";
import type {
  CreateRequest,
  RequestContext,
} from "../../api/contract/request.ts";
import {
  emailError,
  messageError,
  REQUEST_MESSAGES,
} from "../../api/contract/request-rules.ts";
import type { FailureCode } from "./api-client.ts";

/** What the user typed or chose. */
export interface ContactDraft {
  category: string;
  subject: string;
  message: string;
  email: string;
}
export type ContactField = keyof ContactDraft;
export type FieldErrors = Partial<Record<ContactField, string>>;

export const EMPTY_DRAFT: ContactDraft = {
  category: "",
  subject: "",
  message: "",
  email: "",
};
/** The fields in the order of the form (the first invalid one takes the focus). */
export const FIELDS: readonly ContactField[] = [
  "category",
  "subject",
  "message",
  "email",
];

/** Categories offered to this person on this platform (a parent or a visitor has no role). */
export function offeredCategories(context: RequestContext): Category[] {
  return categoriesFor(
    context.platform,
    context.identity?.role as Role | undefined,
  );
}

/**
 * The request body, or the errors per field, checked with the API's own rules (request-rules.ts). The
 * e-mail is required when the host did not identify the user: without it support could not answer.
 */
export function prepareRequest(
  draft: ContactDraft,
  context: RequestContext,
): { ok: true; body: CreateRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const category = offeredCategories(context).find(
    (c) => c.id === draft.category,
  );
  if (!category) errors.category = REQUEST_MESSAGES.category;
  if (!category?.subjects.some((s) => s.id === draft.subject))
    errors.subject = category
      ? REQUEST_MESSAGES.subject
      : "Choisissez d'abord une catégorie.";
  const message = messageError(draft.message);
  if (message) errors.message = message;
  const email = draft.email.trim();
  if (email) {
    const invalid = emailError(email);
    if (invalid) errors.email = invalid;
  } else if (!context.identity) {
    errors.email =
      "Indiquez votre adresse e-mail pour que le support puisse vous répondre.";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: CreateRequest = {
    category: draft.category,
    subject: draft.subject,
    message: draft.message.trim(),
    context,
  };
  if (email) body.email = email;
  return { ok: true, body };
}

const GENERAL_INVALID =
  "Votre demande n'a pas pu être préparée à cause d'une information de la page. Réessayez ; si le problème continue, écrivez-nous par un autre moyen.";

/** The API's field details as form errors; details on the page context become one general message. */
export function detailsToErrors(details: readonly ErrorDetail[]): {
  errors: FieldErrors;
  general?: string;
} {
  const errors: FieldErrors = {};
  let general: string | undefined;
  for (const detail of details) {
    const field = FIELDS.find((name) => detail.path === name);
    if (field) errors[field] ??= detail.message;
    else general = GENERAL_INVALID;
  }
  return general ? { errors, general } : { errors };
}

/**
 * A request sent but not confirmed. The server fingerprints the exact body per `Idempotency-Key`, so a
 * retry re-sends these very bytes with this key — even if the page title or the viewport changed since —
 * for as long as the user leaves the draft as it was; an edited draft is a new request with a new key.
 */
export interface PendingRequest {
  key: string;
  body: CreateRequest;
  draft: ContactDraft;
}

/** Whether the user left the draft as it was (then a failed request is re-sent as it was). */
export const isSameDraft = (a: ContactDraft, b: ContactDraft) =>
  FIELDS.every((field) => a[field] === b[field]);

/** Failures after which the same request may simply be sent again (the server may even have stored it). */
export const isRetryable = (code: FailureCode) =>
  code === "network" ||
  code === "timeout" ||
  code === "unavailable" ||
  code === "internal" ||
  code === "rate_limited" ||
  code === "idempotency_in_progress" ||
  // A success answer the widget could not read: the request may exist, only the same key is safe.
  code === "bad_response";

/** French copy for each way sending can fail. The text the user typed is always kept. */
export function failureMessage(code: FailureCode, retryAfter?: number): string {
  switch (code) {
    case "network":
    case "timeout":
      return "Impossible de joindre le support pour le moment. Vérifiez votre connexion puis réessayez : votre message est conservé.";
    case "rate_limited":
      return `Trop de demandes ont été envoyées depuis cette connexion. Réessayez dans ${retryAfter && retryAfter > 60 ? `${Math.ceil(retryAfter / 60)} minutes` : "une minute"} : votre message est conservé.`;
    case "origin_not_allowed":
      return "Ce site n'est pas autorisé à envoyer des demandes au support. Signalez-le au responsable du site.";
    case "payload_too_large":
      return "Votre message est trop long. Raccourcissez-le puis réessayez.";
    case "idempotency_in_progress":
      return "Votre demande est en cours d'envoi. Patientez un instant.";
    case "idempotency_mismatch":
      return "Une version précédente de votre demande a peut-être déjà été reçue. Pour l'envoyer quand même, cliquez à nouveau sur « Envoyer ma demande » : elle partira comme une nouvelle demande.";
    default:
      return "Le service d'aide est momentanément indisponible. Votre message est conservé : réessayez dans quelques instants.";
  }
}

/** A new UUID v4 for `Idempotency-Key` (crypto.randomUUID needs a secure context; http hosts exist). */
export function newIdempotencyKey(crypto: Crypto): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
