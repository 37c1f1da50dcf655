// The request's rules and French messages without zod, so the widget can check a form with the very
// rules the API applies (its bundle stays small) and both sides say the same thing.

/** Bounds of the wire contract (ARCHITECTURE §3). The widget bounds what it sends; the server refuses. */
export const MESSAGE_MIN = 10;
export const MESSAGE_MAX = 5000;
export const EMAIL_MAX = 254;
export const TITLE_MAX = 200;
export const USER_AGENT_MAX = 400;
export const CUSTOM_MAX_KEYS = 20;
export const CUSTOM_VALUE_MAX = 200;
export const TIPS_SHOWN_MAX = 20;
export const IDENTITY_TEXT_MAX = {
  region: 60,
  cohort: 60,
  userId: 100,
} as const;

/** Département codes as strings: 01…95 (no 20), 2A, 2B, 971…976. */
export const DEPARTMENT_RE =
  /^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const CUSTOM_KEY_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/;

/**
 * French messages of the fields a person fills in, as the widget's form shows them. Those only the API
 * says (a category the platform does not offer, a malformed département) live in request.ts, out of the
 * widget's bundle.
 */
export const REQUEST_MESSAGES = {
  category: "Choisissez une catégorie.",
  subject: "Choisissez un sujet.",
  messageMissing: "Écrivez votre message.",
  messageTooShort: `Votre message doit faire au moins ${MESSAGE_MIN} caractères.`,
  messageTooLong: `Votre message doit faire ${MESSAGE_MAX} caractères au plus.`,
  emailInvalid:
    "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
  emailTooLong: "L'adresse e-mail est trop longue.",
} as const;

/** The message's error, if any, once trimmed (as the API trims it). */
export function messageError(message: string): string | undefined {
  const length = message.trim().length;
  if (length === 0) return REQUEST_MESSAGES.messageMissing;
  if (length < MESSAGE_MIN) return REQUEST_MESSAGES.messageTooShort;
  if (length > MESSAGE_MAX) return REQUEST_MESSAGES.messageTooLong;
  return undefined;
}

/** The e-mail's error, if any, once trimmed. */
export function emailError(email: string): string | undefined {
  const trimmed = email.trim();
  if (trimmed.length > EMAIL_MAX) return REQUEST_MESSAGES.emailTooLong;
  return EMAIL_RE.test(trimmed) ? undefined : REQUEST_MESSAGES.emailInvalid;
}
