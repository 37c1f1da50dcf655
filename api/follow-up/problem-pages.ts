import { markup } from "./html.ts";
import { renderLayout } from "./page-layout.ts";

// Every refusal on `/suivi/*` is a short French page, the same bytes for a given status: in particular
// the 404 says nothing of whether a token was malformed, unknown or expired (issue 10).

const BACK =
  "Revenez à la page précédente avec le bouton Retour de votre navigateur : le texte saisi y est en général conservé.";

const PROBLEMS: Record<number, { title: string; text: string[] }> = {
  403: {
    title: "Envoi refusé",
    text: [
      "Ce formulaire ne peut être envoyé que depuis la page de suivi elle-même.",
      "Rouvrez le lien de suivi reçu par e-mail, puis réessayez.",
    ],
  },
  404: {
    title: "Lien de suivi introuvable",
    text: [
      "Ce lien de suivi n'existe pas ou n'est plus valable.",
      "Vérifiez que vous avez copié le lien en entier depuis l'e-mail reçu. Les demandes anciennes sont anonymisées et ne peuvent plus être suivies : si besoin, envoyez une nouvelle demande depuis le bouton « Aide » de la plateforme.",
    ],
  },
  413: {
    title: "Envoi trop volumineux",
    text: [
      "Votre envoi dépasse la taille acceptée (16 Ko). Raccourcissez votre texte (5 000 caractères au plus pour un message, 1 000 pour un commentaire).",
      BACK,
    ],
  },
  415: {
    title: "Envoi non reconnu",
    text: ["Ce formulaire n'a pas pu être lu.", BACK],
  },
  429: {
    title: "Trop de demandes",
    text: [
      "Trop de demandes ont été envoyées depuis cette connexion. Réessayez dans une minute.",
    ],
  },
  503: {
    title: "Service momentanément indisponible",
    text: [
      "Le service est momentanément indisponible. Réessayez dans quelques instants.",
    ],
  },
};

const UNEXPECTED = {
  title: "Une erreur est survenue",
  text: ["Une erreur inattendue est survenue. Réessayez plus tard.", BACK],
};

/** The page for a refused or failed `/suivi/*` request, by HTTP status. */
export function renderProblemPage(status: number): string {
  const problem = PROBLEMS[status] ?? UNEXPECTED;
  return renderLayout({
    title: problem.title,
    main: markup`<h1>${problem.title}</h1>
${problem.text.map((text) => markup`<p>${text}</p>\n`)}`,
  });
}
