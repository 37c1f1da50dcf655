import { REPLY_SIGNATURE } from "../../contract/replies.ts";
import type {
  ConversationMessage,
  MailStatus,
} from "../../contract/support-conversation.ts";
import type { RequestDetail } from "../../contract/support-requests.ts";
import { formatDateTime } from "../format.ts";
import { RatingSummary } from "./RatingSummary.tsx";

/** How the e-mail carrying a reply fared, in the console's words (issue 10). */
export function deliveryLabel(mail: MailStatus | undefined): string {
  if (!mail)
    return "Pas d'adresse e-mail : réponse visible sur la page de suivi";
  if (mail.state === "pending") return "En attente d'envoi";
  if (mail.state === "failed")
    return `Échec : ${mail.lastError ?? "l'envoi n'a pas abouti"}`;
  return mail.transport === "file"
    ? "Déposée dans le dossier mail (aucun serveur SMTP configuré)"
    : "Envoyée";
}

function Delivery(props: {
  message: ConversationMessage;
  busy: boolean;
  onRetry: (mailId: number) => void;
}) {
  const { mail } = props.message;
  const id = `delivery-${props.message.id}`;
  return (
    <div class="delivery-row">
      <p class={`delivery delivery-${mail?.state ?? "none"}`} id={id}>
        {deliveryLabel(mail)}
      </p>
      {mail?.state === "failed" && (
        <button
          type="button"
          class="button secondary small"
          aria-describedby={id}
          aria-disabled={props.busy ? "true" : undefined}
          onClick={() => !props.busy && props.onRetry(mail.id)}
        >
          Réessayer
        </button>
      )}
    </div>
  );
}

/** « L'équipe support du SNU (Claire Dubois) »: the team signs, staff also see who wrote it. */
function authorOf(message: ConversationMessage): string {
  if (message.author === "requester") return "L'usager";
  return message.actor
    ? `${REPLY_SIGNATURE} (${message.actor.displayName})`
    : REPLY_SIGNATURE;
}

/**
 * The public conversation: the original message, then each reply (with its e-mail's fate) and each answer
 * of the requester, oldest first. Internal notes are never here (they stay in « Historique »). Every text
 * is rendered as text.
 */
export function Conversation({
  request,
  busy,
  onRetry,
}: {
  request: RequestDetail;
  busy: boolean;
  onRetry: (mailId: number) => void;
}) {
  return (
    <>
      <p class="requester-address">
        {request.email
          ? `Adresse e-mail de l'usager : ${request.email}`
          : "Pas d'adresse e-mail : l'usager suit sa demande par sa page de suivi."}
      </p>
      <ol class="conversation">
        <li class="msg msg-requester">
          <h3 class="msg-title">Message initial</h3>
          <p class="msg-meta">
            L'usager, le{" "}
            <time dateTime={request.createdAt}>
              {formatDateTime(request.createdAt)}
            </time>
          </p>
          <p class="message">{request.message}</p>
        </li>
        {request.messages.map((message) => (
          <li
            key={message.id}
            class={`msg ${message.author === "agent" ? "msg-reply" : "msg-requester"}`}
          >
            <h3 class="msg-title">
              {message.author === "agent"
                ? "Réponse envoyée à l'usager"
                : "Réponse de l'usager"}
            </h3>
            <p class="msg-meta">
              {authorOf(message)}, le{" "}
              <time dateTime={message.at}>{formatDateTime(message.at)}</time>
            </p>
            <p class="msg-text">{message.text}</p>
            {message.author === "agent" && (
              <>
                {message.signature && (
                  <p class="msg-signature">Signée : {message.signature}</p>
                )}
                <Delivery message={message} busy={busy} onRetry={onRetry} />
              </>
            )}
          </li>
        ))}
      </ol>
      {request.rating && <RatingSummary rating={request.rating} />}
    </>
  );
}
