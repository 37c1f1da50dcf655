/** `/besoin-d-aide` (the host's own way to open the widget), `/donnees-personnelles` and the 404 page. */
import { h, view } from "../../shared/dom.ts";
import { snuHelp } from "../../shared/snu-help.ts";
import {
  breadcrumb,
  button,
  buttonGroup,
  linkButton,
} from "../../shared/ui.ts";
import { to, type Page } from "../context.ts";

export const helpPage: Page = () =>
  view(
    "Besoin d'aide",
    breadcrumb([["Accueil", to("/")], ["Besoin d'aide"]]),
    h("h1", null, "Besoin d'aide ?"),
    h(
      "p",
      { class: "lead" },
      "Les réponses aux questions les plus fréquentes se trouvent dans l'aide de chaque page.",
    ),
    h(
      "ul",
      null,
      h(
        "li",
        null,
        h(
          "a",
          { href: to("/phase1#point-de-rassemblement") },
          "Où trouver mon point de rassemblement ?",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { href: to("/inscription/documents") },
          "Envoyer ma pièce d'identité",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { href: to("/phase2/equivalence") },
          "Faire reconnaître un engagement pour la phase 2",
        ),
      ),
    ),
    h("h2", null, "Vous n'avez pas trouvé de réponse ?"),
    h(
      "p",
      null,
      "Écrivez à l'équipe du SNU : votre demande part avec la page où vous étiez, pour une réponse plus rapide.",
    ),
    buttonGroup(
      button("Contacter le support", {
        id: "contacter-support",
        on: { click: () => snuHelp("open", "contact") },
      }),
    ),
  );

export const privacyPage: Page = () =>
  view(
    "Données personnelles",
    h("h1", null, "Données personnelles"),
    h(
      "p",
      null,
      "Quand vous écrivez au support depuis l'aide, votre message est envoyé avec le contexte de la page : son modèle d'adresse (sans identifiant ni paramètre), son titre, votre profil SNU (rôle, département, séjour, statut), la version de l'application et la taille de votre écran.",
    ),
    h(
      "p",
      null,
      "Les jetons des liens reçus par e-mail, les identifiants de dossier et le contenu des formulaires de la page ne sont jamais transmis.",
    ),
    h(
      "p",
      { class: "mention" },
      "Page de démonstration : les personnes et données présentées sont fictives.",
    ),
  );

export const notFoundPage: Page = () =>
  view(
    "Page introuvable",
    h("h1", null, "Page introuvable"),
    h("p", null, "L'adresse saisie n'existe pas ou la page a été déplacée."),
    buttonGroup(linkButton(to("/"), "Retour à l'accueil")),
  );
