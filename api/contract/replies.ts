import * as z from "zod/mini";

// Issue 10: the console's reply composer and reply templates (« Réponses types »). The server validates
// with these schemas; the console imports them for its types.

export const REPLY_MAX = 5000;
export const REPLY_TEMPLATE_TITLE_MAX = 120;

/** The status a reply leaves the request in: waiting for the user's answer, resolved, or as it is. */
export const REPLY_STATUSES = [
  "waiting_user",
  "resolved",
  "unchanged",
] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** `POST /support/api/requests/:reference/replies`. */
export const ReplySchema = z.strictObject({
  text: z
    .string({ error: "Écrivez la réponse." })
    .check(
      z.trim(),
      z.minLength(1, "Écrivez la réponse."),
      z.maxLength(REPLY_MAX, "Une réponse fait 5 000 caractères au plus."),
    ),
  status: z.enum(REPLY_STATUSES, { error: "Statut après la réponse inconnu." }),
  /** Sign with the author's display name too (remembered on the account). */
  signWithName: z.optional(z.boolean()),
});
export type ReplyInput = z.infer<typeof ReplySchema>;

/** Every reply is signed so; with the author's name when the account chooses it. */
export const REPLY_SIGNATURE = "L'équipe support du SNU";
export function replySignature(displayName?: string): string {
  return displayName ? `${REPLY_SIGNATURE} — ${displayName}` : REPLY_SIGNATURE;
}

/** `POST /support/api/reply-templates`, `PUT /support/api/reply-templates/:id`. */
export const ReplyTemplateSchema = z.strictObject({
  title: z
    .string({ error: "Donnez un titre." })
    .check(
      z.trim(),
      z.minLength(1, "Donnez un titre."),
      z.maxLength(
        REPLY_TEMPLATE_TITLE_MAX,
        `Un titre fait ${REPLY_TEMPLATE_TITLE_MAX} caractères au plus.`,
      ),
    ),
  text: z
    .string({ error: "Écrivez le texte." })
    .check(
      z.trim(),
      z.minLength(1, "Écrivez le texte."),
      z.maxLength(REPLY_MAX, "Un texte fait 5 000 caractères au plus."),
    ),
  category: z.optional(
    z.string().check(z.regex(/^[A-Z0-9_]{1,40}$/, "Catégorie inconnue.")),
  ),
  subject: z.optional(
    z.string().check(z.regex(/^[A-Z0-9_]{1,40}$/, "Sujet inconnu.")),
  ),
});
export type ReplyTemplateBody = z.infer<typeof ReplyTemplateSchema>;

/**
 * A template's text with its placeholders filled: `{reference}` → the request's reference, `{page}` →
 * the label of its page. Unknown braces stay as typed.
 */
export function fillTemplate(
  text: string,
  values: { reference: string; page: string },
): string {
  return text.replace(
    /\{(reference|page)\}/g,
    (_, name: "reference" | "page") => values[name],
  );
}
