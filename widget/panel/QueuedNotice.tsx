/**
 * What the form's status region says while a submission waits to be sent; `volatile` when storage could
 * not keep it (refused or full), so that it lives in this page only.
 */
export function QueuedNotice({ volatile }: { volatile: boolean }) {
  return (
    <div class="confirmation queued">
      <p class="confirmation-title">
        Votre demande sera envoyée dès que la connexion revient.
      </p>
      <p>
        {volatile
          ? "Gardez cette page ouverte : ce navigateur ne peut pas la garder si vous la fermez."
          : "Elle est gardée dans ce navigateur, même si vous fermez la page : vous verrez ici sa référence une fois reçue."}
      </p>
    </div>
  );
}
