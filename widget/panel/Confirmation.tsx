import type { CreatedRequest } from "../../api/contract/request.ts";

/** What the user reads once the request is created (inside the form's `role="status"`). */
export function Confirmation({
  created,
  email,
}: {
  created: CreatedRequest;
  /** Where support will answer; the account's address when empty. */
  email: string;
}) {
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
    </div>
  );
}
