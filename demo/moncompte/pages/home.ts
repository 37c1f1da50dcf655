/** `/`: the home page, adapted to the young person's status (or to a parent without account). */
import { h, view } from "../../shared/dom.ts";
import { departmentOf } from "../../shared/geo.ts";
import {
  badge,
  buttonGroup,
  card,
  linkButton,
  notice,
  type Kind,
  type Variant,
} from "../../shared/ui.ts";
import { to, type Page } from "../context.ts";
import { CENTRE, SEJOUR_DATES } from "../data.ts";
import {
  statusLabel,
  YOUNG,
  type MoncompteProfile,
  type YoungStatus,
} from "../profile.ts";

interface StatusHome {
  kind: Kind;
  title: string;
  text: string;
  actions: [label: string, path: string, variant: Variant][];
}

function statusHome(profile: MoncompteProfile): StatusHome {
  const dates = SEJOUR_DATES[profile.cohort] ?? "";
  const department = departmentOf(profile.department);
  const homes: Record<YoungStatus, StatusHome> = {
    IN_PROGRESS: {
      kind: "info",
      title: "Votre inscription est en cours",
      text: `Terminez les étapes restantes pour vous positionner sur le séjour ${profile.cohort}. Votre représentant légal devra ensuite donner son consentement.`,
      actions: [
        ["Reprendre mon inscription", "/inscription/consentement", "primary"],
        ["Revoir mon éligibilité", "/preinscription/eligibilite", "secondary"],
      ],
    },
    WAITING_VALIDATION: {
      kind: "info",
      title: "Votre dossier est en cours d'instruction",
      text: `Le service départemental (${department.name}) vérifie votre dossier. Vous recevrez un e-mail dès qu'il sera validé.`,
      actions: [["Voir mes informations", "/account/general", "secondary"]],
    },
    WAITING_CORRECTION: {
      kind: "warning",
      title: "Des corrections sont demandées sur votre dossier",
      text: "Le recto de votre pièce d'identité est illisible. Envoyez une nouvelle photo pour que votre dossier puisse être validé.",
      actions: [
        [
          "Corriger mon dossier",
          "/inscription/correction/documents",
          "primary",
        ],
      ],
    },
    WAITING_LIST: {
      kind: "info",
      title: "Vous êtes inscrit(e) sur liste complémentaire",
      text: `Toutes les places du séjour ${profile.cohort} sont attribuées dans votre département. Nous vous préviendrons si une place se libère ; vous pouvez aussi choisir un autre séjour.`,
      actions: [["Changer de séjour", "/changer-de-sejour", "primary"]],
    },
    REFUSED: {
      kind: "error",
      title: "Votre inscription n'a pas été retenue",
      text: "Le motif vous a été envoyé par e-mail. Si vous pensez qu'il s'agit d'une erreur, écrivez-nous.",
      actions: [["Obtenir de l'aide", "/besoin-d-aide", "secondary"]],
    },
    VALIDATED: {
      kind: "success",
      title: "Votre inscription est validée",
      text: `Vous participerez au séjour ${profile.cohort} (${dates}). Votre affectation vous sera communiquée avant le départ.`,
      actions: [["Mon séjour de cohésion", "/phase1", "primary"]],
    },
    WAITING_AFFECTATION: {
      kind: "info",
      title: "Votre affectation est en préparation",
      text: `Votre centre et votre point de rassemblement seront publiés au plus tard trois semaines avant le séjour ${profile.cohort}.`,
      actions: [["Mon séjour de cohésion", "/phase1", "primary"]],
    },
    AFFECTED: {
      kind: "success",
      title: `Vous êtes affecté(e) au ${CENTRE.name}`,
      text: `Séjour ${dates}. Confirmez votre participation pour télécharger votre convocation.`,
      actions: [
        ["Voir mon affectation", "/phase1", "primary"],
        [
          "Mon point de rassemblement",
          "/phase1#point-de-rassemblement",
          "secondary",
        ],
      ],
    },
    DONE: {
      kind: "success",
      title: "Bravo, votre séjour de cohésion est accompli !",
      text: "Place à la phase 2 : une mission d'intérêt général de 84 heures, à réaliser dans l'année qui suit votre séjour.",
      actions: [
        ["Trouver une mission", "/mission", "primary"],
        ["Ma phase 2", "/phase2", "secondary"],
      ],
    },
    NOT_DONE: {
      kind: "warning",
      title: "Votre séjour de cohésion n'a pas été réalisé",
      text: "Vous pouvez vous positionner sur un prochain séjour si des places sont ouvertes dans votre département.",
      actions: [["Changer de séjour", "/changer-de-sejour", "primary"]],
    },
    WITHDRAWN: {
      kind: "info",
      title: "Vous vous êtes désisté(e)",
      text: "Votre dossier est conservé. Vous pouvez vous réinscrire sur un prochain séjour tant que vous avez moins de 18 ans.",
      actions: [["Mon compte", "/account/general", "secondary"]],
    },
  };
  return homes[profile.status];
}

const parentHome: Page = () =>
  view(
    "Accueil",
    h("h1", null, "Espace des représentants légaux"),
    h(
      "p",
      { class: "lead" },
      "Les représentants légaux n'ont pas de compte : ils donnent leur consentement depuis le lien personnel reçu par e-mail.",
    ),
    notice(
      "info",
      "Vous n'avez pas reçu l'e-mail ?",
      "Vérifiez vos courriers indésirables, puis demandez au jeune de renvoyer le lien depuis son inscription.",
    ),
    buttonGroup(
      linkButton(
        to("/representants-legaux/consentement?token=demo-secret-token-123"),
        "Ouvrir le lien de consentement (exemple)",
      ),
      linkButton(to("/besoin-d-aide"), "Obtenir de l'aide", "secondary"),
    ),
  );

export const homePage: Page = (context) => {
  const { profile } = context;
  if (profile.role === "parent") return parentHome(context);
  const home = statusHome(profile);
  return view(
    "Accueil",
    h("h1", null, `Bonjour ${YOUNG.firstName} !`),
    h(
      "p",
      null,
      "Statut de votre dossier : ",
      badge(statusLabel(profile.status), home.kind),
    ),
    notice(home.kind, home.title, home.text),
    buttonGroup(
      home.actions.map(([label, path, variant]) =>
        linkButton(to(path), label, variant),
      ),
    ),
    h("h2", null, "Votre parcours SNU"),
    h(
      "div",
      { class: "grid" },
      card({
        title: "Phase 1 : le séjour de cohésion",
        href: to("/phase1"),
        body: [
          h(
            "p",
            null,
            "Douze jours dans un autre département, avec des jeunes de toute la France.",
          ),
        ],
      }),
      card({
        title: "Phase 2 : la mission d'intérêt général",
        href: to("/phase2"),
        body: [
          h(
            "p",
            null,
            "84 heures au service d'une association, d'une collectivité ou d'un corps en uniforme.",
          ),
        ],
      }),
      card({
        title: "Une question ?",
        href: to("/besoin-d-aide"),
        body: [
          h(
            "p",
            null,
            "Les réponses aux questions fréquentes et le formulaire de contact.",
          ),
        ],
      }),
    ),
  );
};
