/** `/besoin-d-aide` (the host's own way to open the widget) and the 404 page. */
import { h, view } from "../../shared/dom.ts";
import { snuHelp } from "../../shared/snu-help.ts";
import { button, buttonGroup, linkButton } from "../../shared/ui.ts";
import { to, type Page } from "../context.ts";

export const helpPage: Page = () =>
  view(
    "Besoin d'aide",
    h("h1", null, "Besoin d'aide ?"),
    h(
      "p",
      { class: "lead" },
      "Chaque page de l'administration a son aide : ouvrez-la depuis la page où vous êtes bloqué(e).",
    ),
    h(
      "ul",
      null,
      h(
        "li",
        null,
        h(
          "a",
          { href: to("/volontaire") },
          "Demander une correction à un volontaire, champ par champ",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { href: to("/inscription") },
          "Objectif départemental atteint : la liste complémentaire",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { href: to("/centre") },
          "Pointer l'arrivée des volontaires d'un séjour",
        ),
      ),
    ),
    h("h2", null, "Écrire au support"),
    h(
      "p",
      null,
      "Votre demande part avec la page, votre rôle et votre périmètre : inutile de les préciser.",
    ),
    buttonGroup(
      button("Contacter le support", {
        id: "contacter-support",
        on: { click: () => snuHelp("open", "contact") },
      }),
    ),
  );

export const notFoundPage: Page = () =>
  view(
    "Page introuvable",
    h("h1", null, "Page introuvable"),
    h(
      "p",
      null,
      "Cette adresse ne correspond à aucune page de l'administration.",
    ),
    buttonGroup(linkButton(to("/dashboard"), "Retour au tableau de bord")),
  );
