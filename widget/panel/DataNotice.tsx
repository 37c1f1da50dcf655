import { NewTabLink } from "../shared/NewTabLink.tsx";

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
          <NewTabLink href={privacyUrl}>
            En savoir plus sur vos données
          </NewTabLink>
        </>
      )}
    </p>
  );
}
