import type { RequestStatus } from "../contract/request-statuses.ts";
import { REPLY_SIGNATURE } from "../contract/replies.ts";
import type { FollowUpView } from "../store/conversation-types.ts";
import { timeElement } from "./format-date.ts";
import { ANSWER_MAX } from "./follow-up-forms.ts";
import { markup, type Html } from "./html.ts";
import { renderLayout } from "./page-layout.ts";
import {
  renderSatisfaction,
  type RatingFeedback,
} from "./satisfaction-section.ts";

/** The status in plain words, as the requester reads it. */
export const STATUS_SENTENCES: Record<RequestStatus, string> = {
  new: "Votre demande a bien été reçue. L'équipe support du SNU va l'étudier et vous répondre.",
  in_progress: "Votre demande est en cours de traitement par l'équipe support.",
  waiting_user:
    "L'équipe support attend votre réponse pour continuer : écrivez-lui ci-dessous.",
  resolved:
    "Votre demande est résolue. Si ce n'est pas le cas, écrivez ci-dessous : votre message la rouvrira.",
  closed:
    "Votre demande est close. Vous pouvez encore écrire ci-dessous : votre message la rouvrira.",
};

/** What the page shows besides the request itself: confirmations and the typed values after a refusal. */
export interface FollowUpPageState {
  /** Goes into the forms' addresses; already checked against FOLLOW_UP_TOKEN_RE. */
  token: string;
  now: Date;
  /** `?envoye=1` after a POST-redirect-GET. */
  answerSent?: boolean;
  /** The answer form refused (400): the text as typed and why. */
  answer?: { typed: string; error: string };
  rating?: RatingFeedback;
}

/** `/suivi/<token>`: reference, status, satisfaction, conversation (nothing internal), answer form. */
export function renderFollowUpPage(
  view: FollowUpView,
  state: FollowUpPageState,
): string {
  const failed =
    state.answer !== undefined ||
    state.rating?.refused !== undefined ||
    state.rating?.form !== undefined;
  const title = `Suivi de votre demande ${view.reference}`;
  return renderLayout({
    // Prefixed so that a refusal is the first thing a screen reader says on the new page (RGAA 11.10).
    title: failed ? `Erreur : ${title}` : title,
    main: markup`<h1>${title}</h1>
<p class="meta">Demande envoyée le ${timeElement(view.createdAt)}</p>
<section aria-labelledby="etat-titre">
<h2 id="etat-titre">Où en est votre demande ?</h2>
<p class="status-sentence">${STATUS_SENTENCES[view.status]}</p>
</section>
${renderSatisfaction(view, state.token, state.now, state.rating ?? {})}${renderConversation(view, state.answerSent === true)}${renderAnswerForm(state)}<section class="about" aria-labelledby="a-propos-titre">
<h2 id="a-propos-titre">À propos de cette page</h2>
<p>Cette page ne demande aucun compte : le lien reçu par e-mail suffit pour l'ouvrir.</p>
<p>Gardez ce lien pour vous : toute personne qui le connaît peut lire cette conversation et y répondre. N'écrivez ni mot de passe ni numéro de pièce d'identité dans vos messages.</p>
</section>
`,
  });
}

function renderConversation(view: FollowUpView, answerSent: boolean): Html {
  const replies = view.messages.map((message) =>
    message.author === "agent"
      ? renderMessage(
          "agent",
          "L'équipe support du SNU",
          message.at,
          message.text,
          message.signature ?? REPLY_SIGNATURE,
        )
      : renderMessage("requester", "Vous", message.at, message.text),
  );
  return markup`<section id="conversation" aria-labelledby="conversation-titre">
${answerSent && markup`<p class="notice success" role="status">Votre message a bien été envoyé à l'équipe support.</p>\n`}<h2 id="conversation-titre">Conversation</h2>
<ol class="messages">
${renderMessage("requester", "Votre demande", view.createdAt, view.message)}${replies}</ol>
</section>
`;
}

function renderMessage(
  author: "agent" | "requester",
  heading: string,
  at: string,
  text: string,
  signature?: string,
): Html {
  return markup`<li class="message ${author}">
<h3>${heading}</h3>
<p class="meta">${timeElement(at)}</p>
<p class="text">${text}</p>
${signature !== undefined && markup`<p class="signature">${signature}</p>\n`}</li>
`;
}

function renderAnswerForm(state: FollowUpPageState): Html {
  const error = state.answer?.error;
  // A newline right after <textarea> is dropped by the parser: one that starts the typed text survives.
  return markup`<section id="repondre" aria-labelledby="repondre-titre">
<h2 id="repondre-titre">Écrire à l'équipe support</h2>
<form method="post" action="/suivi/${state.token}/messages">
<div class="field${error ? " invalid" : ""}">
<label for="message">Votre message</label>
<p id="message-hint" class="hint">Votre message est ajouté à la conversation et transmis à l'équipe support. Si votre demande est résolue ou close, il la rouvre. ${ANSWER_MAX.toLocaleString("fr-FR")} caractères au plus.</p>
${error && markup`<p id="message-error" class="error">${error}</p>\n`}<textarea id="message" name="message" rows="6" required aria-describedby="message-hint${error ? " message-error" : ""}"${error && markup` aria-invalid="true" autofocus`}>
${state.answer?.typed ?? ""}</textarea>
</div>
<button type="submit">Envoyer</button>
</form>
</section>
`;
}
