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
import type { FailureCode } from "../shared/api-client.ts";
import {
  FIELDS,
  type ContactDraft,
  type ContactField,
} from "../shared/contact-fields.ts";
import { hasOwn } from "../shared/has-own.ts";

export type FieldErrors = Partial<Record<ContactField, string>>;

export const EMPTY_DRAFT: ContactDraft = {
  category: "",
  subject: "",
  message: "",
  email: "",
};

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
 * French copy for an answer no retry can change (the failures a retry can fix keep the request in the
 * outbox instead; a key is never reused with other bytes, so `idempotency_mismatch` cannot come). The text
 * the user typed is always kept.
 */
export function failureMessage(code: FailureCode): string {
  // Own keys only: a code made up by a proxy (`constructor`…) finds nothing on Object.prototype.
  return hasOwn(FAILURE_MESSAGES, code)
    ? FAILURE_MESSAGES[code]!
    : "Le support n'a pas pu enregistrer votre demande. Votre message est conservé : vérifiez-le puis réessayez.";
}

const FAILURE_MESSAGES: Partial<Record<FailureCode, string>> = {
  origin_not_allowed:
    "Ce site n'est pas autorisé à envoyer des demandes au support. Signalez-le au responsable du site.",
  payload_too_large:
    "Votre message est trop long. Raccourcissez-le puis réessayez.",
  expired:
    "Votre demande attend depuis plus d'un jour sans confirmation du support. Vérifiez-la puis envoyez-la à nouveau.",
};

/**
 * A new UUID v4 for `Idempotency-Key`, from `getRandomValues` — unlike `randomUUID`, it also works on
 * hosts served over plain http.
 */
export function newIdempotencyKey(crypto: Crypto): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1))
    .join("")
    .replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}
