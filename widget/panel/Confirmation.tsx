import type { CreatedRequest } from "../../api/contract/request.ts";
import { NewTabLink } from "../shared/NewTabLink.tsx";
import { FOLLOW_UP_URL_RE } from "./my-requests.ts";

/** What the user reads once the request is created (inside the form's `role="status"`). */
export function Confirmation({
  created,
  email,
}: {
  created: CreatedRequest;
  /** Where support will answer; the account's address when empty. */
  email: string;
}) {
  // Issue 10: the follow-up link, when the server gave one (an older server does not).
  const link = created.followUpUrl;
  return (
    <div class="confirmation">
      <p class="confirmation-title">Votre demande a bien été envoyée.</p>
      <p>
        Sa référence est <strong>{created.reference}</strong>. Notez-la : elle
        permet de retrouver votre demande.
      </p>
      <p>
        L'équipe support vous répondra par e-mail
        {email ? ` à l'adresse ${email}` : " à l'adresse de votre compte"}. Vous
        n'avez rien d'autre à faire.
      </p>
      {/* RegExp#test reads undefined as "undefined": no link. Only http(s) is rendered. */}
      {FOLLOW_UP_URL_RE.test(link!) && (
        <p>
          <NewTabLink href={link!}>Suivre ma demande</NewTabLink> : ce lien
          permet de suivre votre demande et de répondre au support
          {email && " ; il figure aussi dans chaque e-mail"}.
        </p>
      )}
    </div>
  );
}
