import {
  SATISFACTION_LABELS,
  SATISFACTION_SCORES,
  type SatisfactionScore,
} from "../contract/satisfaction.ts";
import { ratingRefusal } from "../store/conversation-rules.ts";
import {
  RATING_ASK_DAYS,
  RATING_EDIT_DAYS,
  type FollowUpView,
} from "../store/conversation-types.ts";
import { timeElement } from "./format-date.ts";
import { COMMENT_MAX } from "./follow-up-forms.ts";
import { markup, type Html } from "./html.ts";

const DAY_MS = 86_400_000;

/**
 * What the page offers: `ask` (resolved, not rated, within 30 days), `edit` (rated, within 7 days of the
 * first rating), `done` (rated, read only), `hidden`. The store's own rule decides, so the page never
 * offers a form the store would refuse.
 */
export type SatisfactionState = "hidden" | "ask" | "edit" | "done";

export function satisfactionState(
  view: FollowUpView,
  now: Date,
): SatisfactionState {
  const open = ratingRefusal(view, view.rating, now) === undefined;
  if (view.rating) return open ? "edit" : "done";
  return open ? "ask" : "hidden";
}

/** What the last submission of the rating form left to show. */
export interface RatingFeedback {
  /** `?avis=1` after a POST-redirect-GET. */
  saved?: boolean;
  /** The typed values and their errors after a 400. */
  form?: {
    score?: SatisfactionScore;
    comment: string;
    errors: { score?: string; comment?: string };
  };
  /** The store refused the rating (409). */
  refused?: "not_resolved" | "too_late";
}

const REFUSALS = {
  not_resolved:
    "Votre avis pourra être donné une fois votre demande résolue par l'équipe support.",
  too_late: "Le délai pour donner ou modifier votre avis est passé.",
};

/** The « Votre avis » section, or nothing when there is nothing to ask, show or explain. */
export function renderSatisfaction(
  view: FollowUpView,
  token: string,
  now: Date,
  feedback: RatingFeedback,
): Html | false {
  const state = satisfactionState(view, now);
  if (state === "hidden" && !feedback.refused) return false;
  return markup`<section id="satisfaction" aria-labelledby="satisfaction-titre">
<h2 id="satisfaction-titre">Votre avis</h2>
${feedback.saved && markup`<p class="notice success" role="status">Merci, votre avis a bien été enregistré.</p>\n`}${feedback.refused && markup`<p class="notice failure" role="alert">${REFUSALS[feedback.refused]}</p>\n`}${state === "ask" && markup`<p>Votre demande est résolue : dites-nous si la réponse vous a aidé(e). Vous pouvez répondre jusqu'au ${timeElement(deadline(view), false)}.</p>\n`}${(state === "edit" || state === "done") && renderGiven(view, state)}${(state === "ask" || state === "edit") && renderForm(view, token, feedback.form)}</section>
`;
}

// The last moment the form is accepted: 30 days after the resolution, 7 after the first rating.
function deadline(view: FollowUpView): string {
  const ask = Date.parse(view.resolvedAt!) + RATING_ASK_DAYS * DAY_MS;
  const edit = view.rating
    ? Date.parse(view.rating.at) + RATING_EDIT_DAYS * DAY_MS
    : ask;
  return new Date(Math.min(ask, edit)).toISOString();
}

function renderGiven(view: FollowUpView, state: "edit" | "done"): Html {
  const rating = view.rating!;
  return markup`<p class="rating">Votre avis, donné le ${timeElement(rating.at)} : <strong>${SATISFACTION_LABELS[rating.score]}</strong> (${rating.score} sur 5).</p>
${rating.comment && markup`<p class="rating">Votre commentaire : «&nbsp;<span class="text">${rating.comment}</span>&nbsp;»</p>\n`}${state === "edit" && markup`<p>Vous pouvez modifier votre avis jusqu'au ${timeElement(deadline(view), false)}.</p>\n`}`;
}

function renderForm(
  view: FollowUpView,
  token: string,
  typed: RatingFeedback["form"],
): Html {
  const checked = typed ? typed.score : view.rating?.score;
  const comment = typed ? typed.comment : (view.rating?.comment ?? "");
  const errors = typed?.errors ?? {};
  // The first field in error takes the focus when the page loads, so that its error is read out (no script).
  const focusScore = errors.score !== undefined;
  const focusComment = !focusScore && errors.comment !== undefined;
  const choices = SATISFACTION_SCORES.map(
    (score, index) =>
      markup`<div class="choice"><input type="radio" id="score-${score}" name="score" value="${score}" required${checked === score && " checked"}${errors.score && markup` aria-invalid="true" aria-describedby="score-error"`}${focusScore && index === 0 && " autofocus"}><label for="score-${score}">${SATISFACTION_LABELS[score]}</label></div>\n`,
  );
  // A newline right after <textarea> is dropped by the parser: one that starts the typed text survives.
  return markup`<form method="post" action="/suivi/${token}/avis">
<fieldset role="radiogroup"${errors.score && markup` class="invalid" aria-describedby="score-error"`}>
<legend>Êtes-vous satisfait(e) de la réponse ?</legend>
${errors.score && markup`<p id="score-error" class="error">${errors.score}</p>\n`}${choices}</fieldset>
<div class="field${errors.comment ? " invalid" : ""}">
<label for="comment">Commentaire (facultatif)</label>
<p id="comment-hint" class="hint">${COMMENT_MAX.toLocaleString("fr-FR")} caractères au plus. N'y indiquez pas d'informations personnelles.</p>
${errors.comment && markup`<p id="comment-error" class="error">${errors.comment}</p>\n`}<textarea id="comment" name="comment" rows="3" aria-describedby="comment-hint${errors.comment ? " comment-error" : ""}"${errors.comment && markup` aria-invalid="true"`}${focusComment && " autofocus"}>
${comment}</textarea>
</div>
<button type="submit">Envoyer mon avis</button>
</form>
`;
}
