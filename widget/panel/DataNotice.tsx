/** What the form tells about the personal data it sends, with the host's privacy page when it has one. */
export function DataNotice({ privacyUrl }: { privacyUrl?: string }) {
  return (
    <p class="notice">
      Ces informations servent uniquement à traiter votre demande. Elles sont
      lues par l'équipe support du SNU et, le cas échéant, par le service de
      votre département, puis supprimées au plus tard un an après la clôture de
      la demande. Vous pouvez y accéder, les faire corriger ou effacer.
      {privacyUrl && (
        <>
          {" "}
          <a href={privacyUrl} target="_blank" rel="noopener noreferrer">
            En savoir plus sur vos données
            <span class="sr-only"> (nouvelle fenêtre)</span>
          </a>
        </>
      )}
    </p>
  );
}
