import { MESSAGE_MAX } from "../contract/request-rules.ts";
import {
  SATISFACTION_SCORES,
  type SatisfactionScore,
} from "../contract/satisfaction.ts";

// The two forms of the follow-up page, read from `application/x-www-form-urlencoded` bodies. On a
// refusal the typed text comes back as typed (CR LF made LF), so the page can show it again.

/** An answer is 1..5,000 characters once trimmed, like the original message. */
export const ANSWER_MAX = MESSAGE_MAX;
/** The optional comment of a rating. */
export const COMMENT_MAX = 1000;

export type AnswerForm =
  { ok: true; text: string } | { ok: false; typed: string; error: string };

export type RatingForm =
  | { ok: true; score: SatisfactionScore; comment?: string }
  | {
      ok: false;
      score?: SatisfactionScore;
      comment: string;
      errors: { score?: string; comment?: string };
    };

/** `message` of `POST /suivi/:token/messages`. */
export function parseAnswerForm(form: URLSearchParams): AnswerForm {
  const typed = field(form, "message");
  const text = typed.trim();
  if (!text) return { ok: false, typed, error: "Écrivez votre message." };
  if (text.length > ANSWER_MAX)
    return {
      ok: false,
      typed,
      error: `Votre message fait ${count(text.length)} caractères : ${count(ANSWER_MAX)} au plus. Raccourcissez-le.`,
    };
  return { ok: true, text };
}

/** `score` (1..5) and `comment` (optional) of `POST /suivi/:token/avis`. */
export function parseRatingForm(form: URLSearchParams): RatingForm {
  const score = SATISFACTION_SCORES.find(
    (candidate) => String(candidate) === form.get("score"),
  );
  const typed = field(form, "comment");
  const comment = typed.trim();
  const errors: { score?: string; comment?: string } = {};
  if (score === undefined) errors.score = "Choisissez une réponse.";
  if (comment.length > COMMENT_MAX)
    errors.comment = `Votre commentaire fait ${count(comment.length)} caractères : ${count(COMMENT_MAX)} au plus. Raccourcissez-le.`;
  if (score === undefined || errors.comment)
    return {
      ok: false,
      ...(score === undefined ? {} : { score }),
      comment: typed,
      errors,
    };
  return comment ? { ok: true, score, comment } : { ok: true, score };
}

// Browsers submit a textarea's line breaks as CR LF (HTML § form submission); count them as one.
function field(form: URLSearchParams, name: string): string {
  return (form.get(name) ?? "").replace(/\r\n?/g, "\n");
}

const count = (n: number) => n.toLocaleString("fr-FR");
